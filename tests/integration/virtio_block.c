/* SPDX-License-Identifier: MIT */
/* virtio_block: /dev/vda (yolk run --disk): its size, a pattern written at unaligned offsets and
 * read back, fsync, the requests and sectors counted in /proc/diskstats, and, after power-off,
 * the same bytes in the host's image file (checked by virtio_block.check). */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

#define BLKGETSIZE64 0x80081272

static unsigned char pattern_at(uint64_t offset)
{
	return (unsigned char)(offset * 7 + (offset >> 9));
}

struct disk_counts {
	unsigned long long reads, sectors_read, writes, sectors_written;
};

/* vda's line of /proc/diskstats, Linux's format; false when it is not there. */
static bool disk_counts(struct disk_counts *counts)
{
	FILE *file = fopen("/proc/diskstats", "r");
	char name[16];
	int fields = file ? fscanf(file, " %*u %*u %15s %llu %*u %llu %*u %llu %*u %llu", name,
				   &counts->reads, &counts->sectors_read, &counts->writes,
				   &counts->sectors_written)
			  : 0;

	if (file)
		fclose(file);
	return fields == 5 && !strcmp(name, "vda");
}

int main(void)
{
	struct disk_counts before, after;
	static unsigned char buffer[200000], back[200000];
	uint64_t size = 0;
	int fd = open("/dev/vda", O_RDWR);

	CHECK(fd >= 0, "open /dev/vda failed");
	if (fd < 0)
		return test_result();
	CHECK(ioctl(fd, BLKGETSIZE64, &size) == 0 && size == 4 << 20, "size %llu",
	      (unsigned long long)size);
	CHECK(lseek(fd, 0, SEEK_END) == 4 << 20, "SEEK_END at the size");
	CHECK(disk_counts(&before), "no vda in /proc/diskstats");
	const uint64_t offset = 1000; /* not sector-aligned at either end */
	for (size_t i = 0; i < sizeof(buffer); i++)
		buffer[i] = pattern_at(offset + i);
	CHECK(pwrite(fd, buffer, sizeof(buffer), offset) == sizeof(buffer), "pwrite");
	CHECK(pread(fd, back, sizeof(back), offset) == sizeof(back) &&
		  !memcmp(back, buffer, sizeof(back)),
	      "read back");
	CHECK(pread(fd, back, 10, (4 << 20) - 5) == 5, "a read at the end is short");
	CHECK(fsync(fd) == 0, "fsync");
	/* 200,000 bytes from 1,000 are sectors 1 to 392, through a 64 KiB bounce buffer: 4 writes
	 * of 392 sectors, after reading the 2 partial ones; the read back reads them all again. */
	CHECK(disk_counts(&after) && after.writes - before.writes >= 4 &&
		  after.sectors_written - before.sectors_written == 392 &&
		  after.sectors_read - before.sectors_read >= 392,
	      "diskstats: %llu writes (%llu sectors), %llu sectors read",
	      after.writes - before.writes, after.sectors_written - before.sectors_written,
	      after.sectors_read - before.sectors_read);
	close(fd);
	printf("pattern written to /dev/vda at offset %llu, %zu bytes\n",
	       (unsigned long long)offset, sizeof(buffer));
	return test_result();
}
