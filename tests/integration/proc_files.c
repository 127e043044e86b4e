/* SPDX-License-Identifier: MIT */
/* proc_files: /proc parses as on Linux: meminfo's MemTotal and MemFree, self/maps lines with
 * the stack and the image, self/status, self/fd links, self/cmdline, uptime, version; its
 * listing has every file the subsystems register, each once, and subdirectories list theirs. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"

static int read_file(const char *path, char *buffer, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t length = fd < 0 ? -1 : read(fd, buffer, size - 1);

	if (fd >= 0)
		close(fd);
	buffer[length > 0 ? length : 0] = 0;
	return (int)length;
}

/* How many times NAME is in the listing of DIRECTORY (-1 if it cannot be read). */
static int count_entry(const char *directory, const char *name)
{
	DIR *listing = opendir(directory);
	struct dirent *entry;
	int count = 0;

	if (!listing)
		return -1;
	while ((entry = readdir(listing)))
		count += !strcmp(entry->d_name, name);
	closedir(listing);
	return count;
}

static void check_listings(void)
{
	static const char *const root[] = {
	    "1",    "bus",    "cmdline", "cpuinfo",  "interrupts", "loadavg", "meminfo", "mounts",
	    "self", "stacks", "stat",	 "syscalls", "threads",	   "uptime",  "version"};
	static const char *const process[] = {"cmdline", "exe", "fd", "maps", "status"};
	char text[256];

	for (size_t i = 0; i < sizeof(root) / sizeof(root[0]); i++)
		CHECK(count_entry("/proc", root[i]) == 1, "/proc lists %s once", root[i]);
	for (size_t i = 0; i < sizeof(process) / sizeof(process[0]); i++)
		CHECK(count_entry("/proc/self", process[i]) == 1, "/proc/self lists %s once",
		      process[i]);
	CHECK(count_entry("/proc/bus/pci", "devices") == 1, "/proc/bus/pci lists devices");
	CHECK(read_file("/proc/threads", text, sizeof(text)) > 0 && strstr(text, "main"),
	      "threads [%s]", text);
	CHECK(read_file("/proc/syscalls", text, sizeof(text)) > 0 && strstr(text, "open"),
	      "syscalls [%s]", text);
	CHECK(read_file("/proc/cpuinfo", text, sizeof(text)) > 0 && strstr(text, "processor"),
	      "cpuinfo [%s]", text);
	CHECK(open("/proc/nothing", O_RDONLY) < 0 && errno == ENOENT, "/proc/nothing: ENOENT");
}

int main(int argc, char **argv)
{
	static char text[8192];
	char line[256];
	unsigned long total = 0, free_kb = 0;

	(void)argc;
	CHECK(read_file("/proc/meminfo", text, sizeof(text)) > 0, "read meminfo");
	CHECK(sscanf(strstr(text, "MemTotal:"), "MemTotal: %lu kB", &total) == 1 && total > 60000,
	      "MemTotal %lu kB", total);
	CHECK(strstr(text, "MemFree:") &&
		  sscanf(strstr(text, "MemFree:"), "MemFree: %lu kB", &free_kb) == 1 &&
		  free_kb <= total,
	      "MemFree %lu kB", free_kb);

	FILE *maps = fopen("/proc/self/maps", "r");
	int lines = 0, stack = 0, image = 0, bad = 0;
	while (maps && fgets(line, sizeof(line), maps)) {
		unsigned long start, end;
		char permissions[5];
		lines++;
		if (sscanf(line, "%lx-%lx %4s", &start, &end, permissions) != 3 || start >= end)
			bad++;
		if (strstr(line, "[stack]") && permissions[0] == 'r' && permissions[1] == 'w')
			stack++;
		if (permissions[2] == 'x' && (unsigned long)main >= start &&
		    (unsigned long)main < end)
			image++;
	}
	if (maps)
		fclose(maps);
	CHECK(lines >= 4 && !bad && stack == 1 && image == 1,
	      "maps: %d lines, %d bad, stack %d, code of main %d", lines, bad, stack, image);

	CHECK(read_file("/proc/self/status", text, sizeof(text)) > 0 && strstr(text, "Pid:\t1\n") &&
		  strstr(text, "Threads:\t1\n"),
	      "status: %s", text);
	CHECK(read_file("/proc/self/cmdline", text, sizeof(text)) > 0 && !strcmp(text, argv[0]),
	      "cmdline starts with argv[0]");
	ssize_t length = readlink("/proc/self/fd/0", line, sizeof(line) - 1);
	line[length > 0 ? length : 0] = 0;
	CHECK(!strcmp(line, "/dev/console"), "fd 0 -> %s", line);
	double up = 0, idle = 0;
	CHECK(read_file("/proc/uptime", text, sizeof(text)) > 0 &&
		  sscanf(text, "%lf %lf", &up, &idle) == 2 && up > 0,
	      "uptime [%s]", text);
	CHECK(read_file("/proc/version", text, sizeof(text)) > 0 && !strncmp(text, "Yolk", 4),
	      "version [%s]", text);
	CHECK(access("/proc/cpuinfo", R_OK) == 0 && access("/proc/loadavg", R_OK) == 0 &&
		  access("/proc/stat", R_OK) == 0 && access("/proc/mounts", R_OK) == 0,
	      "the other /proc files");
	check_listings();
	return test_result();
}
