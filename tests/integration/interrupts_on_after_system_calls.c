/* SPDX-License-Identifier: MIT */
/* interrupts_on_after_system_calls: every system call returns to the program with interrupts
 * on, even when a timer interrupt comes during the call's last instructions. (Yolk defers an
 * interrupt that comes while kernel code runs; one taken after the exit's last look at the
 * pending work was once deferred too, and the program went on with interrupts off: a thread
 * that then only computed was never preempted, and Ctrl-C never reached it.) A second thread
 * spins so that time slices end and the timer fires while this one calls read() on /dev/null
 * again and again: a cancellation point, so with the direct libc it goes through the
 * out-of-line call (pthread_cancel is linked), with Debian's through the syscall instruction.
 * After each call the flags are read. Then 8 MiB go through a pipe in large writes to a
 * thread that reads them in small reads: each call copies for a while (a timer that fires
 * meanwhile is deferred), then blocks on the full or empty pipe (where the deferred interrupt
 * runs); it must still return with interrupts on. On Linux the flag is always on too. */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define RFLAGS_INTERRUPTS (1ull << 9)
#define CALLS_MAXIMUM	  20000000
#define SECONDS		  1.5
#define PIPE_BYTES	  (8 << 20)
#define WRITE_SIZE	  (256 << 10)
#define READ_SIZE	  4096

static atomic_bool stop;

static uint64_t flags(void)
{
	uint64_t value;

	__asm__ volatile("pushfq; popq %0" : "=r"(value));
	return value;
}

static void *spin(void *unused)
{
	(void)unused;
	while (!atomic_load_explicit(&stop, memory_order_relaxed))
		;
	return NULL;
}

/* Blocks in a cancellation point until cancelled: what links pthread_cancel. */
static void *sleep_until_cancelled(void *unused)
{
	(void)unused;
	for (;;)
		sleep(60);
	return NULL;
}

static int pipe_ends[2];
static long reads_with_interrupts_off;

static void *read_pipe(void *unused)
{
	static char chunk[READ_SIZE];
	long total = 0;
	ssize_t got;

	(void)unused;
	while ((got = read(pipe_ends[0], chunk, sizeof(chunk))) > 0) {
		total += got;
		reads_with_interrupts_off += !(flags() & RFLAGS_INTERRUPTS);
	}
	return (void *)total;
}

static double now(void)
{
	struct timespec time;

	clock_gettime(CLOCK_MONOTONIC, &time);
	return time.tv_sec + time.tv_nsec / 1e9;
}

int main(void)
{
	pthread_t spinner, sleeper;
	int null = open("/dev/null", O_RDONLY);
	char byte;
	long calls = 0, off = 0;

	CHECK(null >= 0, "/dev/null opens");
	CHECK(flags() & RFLAGS_INTERRUPTS, "interrupts are on at main");
	CHECK(!pthread_create(&sleeper, NULL, sleep_until_cancelled, NULL), "a sleeper starts");
	CHECK(!pthread_create(&spinner, NULL, spin, NULL), "a spinner starts");
	double start = now();
	while (calls < CALLS_MAXIMUM && (calls % 1024 || now() - start < SECONDS)) {
		if (read(null, &byte, 1) != 0)
			break;
		calls++;
		off += !(flags() & RFLAGS_INTERRUPTS);
	}
	atomic_store(&stop, true);
	pthread_join(spinner, NULL);
	pthread_cancel(sleeper);
	pthread_join(sleeper, NULL);
	printf("%ld calls in %.1f s\n", calls, now() - start);
	CHECK(calls >= 1024, "read(/dev/null) returned 0 each time (%ld calls)", calls);
	CHECK(off == 0, "interrupts were off after %ld of %ld calls", off, calls);

	static char chunk[WRITE_SIZE];
	pthread_t reader;
	void *received = NULL;
	long writes = 0, writes_with_interrupts_off = 0;

	CHECK(!pipe(pipe_ends), "a pipe");
	CHECK(!pthread_create(&reader, NULL, read_pipe, NULL), "a reader starts");
	for (; writes < PIPE_BYTES / WRITE_SIZE; writes++) {
		if (write(pipe_ends[1], chunk, sizeof(chunk)) != (ssize_t)sizeof(chunk))
			break;
		writes_with_interrupts_off += !(flags() & RFLAGS_INTERRUPTS);
	}
	close(pipe_ends[1]);
	pthread_join(reader, &received);
	CHECK((long)received == PIPE_BYTES, "%d bytes through the pipe (%ld)", PIPE_BYTES,
	      (long)received);
	CHECK(!writes_with_interrupts_off && !reads_with_interrupts_off,
	      "interrupts were off after %ld of %ld writes and %ld reads",
	      writes_with_interrupts_off, writes, reads_with_interrupts_off);
	return test_result();
}
