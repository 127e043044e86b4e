/* SPDX-License-Identifier: MIT */
/* initrd: the tree packed by `yolk build --fs` (or passed with `yolk run --initrd`) is in the
 * root at boot with contents, modes, times and symbolic links; its /etc/hostname replaces the
 * default while the other default /etc files stay; a 6 MiB file comes whole (as a boot module it
 * spans 2 MiB pages the kernel must map: a regression). Run with INITRD=truncated, the archive
 * ends early: the kernel reports the entry and boots with the entries before it. */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

static void read_line(const char *path, char *buffer, size_t size)
{
	FILE *file = fopen(path, "r");

	buffer[0] = 0;
	if (file) {
		if (!fgets(buffer, (int)size, file))
			buffer[0] = 0;
		fclose(file);
	}
}

int main(void)
{
	char line[128];
	struct stat info;
	const char *mode = getenv("INITRD");

	if (mode && !strcmp(mode, "truncated")) {
		CHECK(stat("/data", &info) == 0 && S_ISDIR(info.st_mode),
		      "/data from before the cut");
		CHECK(access("/etc/hostname", F_OK) == 0, "/etc/hostname exists");
		read_line("/etc/passwd", line, sizeof(line));
		CHECK(!strncmp(line, "root:", 5), "default /etc/passwd: %s", line);
		printf("booted past a truncated initrd\n");
		return test_result();
	}
	read_line("/data/link", line, sizeof(line));
	CHECK(!strcmp(line, "from the initrd\n"), "through the link: [%s]", line);
	CHECK(stat("/data/sub/note.txt", &info) == 0 && (info.st_mode & 07777) == 0600 &&
		  info.st_mtime == 981173106,
	      "note.txt mode %o time %ld", info.st_mode & 07777, (long)info.st_mtime);
	CHECK(stat("/data/tool", &info) == 0 && (info.st_mode & 0777) == 0755, "tool mode %o",
	      info.st_mode & 0777);
	CHECK(lstat("/data/link", &info) == 0 && S_ISLNK(info.st_mode), "link is a link");
	CHECK(stat("/data/empty", &info) == 0 && S_ISDIR(info.st_mode), "empty directory");
	read_line("/etc/hostname", line, sizeof(line));
	CHECK(!strcmp(line, "initrd-host\n"), "hostname from the initrd: [%s]", line);
	read_line("/etc/passwd", line, sizeof(line));
	CHECK(!strncmp(line, "root:", 5), "default /etc/passwd kept: [%s]", line);
	/* data/large: byte i is i * 7 + (i >> 16), mod 256 (initrd.setup). */
	FILE *large = fopen("/data/large", "rb");
	size_t size = 0, wrong = 0;
	int byte;
	while (large && (byte = fgetc(large)) != EOF) {
		wrong += (unsigned char)byte != (unsigned char)(size * 7 + (size >> 16));
		size++;
	}
	if (large)
		fclose(large);
	CHECK(size == 6u << 20 && !wrong, "/data/large: %zu bytes, %zu wrong", size, wrong);
	return test_result();
}
