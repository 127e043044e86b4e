// SPDX-License-Identifier: MIT
/* ln [-s] TARGET LINK: a hard link (or with -s a symbolic one) named LINK to TARGET. */
#include "../command.h"

int ln_main(int argc, char **argv)
{
	bool symbolic = false;
	int option;

	while ((option = getopt(argc, argv, "sf")) != -1) {
		if (option == '?')
			return 2;
		if (option == 's')
			symbolic = true;
	}
	if (argc - optind != 2) {
		fprintf(stderr, "ln: usage: ln [-s] TARGET LINK\n");
		return 2;
	}
	const char *target = argv[optind], *name = argv[optind + 1];

	if (symbolic ? symlink(target, name) : link(target, name)) {
		fprintf(stderr, "ln: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}
