/* SPDX-License-Identifier: MIT */
/* Linked into every `yolk build --gc` image: starts the collector on the main thread before
 * main (so that it knows which thread is the main one, whichever thread allocates first), and
 * keeps one warning of bdwgc's off the console: with malloc redirected and threads, bdwgc finds
 * its roots in /proc/self/maps (every writable mapping, thread-local storage included) and says
 * at start that this "performs poorly"; that is the sound choice here (docs/gc.md). */
#include <gc.h>
#include <string.h>

static GC_warn_proc default_warning;

static void warn(char *message, GC_word argument)
{
	if (!strstr(message, "USE_PROC_FOR_LIBRARIES"))
		default_warning(message, argument);
}

__attribute__((constructor)) static void yolk_collector_start(void)
{
	default_warning = GC_get_warn_proc();
	GC_set_warn_proc(warn);
	GC_INIT();
	GC_set_warn_proc(default_warning);
}
