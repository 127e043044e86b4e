// SPDX-License-Identifier: MIT
/* free [-h]: memory in use and free, from /proc/meminfo (KiB, or -h for people). */
#include "../command.h"
#include "common.h"

int free_main(int argc, char **argv)
{
	bool human = false;
	unsigned long long total = 0, free_kib = 0, available = 0, buffers = 0, cached = 0, value;
	char line[128], name[64], size[3][16];
	int option;

	while ((option = getopt(argc, argv, "hk")) != -1) {
		if (option == '?')
			return 2;
		human |= option == 'h';
	}
	FILE *file = fopen("/proc/meminfo", "r");

	if (!file) {
		fprintf(stderr, "free: /proc/meminfo: %s\n", strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), file))
		if (sscanf(line, "%63[^:]: %llu", name, &value) == 2) {
			if (!strcmp(name, "MemTotal"))
				total = value;
			else if (!strcmp(name, "MemFree"))
				free_kib = value;
			else if (!strcmp(name, "MemAvailable"))
				available = value;
			else if (!strcmp(name, "Buffers"))
				buffers = value;
			else if (!strcmp(name, "Cached"))
				cached = value;
		}
	fclose(file);
	const unsigned long long shown[3] = {total, total - free_kib - buffers - cached, free_kib};

	for (int i = 0; i < 3; i++)
		common_format_size(size[i], sizeof(size[i]), human ? shown[i] * 1024 : shown[i],
				   human);
	printf("%13s %10s %10s %10s\n", "total", "used", "free", "available");
	common_format_size(name, sizeof(name), human ? available * 1024 : available, human);
	printf("Mem: %8s %10s %10s %10s\n", size[0], size[1], size[2], name);
	return 0;
}
