// SPDX-License-Identifier: MIT
/* binary-trees (the Computer Language Benchmarks Game's, after Hans Boehm's GCBench) at depth 16
 * (argv[1] changes it), with the Boehm-Demers-Weiser collector as malloc and no free(): built
 * for Yolk with `yolk build --gc` and for the Linux VM and the host with the same libgc.a
 * (musl-gcc -static, bench/linux-vm/build.sh). argv[2], if given, is a number of other threads
 * that the collector must stop each time: half wait in read() on a pipe, half sleep 1 ms at a
 * time. Prints the benchmark's usual lines, then "BENCH gc_binary_trees_ns" (the whole run),
 * the collections' pause times (each collection stops the world from its start to its end:
 * GC_EVENT_START to GC_EVENT_END) as "BENCH gc_pause_median_ns" and "BENCH gc_pause_max_ns",
 * the time spent stopping and restarting the other threads in each (GC_EVENT_PRE_STOP_WORLD to
 * POST_STOP_WORLD plus PRE_START_WORLD to POST_START_WORLD) as "BENCH gc_stop_median_ns" and
 * "BENCH gc_stop_max_ns", the count and the largest heap. */
#include <gc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define MAX_PAUSES 100000

struct node {
	struct node *left, *right;
};

static double pauses[MAX_PAUSES], stops[MAX_PAUSES];
static unsigned pause_count, stop_count;
static double pause_start, stop_start, stop_time;
static volatile int finished;
static int pipe_ends[2];

static double now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1e9 + now.tv_nsec;
}

static void on_collection(GC_EventType event)
{
	if (event == GC_EVENT_START) {
		pause_start = now_ns();
		stop_time = 0;
	} else if (event == GC_EVENT_PRE_STOP_WORLD || event == GC_EVENT_PRE_START_WORLD) {
		stop_start = now_ns();
	} else if (event == GC_EVENT_POST_STOP_WORLD) {
		stop_time = now_ns() - stop_start;
	} else if (event == GC_EVENT_POST_START_WORLD && stop_count < MAX_PAUSES) {
		stops[stop_count++] = stop_time + now_ns() - stop_start;
	} else if (event == GC_EVENT_END && pause_count < MAX_PAUSES) {
		pauses[pause_count++] = now_ns() - pause_start;
	}
}

static void *wait_in_read(void *unused)
{
	char byte;
	ssize_t got = read(pipe_ends[0], &byte, 1); /* until the end of the run */

	(void)unused, (void)got;
	return NULL;
}

static void *sleep_often(void *unused)
{
	(void)unused;
	while (!finished)
		nanosleep(&(struct timespec){.tv_nsec = 1000000}, NULL);
	return NULL;
}

static struct node *make(int depth)
{
	struct node *node = malloc(sizeof(*node));

	if (depth > 0) {
		node->left = make(depth - 1);
		node->right = make(depth - 1);
	} else {
		node->left = node->right = NULL;
	}
	return node;
}

static long check(const struct node *node)
{
	return 1 + (node->left ? check(node->left) + check(node->right) : 0);
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int min_depth = 4, max_depth = argc > 1 ? atoi(argv[1]) : 16;
	int other_threads = argc > 2 ? atoi(argv[2]) : 0;
	pthread_t threads[64];
	double start;

	if (other_threads < 0 || other_threads > 64 || pipe(pipe_ends) != 0) {
		fprintf(stderr, "usage: binary_trees [DEPTH [THREADS (0 to 64)]]\n");
		return 2;
	}
	for (int i = 0; i < other_threads; i++)
		if (pthread_create(&threads[i], NULL, i % 2 ? sleep_often : wait_in_read, NULL)) {
			fprintf(stderr, "binary_trees: pthread_create failed\n");
			return 1;
		}

	if (max_depth < min_depth + 2)
		max_depth = min_depth + 2;
	GC_set_on_collection_event(on_collection);
	start = now_ns();
	struct node *stretch = make(max_depth + 1);
	printf("stretch tree of depth %d\t check: %ld\n", max_depth + 1, check(stretch));
	stretch = NULL;
	struct node *long_lived = make(max_depth);
	for (int depth = min_depth; depth <= max_depth; depth += 2) {
		long iterations = 1L << (max_depth - depth + min_depth), sum = 0;
		for (long i = 0; i < iterations; i++)
			sum += check(make(depth));
		printf("%ld\t trees of depth %d\t check: %ld\n", iterations, depth, sum);
	}
	printf("long lived tree of depth %d\t check: %ld\n", max_depth, check(long_lived));
	double total = now_ns() - start;
	finished = 1;
	for (int i = 0; i < other_threads; i++)
		if (write(pipe_ends[1], "x", 1) != 1)
			return 1;
	for (int i = 0; i < other_threads; i++)
		pthread_join(threads[i], NULL);
	qsort(pauses, pause_count, sizeof(pauses[0]), compare);
	qsort(stops, stop_count, sizeof(stops[0]), compare);
	printf("BENCH gc_binary_trees_ns %.0f\n", total);
	printf("BENCH gc_pause_median_ns %.0f\n", pause_count ? pauses[pause_count / 2] : 0.0);
	printf("BENCH gc_pause_max_ns %.0f\n", pause_count ? pauses[pause_count - 1] : 0.0);
	printf("BENCH gc_stop_median_ns %.0f\n", stop_count ? stops[stop_count / 2] : 0.0);
	printf("BENCH gc_stop_max_ns %.0f\n", stop_count ? stops[stop_count - 1] : 0.0);
	printf("BENCH gc_collections_ns %u\n", pause_count);
	printf("BENCH gc_heap_kib_ns %zu\n", GC_get_heap_size() >> 10);
	return 0;
}
