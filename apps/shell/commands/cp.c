// SPDX-License-Identifier: MIT
/* cp [-r] SOURCE... DESTINATION and mv SOURCE... DESTINATION: copy files (-r: directories too)
 * into a file or a directory; move them (rename, or copy and remove across filesystems). */
#include <dirent.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <sys/stat.h>
#include "../command.h"

static int copy_path(const char *from, const char *to, bool recursive);

static int copy_file(const char *from, const char *to, mode_t mode)
{
	char buffer[65536];
	int in = open(from, O_RDONLY), out = -1, result = -1;
	ssize_t got;

	if (in < 0 || (out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode & 07777)) < 0)
		goto report;
	while ((got = read(in, buffer, sizeof(buffer))) > 0 && !command_interrupted()) {
		for (ssize_t done = 0, wrote; done < got; done += wrote)
			if ((wrote = write(out, buffer + done, (size_t)(got - done))) <= 0)
				goto report;
	}
	if (got < 0 || command_interrupted())
		goto report;
	result = 0;
	goto close_files;
report:
	fprintf(stderr, "cp: %s: %s\n", out < 0 && in >= 0 ? to : from, strerror(errno));
close_files:
	if (out >= 0 && close(out) && !result) {
		fprintf(stderr, "cp: %s: %s\n", to, strerror(errno));
		result = -1;
	}
	if (in >= 0)
		close(in);
	return result;
}

static int copy_directory(const char *from, const char *to, mode_t mode)
{
	DIR *directory;
	struct dirent *entry;
	int result = 0;

	if (mkdir(to, mode & 07777) && errno != EEXIST) {
		fprintf(stderr, "cp: %s: %s\n", to, strerror(errno));
		return -1;
	}
	if (!(directory = opendir(from))) {
		fprintf(stderr, "cp: %s: %s\n", from, strerror(errno));
		return -1;
	}
	while ((entry = readdir(directory)) && !command_interrupted()) {
		char child_from[PATH_MAX], child_to[PATH_MAX];

		if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
			continue;
		snprintf(child_from, sizeof(child_from), "%s/%s", from, entry->d_name);
		snprintf(child_to, sizeof(child_to), "%s/%s", to, entry->d_name);
		result |= copy_path(child_from, child_to, true);
	}
	closedir(directory);
	return result;
}

static int copy_path(const char *from, const char *to, bool recursive)
{
	struct stat status;
	char target[PATH_MAX];

	if (lstat(from, &status)) {
		fprintf(stderr, "cp: %s: %s\n", from, strerror(errno));
		return -1;
	}
	if (S_ISDIR(status.st_mode)) {
		if (recursive)
			return copy_directory(from, to, status.st_mode);
		fprintf(stderr, "cp: %s: is a directory (use -r)\n", from);
		return -1;
	}
	if (S_ISLNK(status.st_mode) && recursive) {
		ssize_t length = readlink(from, target, sizeof(target) - 1);

		if (length < 0 || (target[length] = 0, symlink(target, to))) {
			fprintf(stderr, "cp: %s: %s\n", to, strerror(errno));
			return -1;
		}
		return 0;
	}
	return copy_file(from, to, status.st_mode);
}

/* Where SOURCE goes when DESTINATION is given: into it when it is a directory. */
static void destination_for(const char *source, const char *destination, bool into,
			    char out[PATH_MAX])
{
	char copy[PATH_MAX];

	snprintf(copy, sizeof(copy), "%s", source);
	if (into)
		snprintf(out, PATH_MAX, "%s/%s", destination, basename(copy));
	else
		snprintf(out, PATH_MAX, "%s", destination);
}

static bool is_directory(const char *path)
{
	struct stat status;

	return !stat(path, &status) && S_ISDIR(status.st_mode);
}

int cp_main(int argc, char **argv)
{
	bool recursive = false;
	int option, status = 0;

	while ((option = getopt(argc, argv, "rRa")) != -1) {
		if (option == '?')
			return 2;
		recursive = true;
	}
	if (argc - optind < 2) {
		fprintf(stderr, "cp: usage: cp [-r] SOURCE... DESTINATION\n");
		return 2;
	}
	const char *destination = argv[argc - 1];
	bool into = is_directory(destination);

	if (argc - optind > 2 && !into) {
		fprintf(stderr, "cp: %s: not a directory\n", destination);
		return 1;
	}
	for (int i = optind; i < argc - 1; i++) {
		char target[PATH_MAX];

		destination_for(argv[i], destination, into, target);
		if (copy_path(argv[i], target, recursive))
			status = 1;
	}
	return status;
}

int mv_main(int argc, char **argv)
{
	int status = 0;

	if (argc < 3 || argv[1][0] == '-') {
		fprintf(stderr, "mv: usage: mv SOURCE... DESTINATION\n");
		return 2;
	}
	const char *destination = argv[argc - 1];
	bool into = is_directory(destination);

	if (argc > 3 && !into) {
		fprintf(stderr, "mv: %s: not a directory\n", destination);
		return 1;
	}
	for (int i = 1; i < argc - 1; i++) {
		char target[PATH_MAX];

		destination_for(argv[i], destination, into, target);
		if (!rename(argv[i], target))
			continue;
		if (errno != EXDEV) {
			fprintf(stderr, "mv: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		/* Another filesystem (a host folder): copy, then remove the original. */
		char *remove_argv[] = {"rm", "-r", argv[i], NULL};
		int rm_main(int, char **);

		if (copy_path(argv[i], target, true) || rm_main(3, remove_argv))
			status = 1;
	}
	return status;
}
