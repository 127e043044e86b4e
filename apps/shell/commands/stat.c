// SPDX-License-Identifier: MIT
/* stat PATH...: what lstat says of each path: type, size, mode, owner, inode, links, times. */
#include <sys/stat.h>
#include <time.h>
#include "../command.h"
#include "common.h"

static const char *type_name(mode_t mode)
{
	return S_ISREG(mode)	? "regular file"
	       : S_ISDIR(mode)	? "directory"
	       : S_ISLNK(mode)	? "symbolic link"
	       : S_ISCHR(mode)	? "character special file"
	       : S_ISBLK(mode)	? "block special file"
	       : S_ISFIFO(mode) ? "fifo"
	       : S_ISSOCK(mode) ? "socket"
				: "unknown";
}

static void print_time(const char *label, const struct timespec *when)
{
	char text[64];

	strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", gmtime(&when->tv_sec));
	printf("%s: %s.%09ld +0000\n", label, text, when->tv_nsec);
}

int stat_main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "stat: missing operand\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat info;
		char mode[11], target[256] = "";

		if (lstat(argv[i], &info)) {
			fprintf(stderr, "stat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (S_ISLNK(info.st_mode)) {
			ssize_t length = readlink(argv[i], target + 4, sizeof(target) - 5);

			if (length >= 0) {
				memcpy(target, " -> ", 4);
				target[4 + length] = 0;
			}
		}
		common_mode_string(info.st_mode, mode);
		printf("  File: %s%s\n  Size: %-10lld Blocks: %-10lld %s\n", argv[i], target,
		       (long long)info.st_size, (long long)info.st_blocks, type_name(info.st_mode));
		printf("Device: %llxh Inode: %-10llu Links: %lu\n", (unsigned long long)info.st_dev,
		       (unsigned long long)info.st_ino, (unsigned long)info.st_nlink);
		printf("Access: (%04o/%s)  Uid: %u  Gid: %u\n", info.st_mode & 07777, mode,
		       info.st_uid, info.st_gid);
		print_time("Access", &info.st_atim);
		print_time("Modify", &info.st_mtim);
		print_time("Change", &info.st_ctim);
	}
	return status;
}
