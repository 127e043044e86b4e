// SPDX-License-Identifier: MIT
/* File costs, the same program on Yolk (ramfs), in the Linux VM and on the host (their /tmp):
 * create+stat+unlink of 10,000 small files (ns per file), and pipe throughput between two
 * threads (ns per MiB; the table turns it into MiB/s). */
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bench.h"

#define FILES	 10000
#define PIPE_MIB 64

static int pipe_fds[2];

static void *drain(void *argument)
{
	static char buffer[65536];
	(void)argument;
	while (read(pipe_fds[0], buffer, sizeof(buffer)) > 0)
		;
	return NULL;
}

static double pipe_round(void)
{
	static char block[65536];
	pthread_t thread;

	if (pipe(pipe_fds))
		return -1;
	pthread_create(&thread, NULL, drain, NULL);
	double start = bench_now_ns();
	for (int i = 0; i < PIPE_MIB * 16; i++)
		for (size_t done = 0; done < sizeof(block);) {
			ssize_t wrote = write(pipe_fds[1], block + done, sizeof(block) - done);
			if (wrote <= 0)
				return -1;
			done += wrote;
		}
	close(pipe_fds[1]);
	pthread_join(thread, NULL);
	close(pipe_fds[0]);
	return (bench_now_ns() - start) / PIPE_MIB;
}

static double files_round(void)
{
	char name[64];
	struct stat info;
	double start = bench_now_ns();

	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof(name), "/tmp/bench-%d", i);
		int fd = open(name, O_CREAT | O_WRONLY | O_EXCL, 0644);
		if (fd < 0 || close(fd) || stat(name, &info))
			return -1;
	}
	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof(name), "/tmp/bench-%d", i);
		if (unlink(name))
			return -1;
	}
	return (bench_now_ns() - start) / FILES;
}

int main(void)
{
	double rounds[BENCH_ROUNDS];

	for (int round = 0; round < BENCH_ROUNDS; round++)
		if ((rounds[round] = files_round()) < 0) {
			perror("files");
			return 1;
		}
	bench_report("file_create_stat_unlink", rounds);
	for (int round = 0; round < BENCH_ROUNDS; round++)
		if ((rounds[round] = pipe_round()) < 0) {
			perror("pipe");
			return 1;
		}
	bench_report("pipe_per_mib", rounds);
	return 0;
}
