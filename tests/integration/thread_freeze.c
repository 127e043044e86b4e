/* SPDX-License-Identifier: MIT */
/* thread_freeze: Yolk's prctl(PR_YOLK_FREEZE_THREADS / PR_YOLK_THAW_THREADS), which a garbage
 * collector uses to stop the world (include/yolk/thread_freeze.h). Four threads: two that
 * compute (one of them with a known value in R15), one blocked in read() on a pipe and one
 * that sleeps in a loop. Frozen, none makes progress, not even the reader when its data
 * arrives; each one's stack pointer lies in its stack and the spinner's R15 is reported;
 * thawed, all go on and the reader gets its byte. The errors leave nothing frozen. On Linux
 * the options are unknown: EINVAL. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>
#include <yolk/thread_freeze.h>
#include "check.h"

#define THREADS	 4
#define R15_MARK 0x1234567890abcdefull
#define SPINNER	 0
#define COUNTER	 1
#define READER	 2
#define SLEEPER	 3

static volatile uint64_t progress[THREADS];
static volatile int stop;
static pthread_t threads[THREADS];
static uint64_t stack_low[THREADS], stack_high[THREADS];
static int pipe_ends[2];
static volatile char byte_read;

static void note_stack(int index)
{
	pthread_attr_t attributes;
	void *base;
	size_t size;

	pthread_getattr_np(pthread_self(), &attributes);
	pthread_attr_getstack(&attributes, &base, &size);
	stack_low[index] = (uint64_t)base;
	stack_high[index] = (uint64_t)base + size;
	pthread_attr_destroy(&attributes);
}

/* Counts in a loop with R15_MARK in R15 until `stop`. */
static void *spinner(void *unused)
{
	(void)unused;
	note_stack(SPINNER);
	__asm__ volatile("movabsq %[mark], %%r15\n"
			 "1:\tincq %[count]\n\t"
			 "cmpl $0, %[stop]\n\t"
			 "je 1b"
			 : [count] "+m"(progress[SPINNER])
			 : [mark] "i"(R15_MARK), [stop] "m"(stop)
			 : "r15");
	return NULL;
}

static void *counter(void *unused)
{
	(void)unused;
	note_stack(COUNTER);
	while (!stop)
		progress[COUNTER]++;
	return NULL;
}

static void *reader(void *unused)
{
	char byte;

	(void)unused;
	note_stack(READER);
	progress[READER] = 1;
	if (read(pipe_ends[0], &byte, 1) == 1) {
		byte_read = byte;
		progress[READER] = 2;
	}
	return NULL;
}

static void *sleeper(void *unused)
{
	(void)unused;
	note_stack(SLEEPER);
	while (!stop) {
		nanosleep(&(struct timespec){.tv_nsec = 1000000}, NULL);
		progress[SLEEPER]++;
	}
	return NULL;
}

static void sleep_ms(long ms)
{
	nanosleep(&(struct timespec){.tv_sec = ms / 1000, .tv_nsec = ms % 1000 * 1000000}, NULL);
}

static int call(int option, struct yolk_frozen_thread *list, unsigned long count)
{
	return prctl(option, (unsigned long)list, count, 0UL, 0UL) == 0 ? 0 : errno;
}

/* True when every thread's counter moves within a while. */
static int all_progress(int include_reader)
{
	uint64_t before[THREADS];

	for (int i = 0; i < THREADS; i++)
		before[i] = progress[i];
	sleep_ms(60);
	for (int i = 0; i < THREADS; i++)
		if (i != READER && progress[i] == before[i])
			return 0;
	return !include_reader || progress[READER] != before[READER];
}

