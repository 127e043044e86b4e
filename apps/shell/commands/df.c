// SPDX-License-Identifier: MIT
/* df [-h]: each mounted filesystem (from /proc/mounts) with its size, use and free space. */
#include <sys/statfs.h>
#include "../command.h"
#include "common.h"

int df_main(int argc, char **argv)
{
	bool human = false;
	char line[512], source[128], target[256], type[32];
	int option;

	while ((option = getopt(argc, argv, "hk")) != -1) {
		if (option == '?')
			return 2;
		human |= option == 'h';
	}
	FILE *mounts = fopen("/proc/mounts", "r");

	if (!mounts) {
		fprintf(stderr, "df: /proc/mounts: %s\n", strerror(errno));
		return 1;
	}
	printf("%-12s %-6s %8s %8s %8s %4s  %s\n", "Filesystem", "Type",
	       human ? "Size" : "1K-blocks", "Used", "Available", "Use%", "Mounted on");
	while (fgets(line, sizeof(line), mounts)) {
		struct statfs info;
		char size[16], used[16], available[16];

		if (sscanf(line, "%127s %255s %31s", source, target, type) != 3 ||
		    statfs(target, &info))
			continue;
		uint64_t block = (uint64_t)info.f_bsize, total = info.f_blocks * block;
		uint64_t free_bytes = info.f_bfree * block, usable = info.f_bavail * block;
		uint64_t in_use = total - free_bytes;

		common_format_size(size, sizeof(size), human ? total : total / 1024, human);
		common_format_size(used, sizeof(used), human ? in_use : in_use / 1024, human);
		common_format_size(available, sizeof(available), human ? usable : usable / 1024,
				   human);
		printf("%-12s %-6s %8s %8s %8s %3llu%%  %s\n", source, type, size, used, available,
		       total ? (unsigned long long)(in_use * 100 / total) : 0ull, target);
	}
	fclose(mounts);
	return 0;
}
