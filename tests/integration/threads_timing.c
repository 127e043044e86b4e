/* SPDX-License-Identifier: MIT */
/* threads_timing: preemption and the clock: a thread spinning without end does not starve the
 * others (and its CPU-time clock, from pthread_getcpuclockid, counts); nanosleep(10 ms) sleeps at
 * least 10 ms, and how much longer it took is printed (a figure, not a check: tests never fail
 * on timing, and a busy host stretches any guest's sleeps); a futex wait with a 20 ms timeout
 * returns ETIMEDOUT no earlier than that. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile int stop_spinning;
static volatile long spins;

static double now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static void *spin(void *argument)
{
	(void)argument;
	while (!stop_spinning)
		spins++;
	return NULL;
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(void)
{
	pthread_t spinner;
	double slept[10];

	pthread_create(&spinner, NULL, spin, NULL);
	for (int i = 0; i < 10; i++) {
		struct timespec request = {0, 10 * 1000 * 1000};
		double start = now_ms();
		CHECK(nanosleep(&request, NULL) == 0, "nanosleep failed: %d", errno);
		slept[i] = now_ms() - start;
		CHECK(slept[i] >= 10.0, "nanosleep(10 ms) returned after %.3f ms", slept[i]);
	}
	qsort(slept, 10, sizeof(slept[0]), compare);
	printf("nanosleep(10 ms) with a spinning thread: median %.3f ms, max %.3f ms\n", slept[5],
	       slept[9]);
	long seen = spins;
	CHECK(seen > 0, "the spinning thread never ran");
	clockid_t spinner_clock;
	struct timespec spinner_time = {0, 0};
	CHECK(pthread_getcpuclockid(spinner, &spinner_clock) == 0 &&
		  clock_gettime(spinner_clock, &spinner_time) == 0 &&
		  spinner_time.tv_sec * 1e3 + spinner_time.tv_nsec / 1e6 > 10.0,
	      "the spinner's CPU-time clock says %ld.%09ld s", (long)spinner_time.tv_sec,
	      spinner_time.tv_nsec);
	int word = 0;
	struct timespec timeout = {0, 20 * 1000 * 1000};
	double start = now_ms();
	long result = syscall(SYS_futex, &word, 0 /* FUTEX_WAIT */, 0, &timeout, NULL, 0);
	double waited = now_ms() - start;
	CHECK(result == -1 && errno == ETIMEDOUT, "futex wait returned %ld, errno %d", result,
	      errno);
	CHECK(waited >= 20.0, "futex timeout came after %.3f ms, before 20 ms", waited);
	printf("futex 20 ms timeout after %.3f ms\n", waited);
	stop_spinning = 1;
	pthread_join(spinner, NULL);
	return test_result();
}
