/* SPDX-License-Identifier: MIT */
/* gc_threads (yolk build --gc): 8 threads allocate linked lists at once, many times the memory
 * in total, and never free; collections stop them wherever they are. A ninth thread holds a
 * list only on its stack while it blocks in read() on a pipe through every collection: the
 * list must survive intact, and the read must end with the byte written at the end. */
#include <gc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"

#define THREADS	 8
#define PER_LIST 2048

struct node {
	struct node *next;
	uint64_t value;
	uint64_t padding[6];
};

static uint64_t per_thread_bytes;
static int blocker_pipe[2];

static struct node *make_list(uint64_t *random, uint64_t *sum)
{
	struct node *list = NULL;

	*sum = 0;
	for (int i = 0; i < PER_LIST; i++) {
		struct node *node = malloc(sizeof(*node));
		if (!node)
			return NULL;
		node->next = list;
		node->value = test_random(random);
		*sum += node->value;
		list = node;
	}
	return list;
}

static uint64_t sum_of(const struct node *list)
{
	uint64_t sum = 0;

	for (; list; list = list->next)
		sum += list->value;
	return sum;
}

static void *allocator(void *argument)
{
	uint64_t random = (uintptr_t)argument, allocated = 0, expected;

	while (allocated < per_thread_bytes) {
		struct node *list = make_list(&random, &expected);
		CHECK(list != NULL, "malloc failed after %llu MiB",
		      (unsigned long long)(allocated >> 20));
		if (!list)
			break;
		CHECK(sum_of(list) == expected, "a list changed under its thread");
		allocated += PER_LIST * sizeof(struct node);
	}
	return NULL;
}

static void *blocker(void *unused)
{
	uint64_t random = 99, expected;
	struct node *volatile list = make_list(&random, &expected);
	char byte = 0;

	(void)unused;
	CHECK(read(blocker_pipe[0], &byte, 1) == 1 && byte == 'x', "read ended with %#x", byte);
	CHECK(sum_of(list) == expected,
	      "the list held by a thread blocked in read() was collected");
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t threads[THREADS], blocked;
	uint64_t total = (uint64_t)(argc > 1 ? atol(argv[1]) : 1024) << 20;

	per_thread_bytes = total / THREADS;
	CHECK(pipe(blocker_pipe) == 0, "pipe failed");
	CHECK(pthread_create(&blocked, NULL, blocker, NULL) == 0, "pthread_create failed");
	for (uintptr_t i = 0; i < THREADS; i++)
		CHECK(pthread_create(&threads[i], NULL, allocator, (void *)(i + 1)) == 0,
		      "pthread_create failed");
	for (int i = 0; i < THREADS; i++)
		pthread_join(threads[i], NULL);
	size_t collections = (size_t)GC_get_gc_no();
	CHECK(write(blocker_pipe[1], "x", 1) == 1, "write failed");
	pthread_join(blocked, NULL);
	printf("%d threads allocated %llu MiB, never freed; heap %zu KiB, %zu collections\n",
	       THREADS, (unsigned long long)(total >> 20), GC_get_heap_size() >> 10, collections);
	CHECK(collections >= 10, "only %zu collections", collections);
	CHECK(GC_get_heap_size() < 64u << 20, "the heap grew to %zu KiB", GC_get_heap_size() >> 10);
	return test_result();
}
