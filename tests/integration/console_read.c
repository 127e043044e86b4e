/* SPDX-License-Identifier: MIT */
/* console_read: input on the serial console reaches read(0): run.sh feeds console_read.stdin
 * (or console_read@short.stdin) to `yolk run`, so the input is there from the first moment of
 * boot, as with `echo ... | yolk run`. The lines must arrive whole and in order, including one
 * longer than the UART's FIFO and the kernel's line buffers; the program stops at the line
 * "exit". With the argument "short" only the first two lines come. The console may echo the
 * input (a terminal with ECHO set does), so the summary waits for the echo to end. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "check.h"

#define LONG_LINE 500

static void check_line(int index, const char *line)
{
	static const char *const expected[] = {"first line", "second line with  spaces"};
	static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	size_t length = strlen(line);
	int pattern_ok = 1;

	if (index < 2) {
		CHECK(strcmp(line, expected[index]) == 0, "line %d is [%s], expected [%s]",
		      index + 1, line, expected[index]);
		return;
	}
	for (size_t i = 0; i < length; i++)
		pattern_ok &= line[i] == alphabet[i % 36];
	CHECK(length == LONG_LINE && pattern_ok,
	      "the %d-character line arrived as %zu characters%s", LONG_LINE, length,
	      pattern_ok ? "" : ", changed");
}

int main(int argc, char **argv)
{
	int expected_lines = argc > 1 && strcmp(argv[1], "short") == 0 ? 2 : 3;
	char line[1024];
	int count = 0, saw_exit = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("ready for input\n");
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strcmp(line, "exit") == 0) {
			saw_exit = 1;
			break;
		}
		if (count < expected_lines)
			check_line(count, line);
		printf("read line %d (%zu characters)\n", count + 1, strlen(line));
		count++;
	}
	nanosleep(&(struct timespec){0, 200000000}, NULL);
	printf("\nread %d lines before exit\n", count);
	CHECK(saw_exit, "input ended before the line \"exit\"");
	CHECK(count == expected_lines, "read %d lines before \"exit\", expected %d", count,
	      expected_lines);
	return test_result();
}
