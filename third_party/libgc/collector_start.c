/* SPDX-License-Identifier: MIT */
/* Linked into every `yolk build --gc` image: starts the collector on the main thread before
 * main (so that it knows which thread is the main one, whichever thread allocates first),
 * leaves the kernel's data out of its roots, adds other threads' thread-local storage to
 * them, and keeps three warnings of bdwgc's off the
 * console. With malloc redirected and threads, bdwgc takes its static roots from
 * /proc/self/maps (every writable mapping but its heap and the threads' stacks): it says at
 * start that this "performs poorly" (it is the sound choice here: docs/gc.md), and at the
 * first collection that it found no text mapping of glibc's libpthread.so and ld.so, which a
 * static musl image has not. Every other warning goes to bdwgc's own printer. */
#define _GNU_SOURCE /* pthread_getattr_np */
#include <fcntl.h>
#include <gc.h>
#include <gc/gc_mark.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The kernel's data and zeroed data in the image (tools/yolk.ld): not the program's roots. Its
 * stacks and saved registers there would otherwise keep stale copies of pointers alive, and
 * each collection would scan them. Weak: the same file serves the benchmark's Linux builds. */
extern char __kernel_data_start[] __attribute__((weak)), __kernel_data_end[] __attribute__((weak));
extern char __kernel_bss_start[] __attribute__((weak)), __kernel_bss_end[] __attribute__((weak));

static GC_warn_proc default_warning;

/* Other threads' thread-local storage. musl puts a thread's TLS, its struct pthread and its
 * pthread_setspecific values right above its stack, in the same mapping; bdwgc scans a thread's
 * stack up to its top only and skips the whole mapping in its roots (it holds a stack), so a
 * pointer kept only in another thread's __thread variable or key would not be seen and its
 * object freed under it (tests/integration/gc_thread_locals.c; on Linux too). So, while the
 * world is stopped, the threads bdwgc suspended are noted, and with the other roots the rest of
 * each one's mapping above its stack is pushed, and the collecting thread's. No allocation here:
 * bdwgc holds its lock. */
#define MAX_NOTED_THREADS 4096
#define MAPS_SIZE	  65536

static pthread_t main_thread;
static pthread_t suspended_threads[MAX_NOTED_THREADS];
static unsigned suspended_count;
static GC_on_thread_event_proc previous_thread_event;
static GC_push_other_roots_proc previous_push_other_roots;
static char maps[MAPS_SIZE];

static void note_thread(GC_EventType event, void *thread)
{
	if (event == GC_EVENT_THREAD_SUSPENDED && suspended_count < MAX_NOTED_THREADS)
		suspended_threads[suspended_count++] = (pthread_t)thread;
	if (previous_thread_event)
		previous_thread_event(event, thread);
}

/* The end of the mapping in /proc/self/maps (read into `maps`) that holds `address`, or 0. */
static uintptr_t mapping_end(const char *text, uintptr_t address)
{
	while (*text) {
		char *rest;
		uintptr_t start = strtoul(text, &rest, 16);
		uintptr_t end = *rest == '-' ? strtoul(rest + 1, &rest, 16) : 0;
		if (start <= address && address < end)
			return end;
		const char *newline = strchr(rest, '\n');
		if (!newline)
			break;
		text = newline + 1;
	}
	return 0;
}

static void push_thread_locals(void)
{
	if (previous_push_other_roots)
		previous_push_other_roots();
	/* The collecting thread's own, too (it was not suspended). */
	if (suspended_count < MAX_NOTED_THREADS)
		suspended_threads[suspended_count++] = pthread_self();
	ssize_t length = 0, got;
	int file = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	if (file >= 0) {
		while (length < MAPS_SIZE - 1 &&
		       (got = read(file, maps + length, MAPS_SIZE - 1 - length)) > 0)
			length += got;
		close(file);
	}
	maps[length] = 0;
	for (unsigned i = 0; i < suspended_count; i++) {
		/* The main thread's TLS is in the image's data, already a root; and musl finds its
		 * stack by probing it with mremap page by page, 2,048 calls for 8 MiB. */
		if (pthread_equal(suspended_threads[i], main_thread))
			continue;
		pthread_attr_t attributes;
		void *stack;
		size_t size;
		if (pthread_getattr_np(suspended_threads[i], &attributes))
			continue;
		int failed = pthread_attr_getstack(&attributes, &stack, &size);
		pthread_attr_destroy(&attributes);
		uintptr_t top = (uintptr_t)stack + size;
		uintptr_t end = failed ? 0 : mapping_end(maps, top);
		if (end > top)
			GC_push_all((void *)top, (void *)end);
	}
	suspended_count = 0;
}

static void warn(char *message, GC_word argument)
{
	if (!strstr(message, "USE_PROC_FOR_LIBRARIES") &&
	    !strstr(message, "libpthread.so text mapping") &&
	    !strstr(message, "ld.so text mapping"))
		default_warning(message, argument);
}

__attribute__((constructor)) static void yolk_collector_start(void)
{
	default_warning = GC_get_warn_proc();
	GC_set_warn_proc(warn);
	if (__kernel_data_start && __kernel_bss_start) {
		GC_exclude_static_roots(__kernel_data_start, __kernel_data_end);
		GC_exclude_static_roots(__kernel_bss_start, __kernel_bss_end);
	}
	GC_INIT();
	main_thread = pthread_self();
	previous_thread_event = GC_get_on_thread_event();
	GC_set_on_thread_event(note_thread);
	previous_push_other_roots = GC_get_push_other_roots();
	GC_set_push_other_roots(push_thread_locals);
}
