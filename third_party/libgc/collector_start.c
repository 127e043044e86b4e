/* SPDX-License-Identifier: MIT */
/* Linked into every `yolk build --gc` image: starts the collector on the main thread before
 * main (so that it knows which thread is the main one, whichever thread allocates first),
 * leaves the kernel's data out of its roots, and keeps three warnings of bdwgc's off the
 * console. With malloc redirected and threads, bdwgc takes its static roots from
 * /proc/self/maps (every writable mapping but its heap and the threads' stacks): it says at
 * start that this "performs poorly" (it is the sound choice here: docs/gc.md), and at the
 * first collection that it found no text mapping of glibc's libpthread.so and ld.so, which a
 * static musl image has not. Every other warning goes to bdwgc's own printer. */
#include <gc.h>
#include <string.h>

/* The kernel's data and zeroed data in the image (tools/yolk.ld): not the program's roots. Its
 * stacks and saved registers there would otherwise keep stale copies of pointers alive, and
 * each collection would scan them. Weak: the same file serves the benchmark's Linux builds. */
extern char __kernel_data_start[] __attribute__((weak)), __kernel_data_end[] __attribute__((weak));
extern char __kernel_bss_start[] __attribute__((weak)), __kernel_bss_end[] __attribute__((weak));

static GC_warn_proc default_warning;

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
}
