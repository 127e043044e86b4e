/* SPDX-License-Identifier: MIT */
/* virtio_block: /dev/vda (yolk run --disk): its size, a pattern written at unaligned offsets and
 * read back, fsync, and, after power-off, the same bytes in the host's image file (checked by
 * virtio_block.check). */
#include <fcntl.h>
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

int main(void)
{
	static unsigned char buffer[200000], back[200000];
	uint64_t size = 0;
	int fd = open("/dev/vda", O_RDWR);

	CHECK(fd >= 0, "open /dev/vda failed");
	if (fd < 0)
		return test_result();
	CHECK(ioctl(fd, BLKGETSIZE64, &size) == 0 && size == 4 << 20, "size %llu",
	      (unsigned long long)size);
	CHECK(lseek(fd, 0, SEEK_END) == 4 << 20, "SEEK_END at the size");
	const uint64_t offset = 1000; /* not sector-aligned at either end */
	for (size_t i = 0; i < sizeof(buffer); i++)
		buffer[i] = pattern_at(offset + i);
	CHECK(pwrite(fd, buffer, sizeof(buffer), offset) == sizeof(buffer), "pwrite");
	CHECK(pread(fd, back, sizeof(back), offset) == sizeof(back) &&
		  !memcmp(back, buffer, sizeof(back)),
	      "read back");
	CHECK(pread(fd, back, 10, (4 << 20) - 5) == 5, "a read at the end is short");
	CHECK(fsync(fd) == 0, "fsync");
	close(fd);
	printf("pattern written to /dev/vda at offset %llu, %zu bytes\n",
	       (unsigned long long)offset, sizeof(buffer));
	return test_result();
}
