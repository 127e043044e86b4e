// SPDX-License-Identifier: MIT
/* Regression: a signal sent to a thread waiting for a virtio request (here 9P reads and writes
 * of a host folder) hung the machine: the wait, ended by the signal, was taken again at once
 * with interrupts off, so the device's answer was never seen. A thread signals the main one
 * every 2 ms while it writes 16 MiB to the share and reads it back three times. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define SIZE  (16 << 20)
#define PIECE (1 << 20)

static volatile int caught, stop;
static pthread_t main_thread;

static void count_signal(int number)
{
	(void)number;
	caught++;
}

static void *send_signals(void *argument)
{
	struct timespec pause = {0, 2000000};

	(void)argument;
	while (!stop) {
		pthread_kill(main_thread, SIGUSR1);
		nanosleep(&pause, NULL);
	}
	return NULL;
}

/* The whole range, again after each EINTR or short count. */
static int transfer(int fd, char *data, bool writing)
{
	size_t done = 0;

	while (done < SIZE) {
		ssize_t count = writing ? pwrite(fd, data + done, PIECE, (off_t)done)
					: pread(fd, data + done, PIECE, (off_t)done);
		if (count < 0 && errno != EINTR)
			return -1;
		done += count > 0 ? (size_t)count : 0;
	}
	return 0;
}

int main(void)
{
	struct sigaction action = {.sa_handler = count_signal}; /* no SA_RESTART */
	char *data = malloc(SIZE), *back = malloc(SIZE);
	pthread_t sender;

	CHECK(data && back, "memory");
	if (!data || !back)
		return test_result();
	for (size_t i = 0; i < SIZE; i++)
		data[i] = (char)(i * 2654435761u >> 13);
	sigaction(SIGUSR1, &action, NULL);
	main_thread = pthread_self();
	pthread_create(&sender, NULL, send_signals, NULL);
	int fd = open("/share/big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0, "open: %s", strerror(errno));
	CHECK(!transfer(fd, data, true), "write: %s", strerror(errno));
	for (int round = 0; round < 3; round++) {
		memset(back, 0, SIZE);
		CHECK(!transfer(fd, back, false), "read: %s", strerror(errno));
		CHECK(!memcmp(data, back, SIZE), "round %d: the bytes differ", round);
	}
	stop = 1;
	pthread_join(sender, NULL);
	close(fd);
	CHECK(caught > 10, "only %d signals caught", caught);
	printf("%d signals caught during 64 MiB of 9P\n", caught);
	return test_result();
}
