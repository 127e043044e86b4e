// SPDX-License-Identifier: MIT
/* grep [-i] [-v] [-n] [-c] [-q] [-E] PATTERN [FILE...]: the lines that match a regular
 * expression (basic, or extended with -E; musl's regcomp). Status 0 when a line was selected,
 * 1 when none, 2 on an error. */
#include <regex.h>
#include "../command.h"
#include "common.h"

struct grep_options {
	bool invert, numbers, count, quiet, names;
};

static long grep_file(FILE *file, const char *name, const regex_t *regex,
		      const struct grep_options *options)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t length;
	long number = 0, selected = 0;

	while (!command_interrupted() && (length = getline(&line, &size, file)) >= 0) {
		number++;
		if (length && line[length - 1] == '\n')
			line[length - 1] = 0;
		if ((regexec(regex, line, 0, NULL, 0) == 0) == options->invert)
			continue;
		selected++;
		if (options->quiet)
			break;
		if (options->count)
			continue;
		if (options->names)
			printf("%s:", name);
		if (options->numbers)
			printf("%ld:", number);
		if (puts(line) == EOF)
			break;
	}
	free(line);
	if (options->count && !options->quiet) {
		if (options->names)
			printf("%s:", name);
		printf("%ld\n", selected);
	}
	return selected;
}

int grep_main(int argc, char **argv)
{
	struct grep_options options = {0};
	int flags = REG_NOSUB, option, status = 1;
	regex_t regex;

	while ((option = getopt(argc, argv, "ivncqE")) != -1) {
		switch (option) {
		case 'i':
			flags |= REG_ICASE;
			break;
		case 'v':
			options.invert = true;
			break;
		case 'n':
			options.numbers = true;
			break;
		case 'c':
			options.count = true;
			break;
		case 'q':
			options.quiet = true;
			break;
		case 'E':
			flags |= REG_EXTENDED;
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "grep: no pattern (usage: grep [-ivncqE] PATTERN [FILE...])\n");
		return 2;
	}
	int error = regcomp(&regex, argv[optind++], flags);

	if (error) {
		char message[128];

		regerror(error, &regex, message, sizeof(message));
		fprintf(stderr, "grep: %s\n", message);
		return 2;
	}
	int files = argc - optind;

	options.names = files > 1;
	for (int i = files ? optind : optind - 1; i < argc; i++) {
		const char *path = files ? argv[i] : "-";
		FILE *file = common_open_input(path);

		if (!file) {
			fprintf(stderr, "grep: %s: %s\n", path, strerror(errno));
			status = 2;
			continue;
		}
		if (grep_file(file, path, &regex, &options) > 0 && status != 2)
			status = 0;
		common_close_input(file);
		if (options.quiet && !status)
			break;
	}
	regfree(&regex);
	return status;
}