int main(void)
{
	struct yolk_frozen_thread list[THREADS] = {0};
	void *(*bodies[THREADS])(void *) = {spinner, counter, reader, sleeper};

	if (test_on_linux()) {
		CHECK(call(PR_YOLK_FREEZE_THREADS, list, 1) == EINVAL,
		      "Linux does not know the option: EINVAL");
		return test_result();
	}
	CHECK(pipe(pipe_ends) == 0, "pipe");
	for (int i = 0; i < THREADS; i++) {
		CHECK(pthread_create(&threads[i], NULL, bodies[i], NULL) == 0, "pthread_create");
		list[i].thread_pointer = (uint64_t)threads[i];
	}
	while (!progress[SPINNER] || !progress[COUNTER] || !progress[READER] || !progress[SLEEPER])
		sleep_ms(5);
	sleep_ms(20); /* the reader is in read() by now */

	/* The errors, each leaving every thread running. */
	struct yolk_frozen_thread self = {.thread_pointer = (uint64_t)pthread_self()};
	struct yolk_frozen_thread unknown = {.thread_pointer = 0x1000};
	struct yolk_frozen_thread twice[2] = {list[COUNTER], list[COUNTER]};
	CHECK(call(PR_YOLK_FREEZE_THREADS, &self, 1) == EINVAL, "freezing itself: EINVAL");
	CHECK(call(PR_YOLK_FREEZE_THREADS, &unknown, 1) == ESRCH, "an unknown thread: ESRCH");
	CHECK(call(PR_YOLK_FREEZE_THREADS, list, 0) == EINVAL, "no threads: EINVAL");
	CHECK(call(PR_YOLK_FREEZE_THREADS, (void *)0x10, 1) == EFAULT, "a bad array: EFAULT");
	CHECK(call(PR_YOLK_FREEZE_THREADS, twice, 2) == EBUSY, "a thread twice: EBUSY");
	CHECK(call(PR_YOLK_THAW_THREADS, list, THREADS) == EBUSY, "thawing running ones: EBUSY");
	CHECK(all_progress(0), "after the errors every thread still runs");

	CHECK(call(PR_YOLK_FREEZE_THREADS, list, THREADS) == 0, "freezing %d threads", THREADS);
	CHECK(call(PR_YOLK_FREEZE_THREADS, &list[SPINNER], 1) == EBUSY, "frozen twice: EBUSY");
	CHECK(write(pipe_ends[1], "x", 1) == 1, "write to the reader's pipe");
	uint64_t frozen_at[THREADS];
	for (int i = 0; i < THREADS; i++)
		frozen_at[i] = progress[i];
	sleep_ms(100);
	for (int i = 0; i < THREADS; i++)
		CHECK(progress[i] == frozen_at[i], "thread %d ran while frozen (%llu to %llu)", i,
		      (unsigned long long)frozen_at[i], (unsigned long long)progress[i]);
	CHECK(byte_read == 0, "the frozen reader read its byte");
	for (int i = 0; i < THREADS; i++)
		CHECK(list[i].stack_pointer > stack_low[i] && list[i].stack_pointer < stack_high[i],
		      "thread %d: stack pointer %#llx outside its stack %#llx-%#llx", i,
		      (unsigned long long)list[i].stack_pointer, (unsigned long long)stack_low[i],
		      (unsigned long long)stack_high[i]);
	CHECK(list[SPINNER].registers[14] == R15_MARK, "the spinner's R15: %#llx",
	      (unsigned long long)list[SPINNER].registers[14]);
	CHECK(list[SPINNER].registers[15] > 0, "the spinner's RIP");

	CHECK(call(PR_YOLK_THAW_THREADS, list, THREADS) == 0, "thawing");
	CHECK(all_progress(0), "thawed, every thread runs again");
	for (int i = 0; i < 50 && byte_read != 'x'; i++)
		sleep_ms(10);
	CHECK(byte_read == 'x', "thawed, the reader got its byte");
	printf("froze and thawed %d threads: computing, in read(), in nanosleep(); R15 %#llx\n",
	       THREADS, (unsigned long long)list[SPINNER].registers[14]);
	stop = 1;
	for (int i = 0; i < THREADS; i++)
		pthread_join(threads[i], NULL);
	return test_result();
}
