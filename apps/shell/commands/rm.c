// SPDX-License-Identifier: MIT
/* rm [-r] [-f] PATH...: remove files (-r: directories with what they hold; -f: no error for
 * what does not exist). */
#include <dirent.h>
#include <limits.h>
#include <sys/stat.h>
#include "../command.h"

static int remove_path(const char *path, bool recursive, bool force)
{
	struct stat status;

	if (lstat(path, &status)) {
		if (force && errno == ENOENT)
			return 0;
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(status.st_mode)) {
		if (!unlink(path))
			return 0;
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!recursive) {
		fprintf(stderr, "rm: %s: is a directory (use -r)\n", path);
		return -1;
	}
	DIR *directory = opendir(path);
	struct dirent *entry;
	int result = 0;

	if (!directory) {
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	/* Entries are removed as the listing goes: the VFS keeps readdir right meanwhile. */
	while ((entry = readdir(directory)) && !command_interrupted()) {
		char child[PATH_MAX];

		if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, entry->d_name);
		result |= remove_path(child, recursive, force);
	}
	closedir(directory);
	if (rmdir(path)) {
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return result;
}

int rm_main(int argc, char **argv)
{
	bool recursive = false, force = false;
	int option, status = 0;

	while ((option = getopt(argc, argv, "rRf")) != -1) {
		if (option == '?')
			return 2;
		if (option == 'f')
			force = true;
		else
			recursive = true;
	}
	if (optind >= argc && !force) {
		fprintf(stderr, "rm: missing operand\n");
		return 2;
	}
	for (int i = optind; i < argc; i++)
		if (remove_path(argv[i], recursive, force))
			status = 1;
	return status;
}
