/* SPDX-License-Identifier: MIT */
/* tty: the console is a terminal with termios. TTY=raw: input typed before raw mode (a partial
 * line, no newline) becomes readable when ICANON goes off, byte by byte with VMIN 1, and echo
 * can be turned off. TTY=sigint: ^C on the console is SIGINT for the program, whose default
 * action ends it with status 130 (the ^C may come before or after main starts; either way). */
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	const char *mode = getenv("TTY");
	struct termios settings, raw;
	char buffer[16];

	CHECK(isatty(0) && tcgetattr(0, &settings) == 0, "stdin is a terminal");
	CHECK(settings.c_lflag & ICANON && settings.c_lflag & ISIG && settings.c_lflag & ECHO,
	      "canonical, signals and echo by default");
	if (mode && !strcmp(mode, "sigint")) {
		printf("waiting for ^C\n");
		fflush(stdout);
		while (read(0, buffer, sizeof(buffer)) >= 0)
			;
		printf("read failed instead of a signal\n");
		return 1;
	}
	raw = settings;
	cfmakeraw(&raw);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	CHECK(tcsetattr(0, TCSANOW, &raw) == 0, "raw mode");
	size_t got = 0;
	while (got < 3) {
		ssize_t n = read(0, buffer + got, 3 - got);
		if (n <= 0)
			break;
		got += n;
	}
	CHECK(got == 3 && !memcmp(buffer, "abc", 3), "raw read gave %zu bytes", got);
	printf("\n");	    /* the echo of the typed-ahead "abc" ends the line before it */
	raw.c_cc[VMIN] = 0; /* VMIN 0, VTIME 0: a read returns at once */
	tcsetattr(0, TCSANOW, &raw);
	CHECK(read(0, buffer, sizeof(buffer)) == 0, "nothing more to read");
	CHECK(tcsetattr(0, TCSANOW, &settings) == 0, "back to canonical");
	struct winsize size = {.ws_row = 50, .ws_col = 132};
	CHECK(ioctl(0, TIOCSWINSZ, &size) == 0 && ioctl(0, TIOCGWINSZ, &size) == 0 &&
		  size.ws_col == 132,
	      "window size set and read");
	return test_result();
}
