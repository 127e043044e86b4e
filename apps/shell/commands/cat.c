// SPDX-License-Identifier: MIT
/* cat [FILE...]: the files, or standard input ("-" or none), one after the other. */
#include "../command.h"
#include "common.h"

int cat_main(int argc, char **argv)
{
	int status = 0;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		fprintf(stderr, "cat: unknown option %s\n", argv[1]);
		return 2;
	}
	for (int i = argc > 1 ? 1 : 0; i < argc && !command_interrupted(); i++) {
		const char *path = i ? argv[i] : "-";
		FILE *file = common_open_input(path);

		if (!file) {
			fprintf(stderr, "cat: %s: %s\n", path, strerror(errno));
			status = 1;
			continue;
		}
		if (common_copy_stream(file, stdout)) {
			if (ferror(stdout) || errno == EPIPE) {
				common_close_input(file);
				return 1;
			}
			if (!command_interrupted())
				fprintf(stderr, "cat: %s: %s\n", path, strerror(errno));
			status = 1;
		}
		common_close_input(file);
	}
	return command_interrupted() ? 130 : status;
}
