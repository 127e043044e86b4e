/* SPDX-License-Identifier: MIT */
/* stream_probe MODE [ARGUMENTS...]: what a program sees of how it was started, for
 * tests/streams/streams.sh. Modes:
 *   isatty   prints "isatty 0=N 1=N 2=N" (1: a terminal) on standard output
 *   split    writes "to stdout\n" and five raw bytes (0, 1, \r, \n, 0xff) to standard output
 *            and "to stderr\n" to standard error, with write(2)
 *   args     prints "args COUNT HEX": the arguments after MODE, each followed by a NUL byte,
 *            in hexadecimal (what a terminal does to a byte changes nothing then)
 *   env      writes each environment variable followed by a NUL byte
 *   cwd      prints the working directory
 *   crash    prints "about to crash" and dereferences NULL */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static void write_all(int fd, const void *data, size_t length)
{
	while (length) {
		ssize_t written = write(fd, data, length);
		if (written <= 0)
			return;
		data = (const char *)data + written;
		length -= (size_t)written;
	}
}

static void write_words(char **words, int count)
{
	for (int i = 0; i < count; i++)
		write_all(1, words[i], strlen(words[i]) + 1);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	char directory[4096];

	if (!strcmp(mode, "isatty")) {
		printf("isatty 0=%d 1=%d 2=%d\n", isatty(0), isatty(1), isatty(2));
	} else if (!strcmp(mode, "split")) {
		write_all(1, "to stdout\n\0\1\r\n\377", 15);
		write_all(2, "to stderr\n", 10);
	} else if (!strcmp(mode, "args")) {
		printf("args %d ", argc - 2);
		for (int i = 2; i < argc; i++)
			for (const unsigned char *byte = (const void *)argv[i];; byte++) {
				printf("%02x", *byte);
				if (!*byte)
					break;
			}
		printf("\n");
	} else if (!strcmp(mode, "env")) {
		int count = 0;
		while (environ[count])
			count++;
		write_words(environ, count);
	} else if (!strcmp(mode, "cwd")) {
		printf("%s\n", getcwd(directory, sizeof(directory)) ? directory : "(none)");
	} else if (!strcmp(mode, "crash")) {
		printf("about to crash\n");
		fflush(stdout);
		return *(volatile int *)0;
	} else {
		fprintf(stderr, "stream_probe: unknown mode '%s'\n", mode);
		return 2;
	}
	return 0;
}
