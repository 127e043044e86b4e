// SPDX-License-Identifier: MIT
/* ls [-l] [-a] [-h] [-1] [PATH...]: directory contents in name order (hidden names with -a),
 * or the files named; -l the long form (mode, links, owner, size, time, link target), -h sizes
 * for people. */
#include <dirent.h>
#include <limits.h>
#include <sys/stat.h>
#include <time.h>
#include "../command.h"
#include "common.h"

struct ls_options {
	bool long_form, all, human;
};

static void print_entry(const char *directory, const char *name, const struct ls_options *options)
{
	char path[PATH_MAX], mode[11], size[16], when[32], target[PATH_MAX];
	struct stat status;

	if (!options->long_form) {
		puts(name);
		return;
	}
	snprintf(path, sizeof(path), "%s%s%s", directory ? directory : "", directory ? "/" : "",
		 name);
	if (lstat(path, &status)) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return;
	}
	common_mode_string(status.st_mode, mode);
	common_format_size(size, sizeof(size), (uint64_t)status.st_size, options->human);
	strftime(when, sizeof(when), "%b %e %H:%M", localtime(&status.st_mtime));
	printf("%s %3lu %-4s %-4s %8s %s %s", mode, (unsigned long)status.st_nlink,
	       status.st_uid ? "?" : "root", status.st_gid ? "?" : "root", size, when, name);
	ssize_t length = S_ISLNK(status.st_mode) ? readlink(path, target, sizeof(target) - 1) : -1;

	if (length >= 0) {
		target[length] = 0;
		printf(" -> %s", target);
	}
	putchar('\n');
}

static int compare_names(const void *left, const void *right)
{
	return strcmp(*(char *const *)left, *(char *const *)right);
}

static int list_directory(const char *path, const struct ls_options *options)
{
	DIR *directory = opendir(path);
	struct dirent *entry;
	char **names = NULL;
	size_t count = 0, capacity = 0;
	int status = 0;

	if (!directory) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((entry = readdir(directory))) {
		if (entry->d_name[0] == '.' && !options->all)
			continue;
		if (count == capacity) {
			char **grown =
			    realloc(names, (capacity = capacity * 2 + 64) * sizeof(char *));

			if (!grown)
				break;
			names = grown;
		}
		if (!(names[count] = strdup(entry->d_name)))
			break;
		count++;
	}
	closedir(directory);
	qsort(names, count, sizeof(char *), compare_names);
	for (size_t i = 0; i < count; i++) {
		if (!command_interrupted())
			print_entry(path, names[i], options);
		free(names[i]);
	}
	free(names);
	return status;
}

int ls_main(int argc, char **argv)
{
	struct ls_options options = {false, false, false};
	int option, status = 0;
	struct stat info;

	while ((option = getopt(argc, argv, "lah1")) != -1) {
		switch (option) {
		case 'l':
			options.long_form = true;
			break;
		case 'a':
			options.all = true;
			break;
		case 'h':
			options.human = true;
			break;
		case '1':
			break;
		default:
			return 2;
		}
	}
	int operands = argc - optind;

	if (!operands)
		return list_directory(".", &options);
	for (int i = optind; i < argc; i++) {
		if (stat(argv[i], &info) && lstat(argv[i], &info)) {
			fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (!S_ISDIR(info.st_mode)) {
			print_entry(NULL, argv[i], &options);
			continue;
		}
		if (operands > 1)
			printf("%s%s:\n", i > optind ? "\n" : "", argv[i]);
		status |= list_directory(argv[i], &options);
	}
	return status;
}
