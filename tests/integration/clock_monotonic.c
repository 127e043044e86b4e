/* SPDX-License-Identifier: MIT */
/* clock_monotonic: 100,000 consecutive reads of CLOCK_MONOTONIC never go back, the
 * nanoseconds stay below one second, and the clock moves forward over the run. */
#include <errno.h>
#include <time.h>
#include "check.h"

#define READS 100000

static int64_t nanoseconds(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

int main(void)
{
	struct timespec first, previous, now;
	unsigned long backwards = 0, bad_nanoseconds = 0, changes = 0;
	int64_t worst = 0;

	CHECK(clock_gettime(CLOCK_MONOTONIC, &first) == 0, "clock_gettime failed, errno %d", errno);
	previous = first;
	for (int i = 0; i < READS; i++) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_nsec < 0 || now.tv_nsec >= 1000000000)
			bad_nanoseconds++;
		int64_t step = nanoseconds(&now) - nanoseconds(&previous);
		if (step < 0) {
			backwards++;
			if (step < worst)
				worst = step;
		} else if (step > 0) {
			changes++;
		}
		previous = now;
	}
	CHECK(backwards == 0, "the clock went back %lu times, by up to %lld ns", backwards,
	      (long long)-worst);
	CHECK(bad_nanoseconds == 0, "%lu reads had tv_nsec outside [0, 1e9)", bad_nanoseconds);
	CHECK(nanoseconds(&previous) > nanoseconds(&first), "the clock did not move in %d reads",
	      READS);
	printf("%d reads over %lld us, %lu distinct steps\n", READS,
	       (long long)(nanoseconds(&previous) - nanoseconds(&first)) / 1000, changes);
	return test_result();
}
