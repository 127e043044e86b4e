/* SPDX-License-Identifier: MIT */
/* gc_thread_locals (yolk build --gc): an object whose only pointer is in a thread's __thread
 * variable or pthread_setspecific value survives collections, whether that thread collects
 * itself or waits in read() while main collects. musl keeps both above the thread's stack, in
 * memory bdwgc alone would not scan (Yolk's collector_start.c adds it). Objects hold a pattern;
 * the collector allocates zeroed objects of the same size between collections, which reuse the
 * memory of collected ones; control objects, pointed to only by mangled
 * values, must be reused in the first case, or this test could not tell. In the second, main
 * reuses memory that another thread's allocations left on the free lists, which it does most
 * of the time but not always: there a control that was not reused is printed, not failed. */
#include <gc.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

#define SIZE	256
#define PATTERN 0x5a
#define MANGLE	0x5555000000000000ull /* the result is never an address */

static __thread unsigned char *local_pointer;
static __thread uintptr_t local_control; /* mangled: not a pointer */
static pthread_key_t key;
static uintptr_t key_control;
static int pipe_ends[2];
static volatile int ready;

static int intact(const unsigned char *object)
{
	for (int i = 0; i < SIZE; i++)
		if (object[i] != PATTERN)
			return 0;
	return 1;
}

static __attribute__((noinline)) unsigned char *make_object(void)
{
	unsigned char *object = GC_MALLOC_ATOMIC(SIZE);

	memset(object, PATTERN, SIZE);
	return object;
}

static __attribute__((noinline)) void keep_objects(void)
{
	local_pointer = make_object();
	local_control = (uintptr_t)make_object() ^ MANGLE;
	pthread_setspecific(key, make_object());
	key_control = (uintptr_t)make_object() ^ MANGLE;
}

/* Overwrites the dead stack below the caller, where make_object's frames left copies. */
static __attribute__((noinline)) void wipe_stack(void)
{
	volatile unsigned char area[16384];

	memset((void *)area, 0, sizeof(area));
}

static __attribute__((noinline)) void collect_and_reuse(void)
{
	for (int round = 0; round < 6; round++) {
		GC_gcollect();
		for (int i = 0; i < 40000; i++)
			memset(GC_MALLOC_ATOMIC(SIZE), 0, SIZE);
		wipe_stack();
	}
}

static void report(const char *who, int control_must_be_reused)
{
	int pointer = intact(local_pointer), specific = intact(pthread_getspecific(key));
	int control = intact((unsigned char *)(local_control ^ MANGLE));
	int key_kept = intact((unsigned char *)(key_control ^ MANGLE));

	printf("%s: __thread %s, pthread_setspecific %s, controls %s\n", who,
	       pointer ? "kept" : "collected", specific ? "kept" : "collected",
	       control || key_kept ? "kept" : "collected");
	CHECK(pointer, "%s: the object held by a __thread variable was collected", who);
	CHECK(specific, "%s: the object held by pthread_setspecific was collected", who);
	CHECK(!control_must_be_reused || (!control && !key_kept),
	      "%s: a control object was not collected: the test cannot tell", who);
}

static void *collecting_thread(void *unused)
{
	(void)unused;
	keep_objects();
	wipe_stack();
	collect_and_reuse();
	report("a thread that collects", 1);
	return NULL;
}

static void *waiting_thread(void *unused)
{
	char byte;

	(void)unused;
	keep_objects();
	wipe_stack();
	ready = 1;
	CHECK(read(pipe_ends[0], &byte, 1) == 1, "read failed");
	report("a thread waiting in read() while main collects", 0);
	return NULL;
}

int main(void)
{
	pthread_t thread;

	pthread_key_create(&key, NULL);
	CHECK(pipe(pipe_ends) == 0, "pipe failed");
	CHECK(pthread_create(&thread, NULL, collecting_thread, NULL) == 0, "pthread_create failed");
	pthread_join(thread, NULL);
	CHECK(pthread_create(&thread, NULL, waiting_thread, NULL) == 0, "pthread_create failed");
	while (!ready)
		usleep(1000);
	usleep(10000);
	collect_and_reuse();
	CHECK(write(pipe_ends[1], "x", 1) == 1, "write failed");
	pthread_join(thread, NULL);
	return test_result();
}
