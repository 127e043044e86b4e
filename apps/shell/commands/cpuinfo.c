// SPDX-License-Identifier: MIT
/* cpuinfo: /proc/cpuinfo. */
#include "../command.h"
#include "common.h"

int cpuinfo_main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "cpuinfo: no options\n");
		return 2;
	}
	FILE *file = fopen("/proc/cpuinfo", "r");

	if (!file || common_copy_stream(file, stdout)) {
		fprintf(stderr, "cpuinfo: /proc/cpuinfo: %s\n", strerror(errno));
		common_close_input(file);
		return 1;
	}
	fclose(file);
	return 0;
}
