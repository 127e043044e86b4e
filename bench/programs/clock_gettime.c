// SPDX-License-Identifier: MIT
/* ns per clock_gettime(CLOCK_MONOTONIC): a system call on Yolk, the vDSO (no kernel entry) on
 * Linux, whose clock source decides the cost. */
#include "bench.h"

int main(void)
{
	struct timespec now;

	if (clock_gettime(CLOCK_MONOTONIC, &now)) {
		perror("clock_gettime");
		return 1;
	}
	BENCH_LOOP("clock_gettime", clock_gettime(CLOCK_MONOTONIC, &now));
	return 0;
}
