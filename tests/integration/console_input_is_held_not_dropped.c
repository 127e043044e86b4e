/* SPDX-License-Identifier: MIT */
/* console_input_is_held_not_dropped: a regression test. Serial input that comes faster than the
 * program reads used to be dropped once the console's 4 KiB buffer was full (the shell lost
 * bytes of a 10,000-character line now and then). Now the UART keeps what the console has no
 * room for, and QEMU's serial line waits. run.sh feeds 16,020 bytes (267 numbered lines of 60)
 * from the first moment of boot; the program reads none of it for 300 ms, takes the first half
 * line by line in canonical mode, waits again, and reads the rest in raw mode: every line must
 * come, whole and in order. */
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define LINES	    267
#define LINE_LENGTH 60

static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static void pause_ms(long ms)
{
	struct timespec pause = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&pause, NULL);
}

static int line_is_right(const char *line, int index)
{
	char expected[LINE_LENGTH + 1];

	snprintf(expected, 6, "%04d ", index);
	for (int i = 0; i < LINE_LENGTH - 6; i++)
		expected[5 + i] = alphabet[(index + i) % 62];
	expected[LINE_LENGTH - 1] = '\n';
	return memcmp(line, expected, LINE_LENGTH) == 0;
}

/* Reads what comes into DATA from HAVE up to WANT bytes; stops when 2 s pass with nothing. */
static size_t read_until(char *data, size_t have, size_t want)
{
	struct pollfd input = {0, POLLIN, 0};

	while (have < want && poll(&input, 1, 2000) == 1) {
		ssize_t got = read(0, data + have, want - have);
		if (got <= 0)
			break;
		have += (size_t)got;
	}
	return have;
}

static void set_mode(int canonical)
{
	struct termios mode;

	CHECK(tcgetattr(0, &mode) == 0, "tcgetattr failed");
	mode.c_lflag &= ~(ECHO | ECHONL);
	if (canonical) {
		mode.c_lflag |= ICANON;
	} else {
		mode.c_lflag &= ~ICANON;
		mode.c_cc[VMIN] = 1;
		mode.c_cc[VTIME] = 0;
	}
	CHECK(tcsetattr(0, TCSANOW, &mode) == 0, "tcsetattr failed");
}

int main(void)
{
	static char data[LINES * LINE_LENGTH + 1];
	size_t have = 0;
	int wrong = 0, first_wrong = -1;

	setvbuf(stdout, NULL, _IONBF, 0);
	set_mode(1);
	pause_ms(300);
	have = read_until(data, have, LINES / 2 * LINE_LENGTH);
	set_mode(0);
	pause_ms(300);
	have = read_until(data, have, LINES * LINE_LENGTH);
	CHECK(have == LINES * LINE_LENGTH, "%zu of %d bytes arrived", have, LINES * LINE_LENGTH);
	for (int i = 0; i < LINES && (size_t)(i + 1) * LINE_LENGTH <= have; i++)
		if (!line_is_right(data + i * LINE_LENGTH, i) && wrong++ == 0)
			first_wrong = i;
	CHECK(wrong == 0, "%d lines differ, the first is line %d", wrong, first_wrong);
	printf("\n%zu of %d bytes arrived, %d lines wrong\n", have, LINES * LINE_LENGTH,
	       wrong); /* the newline first: after any echo */
	return test_result();
}
