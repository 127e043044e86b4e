// SPDX-License-Identifier: MIT
/* uptime: how long the machine has been up, and the thread count (/proc/uptime, /proc/loadavg). */
#include <time.h>
#include "../command.h"

int uptime_main(int argc, char **argv)
{
	double seconds = 0;
	char load[128] = "";
	FILE *file = fopen("/proc/uptime", "r");

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "uptime: no options\n");
		return 2;
	}
	if (!file || fscanf(file, "%lf", &seconds) != 1) {
		fprintf(stderr, "uptime: /proc/uptime: %s\n", strerror(errno));
		if (file)
			fclose(file);
		return 1;
	}
	fclose(file);
	if ((file = fopen("/proc/loadavg", "r"))) {
		if (!fgets(load, sizeof(load), file))
			load[0] = 0;
		fclose(file);
	}
	long whole = (long)seconds;

	printf("up %ld days, %02ld:%02ld:%02ld (%.3f s), load average: %.14s\n", whole / 86400,
	       whole / 3600 % 24, whole / 60 % 60, whole % 60, seconds, load);
	return 0;
}
