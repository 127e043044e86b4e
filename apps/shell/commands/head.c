// SPDX-License-Identifier: MIT
/* head [-n LINES | -c BYTES] [FILE...]: the first lines (10) or bytes of each file. */
#include "../command.h"
#include "common.h"

static int head_file(FILE *file, long count, bool bytes)
{
	int c;

	while (count > 0 && !command_interrupted() && (c = fgetc(file)) != EOF) {
		if (putchar(c) == EOF)
			return -1;
		if (bytes || c == '\n')
			count--;
	}
	return ferror(stdout) ? -1 : 0;
}

int head_main(int argc, char **argv)
{
	long count = 10;
	bool bytes = false;
	int option, status = 0;
	char *end;

	while ((option = getopt(argc, argv, "n:c:")) != -1) {
		if (option == '?')
			return 2;
		bytes = option == 'c';
		count = strtol(optarg, &end, 10);
		if (*end || count < 0) {
			fprintf(stderr, "head: invalid number '%s'\n", optarg);
			return 2;
		}
	}
	int files = argc - optind;

	for (int i = files ? optind : optind - 1; i < argc; i++) {
		const char *path = files ? argv[i] : "-";
		FILE *file = common_open_input(path);

		if (!file) {
			fprintf(stderr, "head: %s: %s\n", path, strerror(errno));
			status = 1;
			continue;
		}
		if (files > 1)
			printf("%s==> %s <==\n", i > optind ? "\n" : "", path);
		if (head_file(file, count, bytes))
			status = 1;
		common_close_input(file);
	}
	return status;
}
