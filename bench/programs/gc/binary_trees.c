// SPDX-License-Identifier: MIT
/* binary-trees (the Computer Language Benchmarks Game's, after Hans Boehm's GCBench) at depth 16
 * (argv[1] changes it), with the Boehm-Demers-Weiser collector as malloc and no free(): built
 * for Yolk with `yolk build --gc` and for the Linux VM and the host with the same libgc.a
 * (musl-gcc -static, bench/linux-vm/build.sh). Prints the benchmark's usual lines, then
 * "BENCH gc_binary_trees_ns" (the whole run), the collections' pause times (each collection
 * stops the world from its start to its end: GC_EVENT_START to GC_EVENT_END) as
 * "BENCH gc_pause_median_ns" and "BENCH gc_pause_max_ns", their count and the largest heap. */
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_PAUSES 100000

struct node {
	struct node *left, *right;
};

static double pauses[MAX_PAUSES];
static unsigned pause_count;
static double pause_start;

static double now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1e9 + now.tv_nsec;
}

static void on_collection(GC_EventType event)
{
	if (event == GC_EVENT_START)
		pause_start = now_ns();
	else if (event == GC_EVENT_END && pause_count < MAX_PAUSES)
		pauses[pause_count++] = now_ns() - pause_start;
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
	double start;

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
	qsort(pauses, pause_count, sizeof(pauses[0]), compare);
	printf("BENCH gc_binary_trees_ns %.0f\n", total);
	printf("BENCH gc_pause_median_ns %.0f\n", pause_count ? pauses[pause_count / 2] : 0.0);
	printf("BENCH gc_pause_max_ns %.0f\n", pause_count ? pauses[pause_count - 1] : 0.0);
	printf("BENCH gc_collections_ns %u\n", pause_count);
	printf("BENCH gc_heap_kib_ns %zu\n", GC_get_heap_size() >> 10);
	return 0;
}
