// SPDX-License-Identifier: MIT
/* tail [-n LINES] [-f] [FILE]: the last lines (10) of a file or standard input; -f goes on
 * printing what is appended until Ctrl-C. */
#include <time.h>
#include "../command.h"
#include "common.h"

/* Prints the last COUNT lines of FILE, kept in a ring of lines as they stream past. */
static int print_last_lines(FILE *file, long count)
{
	char **lines = count ? calloc((size_t)count, sizeof(char *)) : NULL;
	size_t size = 0;
	long seen = 0;
	char *line = NULL;

	if (count && !lines)
		return -1;
	while (getline(&line, &size, file) >= 0 && !command_interrupted()) {
		if (!count)
			continue;
		free(lines[seen % count]);
		lines[seen % count] = line;
		line = NULL;
		size = 0;
		seen++;
	}
	free(line);
	long first = seen > count ? seen - count : 0;

	for (long i = first; i < seen; i++)
		fputs(lines[i % count], stdout);
	for (long i = 0; i < count; i++)
		free(lines[i]);
	free(lines);
	return ferror(stdout) ? -1 : 0;
}

static int follow(FILE *file)
{
	struct timespec pause = {0, 200 * 1000 * 1000};
	char buffer[4096];
	ssize_t got;

	fflush(stdout);
	while (!command_interrupted()) {
		got = read(fileno(file), buffer, sizeof(buffer));
		if (got > 0) {
			if (fwrite(buffer, 1, (size_t)got, stdout) != (size_t)got || fflush(stdout))
				return -1;
			continue;
		}
		if (got < 0 && errno != EINTR)
			return -1;
		nanosleep(&pause, NULL);
	}
	return 0;
}

int tail_main(int argc, char **argv)
{
	long count = 10;
	bool following = false;
	int option, status = 0;
	char *end;

	while ((option = getopt(argc, argv, "n:f")) != -1) {
		if (option == '?')
			return 2;
		if (option == 'f') {
			following = true;
			continue;
		}
		count = strtol(optarg[0] == '+' ? optarg + 1 : optarg, &end, 10);
		if (*end || count < 0) {
			fprintf(stderr, "tail: invalid number of lines '%s'\n", optarg);
			return 2;
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "tail: one file at a time\n");
		return 2;
	}
	const char *path = optind < argc ? argv[optind] : "-";
	FILE *file = common_open_input(path);

	if (!file) {
		fprintf(stderr, "tail: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (print_last_lines(file, count) || (following && follow(file)))
		status = 1;
	common_close_input(file);
	return status;
}
