/* SPDX-License-Identifier: MIT */
/* woken_thread_runs_while_another_spins: a regression test. A thread made runnable by a system
 * call (pthread_create's clone, or a pipe write that wakes a reader) must get the CPU at the end
 * of the running thread's slice even when that thread then only computes: the scheduler is
 * tickless, and it used to leave the timer stopped (and the first slice without an end), so the
 * new or woken thread waited until the spinner blocked. Each spin is bounded by 5 s. */
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile int started, woken;
static int wake_pipe[2];

static int64_t now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Computes until FLAG is set or 5 s have passed; returns the milliseconds it took. */
static int64_t spin_until(volatile int *flag)
{
	int64_t start = now_ms();
	volatile unsigned long work = 0;

	while (!*flag && now_ms() - start < 5000)
		for (int i = 0; i < 10000; i++)
			work++;
	return now_ms() - start;
}

static void *reader(void *unused)
{
	char byte;

	(void)unused;
	started = 1;
	if (read(wake_pipe[0], &byte, 1) == 1)
		woken = 1;
	return NULL;
}

int main(void)
{
	pthread_t thread;

	CHECK(pipe(wake_pipe) == 0, "pipe failed");
	CHECK(pthread_create(&thread, NULL, reader, NULL) == 0, "pthread_create failed");
	int64_t start_ms = spin_until(&started);
	CHECK(started, "the new thread did not run in %lld ms of its creator spinning",
	      (long long)start_ms);
	usleep(20000); /* the reader blocks in read */
	CHECK(write(wake_pipe[1], "x", 1) == 1, "write failed");
	int64_t wake_ms = spin_until(&woken);
	CHECK(woken, "the woken reader did not run in %lld ms of the writer spinning",
	      (long long)wake_ms);
	pthread_join(thread, NULL);
	printf("new thread ran after %lld ms, woken reader after %lld ms\n", (long long)start_ms,
	       (long long)wake_ms);
	return test_result();
}
