// SPDX-License-Identifier: MIT
/* find [PATH...] [-name GLOB] [-type f|d|l]: every path under each PATH (default .) that
 * matches all the tests given. */
#include <dirent.h>
#include <fnmatch.h>
#include <libgen.h>
#include <limits.h>
#include <sys/stat.h>
#include "../command.h"

struct find_tests {
	const char *name;
	char type;
};

static bool matches(const char *path, const struct stat *status, const struct find_tests *tests)
{
	if (tests->name) {
		char copy[PATH_MAX];

		snprintf(copy, sizeof(copy), "%s", path);
		if (fnmatch(tests->name, basename(copy), 0))
			return false;
	}
	if (tests->type == 'f' && !S_ISREG(status->st_mode))
		return false;
	if (tests->type == 'd' && !S_ISDIR(status->st_mode))
		return false;
	if (tests->type == 'l' && !S_ISLNK(status->st_mode))
		return false;
	return true;
}

static int walk(const char *path, const struct find_tests *tests)
{
	struct stat status;
	int result = 0;

	if (lstat(path, &status)) {
		fprintf(stderr, "find: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (matches(path, &status, tests) && puts(path) == EOF)
		return 1;
	if (!S_ISDIR(status.st_mode))
		return 0;
	DIR *directory = opendir(path);
	struct dirent *entry;

	if (!directory) {
		fprintf(stderr, "find: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((entry = readdir(directory)) && !command_interrupted()) {
		char child[PATH_MAX];

		if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
			continue;
		snprintf(child, sizeof(child), "%s%s%s", path,
			 path[strlen(path) - 1] == '/' ? "" : "/", entry->d_name);
		result |= walk(child, tests);
	}
	closedir(directory);
	return result;
}

int find_main(int argc, char **argv)
{
	struct find_tests tests = {NULL, 0};
	int first_test = 1, status = 0;

	while (first_test < argc && argv[first_test][0] != '-')
		first_test++;
	for (int i = first_test; i < argc; i += 2) {
		if (i + 1 >= argc) {
			fprintf(stderr, "find: %s needs an argument\n", argv[i]);
			return 2;
		}
		if (!strcmp(argv[i], "-name")) {
			tests.name = argv[i + 1];
		} else if (!strcmp(argv[i], "-type") && strchr("fdl", argv[i + 1][0]) &&
			   argv[i + 1][0] && !argv[i + 1][1]) {
			tests.type = argv[i + 1][0];
		} else {
			fprintf(stderr, "find: unknown test %s %s (only -name GLOB, -type f|d|l)\n",
				argv[i], argv[i + 1]);
			return 2;
		}
	}
	if (first_test == 1)
		return walk(".", &tests);
	for (int i = 1; i < first_test; i++)
		status |= walk(argv[i], &tests);
	return status;
}
