// SPDX-License-Identifier: MIT
/* basename PATH [SUFFIX] and dirname PATH: the last component of a path (without SUFFIX), and
 * everything before it. */
#include <libgen.h>
#include "../command.h"

int basename_main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "basename: usage: basename PATH [SUFFIX]\n");
		return 2;
	}
	char *base = basename(argv[1]);
	size_t length = strlen(base), suffix = argc == 3 ? strlen(argv[2]) : 0;

	if (suffix && suffix < length && !strcmp(base + length - suffix, argv[2]))
		base[length - suffix] = 0;
	puts(base);
	return 0;
}

int dirname_main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "dirname: usage: dirname PATH\n");
		return 2;
	}
	puts(dirname(argv[1]));
	return 0;
}
