// SPDX-License-Identifier: MIT
/* uniq [-c] [FILE]: the lines of a file (or standard input) with adjacent repeats dropped; -c
 * puts how many times each came first. */
#include "../command.h"
#include "common.h"

static void print_line(const char *line, long repeats, bool count)
{
	if (count)
		printf("%7ld %s", repeats, line);
	else
		fputs(line, stdout);
}

int uniq_main(int argc, char **argv)
{
	bool count = false;
	char *line = NULL, *previous = NULL;
	size_t size = 0;
	long repeats = 0;
	int option;

	while ((option = getopt(argc, argv, "c")) != -1) {
		if (option == '?')
			return 2;
		count = true;
	}
	const char *path = optind < argc ? argv[optind] : "-";
	FILE *file = common_open_input(path);

	if (!file) {
		fprintf(stderr, "uniq: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while (!command_interrupted() && getline(&line, &size, file) >= 0) {
		if (previous && !strcmp(previous, line)) {
			repeats++;
			continue;
		}
		if (previous)
			print_line(previous, repeats, count);
		free(previous);
		previous = strdup(line);
		repeats = 1;
		if (!previous)
			break;
	}
	if (previous)
		print_line(previous, repeats, count);
	free(previous);
	free(line);
	common_close_input(file);
	return ferror(stdout) ? 1 : 0;
}
