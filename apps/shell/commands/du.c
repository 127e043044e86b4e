// SPDX-License-Identifier: MIT
/* du [-s] [-h] [PATH...]: the space each directory's files take (bytes of their sizes; -s only
 * the totals; -h for people), down the tree. */
#include <dirent.h>
#include <limits.h>
#include <sys/stat.h>
#include "../command.h"
#include "common.h"

struct du_options {
	bool summary, human;
};

static void print_size(uint64_t bytes, const char *path, const struct du_options *options)
{
	char size[16];

	common_format_size(size, sizeof(size), options->human ? bytes : (bytes + 1023) / 1024,
			   options->human);
	printf("%s\t%s\n", size, path);
}

static uint64_t walk(const char *path, bool top, const struct du_options *options)
{
	struct stat status;
	uint64_t total;

	if (lstat(path, &status)) {
		fprintf(stderr, "du: %s: %s\n", path, strerror(errno));
		return 0;
	}
	total = (uint64_t)status.st_size;
	if (S_ISDIR(status.st_mode)) {
		DIR *directory = opendir(path);
		struct dirent *entry;

		while (directory && (entry = readdir(directory)) && !command_interrupted()) {
			char child[PATH_MAX];

			if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
				continue;
			snprintf(child, sizeof(child), "%s/%s", path, entry->d_name);
			total += walk(child, false, options);
		}
		if (directory)
			closedir(directory);
		if (!options->summary || top)
			print_size(total, path, options);
	} else if (top) {
		print_size(total, path, options);
	}
	return total;
}

int du_main(int argc, char **argv)
{
	struct du_options options = {false, false};
	int option;

	while ((option = getopt(argc, argv, "sh")) != -1) {
		if (option == '?')
			return 2;
		options.summary |= option == 's';
		options.human |= option == 'h';
	}
	if (optind == argc)
		walk(".", true, &options);
	for (int i = optind; i < argc; i++)
		walk(argv[i], true, &options);
	return 0;
}
