// SPDX-License-Identifier: MIT
/* 9P throughput: 256 MiB written sequentially to a host folder shared with QEMU's virtio-9p
 * (Yolk: yolk run --share; the Linux VM: mounted by its init), then read back, in 1 MiB calls;
 * prints ns per MiB for each. */
#include <fcntl.h>
#include <unistd.h>
#include "bench.h"

#define MIB 256

int main(void)
{
	static char block[1 << 20];
	double start = bench_now_ns();
	int fd = open("/share/bench.bin", O_CREAT | O_WRONLY | O_TRUNC, 0644);

	if (fd < 0) {
		perror("open");
		return 1;
	}
	for (int i = 0; i < MIB; i++)
		if (write(fd, block, sizeof(block)) != sizeof(block)) {
			perror("write");
			return 1;
		}
	close(fd);
	printf("BENCH ninep_write_per_mib_ns %.1f\n", (bench_now_ns() - start) / MIB);
	start = bench_now_ns();
	fd = open("/share/bench.bin", O_RDONLY);
	for (int i = 0; i < MIB; i++)
		if (read(fd, block, sizeof(block)) != sizeof(block)) {
			perror("read");
			return 1;
		}
	close(fd);
	printf("BENCH ninep_read_per_mib_ns %.1f\n", (bench_now_ns() - start) / MIB);
	unlink("/share/bench.bin");
	return 0;
}
