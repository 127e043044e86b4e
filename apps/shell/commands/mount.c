// SPDX-License-Identifier: MIT
/* mount [-t TYPE [-o OPTIONS] SOURCE TARGET] and umount TARGET: list the mounts (/proc/mounts),
 * mount a filesystem (tmpfs, ramfs, proc; 9p with -o trans=tcp,port=N: a 9P server at the
 * address SOURCE), unmount one. */
#include <sys/mount.h>
#include "../command.h"
#include "common.h"

int mount_main(int argc, char **argv)
{
	const char *type = NULL, *options = NULL;
	int option;

	while ((option = getopt(argc, argv, "t:o:")) != -1) {
		if (option == '?')
			return 2;
		if (option == 't')
			type = optarg;
		else
			options = optarg;
	}
	if (optind == argc && !type) {
		FILE *mounts = fopen("/proc/mounts", "r");

		if (!mounts || common_copy_stream(mounts, stdout)) {
			fprintf(stderr, "mount: /proc/mounts: %s\n", strerror(errno));
			common_close_input(mounts);
			return 1;
		}
		fclose(mounts);
		return 0;
	}
	if (!type || argc - optind != 2) {
		fprintf(stderr, "mount: usage: mount [-t TYPE [-o OPTIONS] SOURCE TARGET]\n");
		return 2;
	}
	if (mount(argv[optind], argv[optind + 1], type, 0, options)) {
		fprintf(stderr, "mount: %s: %s\n", argv[optind + 1], strerror(errno));
		return 1;
	}
	return 0;
}

int umount_main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "umount: usage: umount TARGET\n");
		return 2;
	}
	if (umount(argv[1])) {
		fprintf(stderr, "umount: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	return 0;
}
