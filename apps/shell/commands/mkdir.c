// SPDX-License-Identifier: MIT
/* mkdir [-p] DIRECTORY... and rmdir DIRECTORY...: make directories (-p: with their parents, and
 * no error if they exist), remove empty ones. */
#include <sys/stat.h>
#include "../command.h"

static int make_parents(char *path)
{
	for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = 0;
		int failed = mkdir(path, 0777) && errno != EEXIST;

		*slash = '/';
		if (failed)
			return -1;
	}
	return mkdir(path, 0777) && errno != EEXIST ? -1 : 0;
}

int mkdir_main(int argc, char **argv)
{
	bool parents = false;
	int option, status = 0;

	while ((option = getopt(argc, argv, "p")) != -1) {
		if (option == '?')
			return 2;
		parents = true;
	}
	if (optind >= argc) {
		fprintf(stderr, "mkdir: missing operand\n");
		return 2;
	}
	for (int i = optind; i < argc; i++)
		if (parents ? make_parents(argv[i]) : mkdir(argv[i], 0777)) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	return status;
}

int rmdir_main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "rmdir: missing operand\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (rmdir(argv[i])) {
			fprintf(stderr, "rmdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	return status;
}
