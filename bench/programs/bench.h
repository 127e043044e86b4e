// SPDX-License-Identifier: MIT
/* Shared by the benchmark programs, which build unchanged for Yolk (yolk build), for the Linux
 * VM and for the host (musl-gcc -static). BENCH_LOOP times BENCH_CALLS runs of one statement
 * with CLOCK_MONOTONIC inside the guest, BENCH_ROUNDS times, and prints the median round as one
 * machine-readable line: "BENCH <name>_ns <ns per call>". The loop is inlined so that the only
 * cost measured besides the call is an increment and a compare. */
#ifndef BENCH_H
#define BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define BENCH_CALLS  1000000
#define BENCH_ROUNDS 5

static inline double bench_now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1e9 + now.tv_nsec;
}

static inline int bench_compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of BENCH_ROUNDS rounds, printed; the first round also warms caches and TCG's
 * translation blocks, and the median keeps it out of the result. */
static inline void bench_report(const char *name, double *round_ns)
{
	qsort(round_ns, BENCH_ROUNDS, sizeof(*round_ns), bench_compare);
	printf("BENCH %s_ns %.1f\n", name, round_ns[BENCH_ROUNDS / 2]);
}

#define BENCH_LOOP(name, statement)                                                                \
	do {                                                                                       \
		double round_ns[BENCH_ROUNDS];                                                     \
		for (int round = 0; round < BENCH_ROUNDS; round++) {                               \
			double start = bench_now_ns();                                             \
			for (long call = 0; call < BENCH_CALLS; call++) {                          \
				statement;                                                         \
			}                                                                          \
			round_ns[round] = (bench_now_ns() - start) / BENCH_CALLS;                  \
		}                                                                                  \
		bench_report(name, round_ns);                                                      \
	} while (0)

#endif
