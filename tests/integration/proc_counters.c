/* SPDX-License-Identifier: MIT */
/* proc_counters: the kernel's counters that httpd's /metrics and pstack read. /proc/stat's ctxt
 * grows with each switch between threads; /proc/interrupts lists the timer's vector with its
 * handler and a count that grows; /proc/stacks has every thread with a symbolized stack, the
 * reading thread's own through libc into this program, and a thread blocked in
 * pthread_cond_wait down to the futex. With Debian's libc.a (argument "debian"), which is built
 * without frame pointers, a stack is only sure to reach the system-call entry. (Yolk's own
 * files: not for Linux.) */
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>
#include "check.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int state; /* 1: the waiter waits, 2: it may go */

static char *slurp(const char *path)
{
	static char text[1 << 16];
	FILE *file = fopen(path, "r");
	size_t length = file ? fread(text, 1, sizeof(text) - 1, file) : 0;

	if (file)
		fclose(file);
	text[length] = 0;
	return text;
}

/* The ctxt count of /proc/stat, or ULLONG_MAX where there is no such line. (It may be 0 at
 * main: a boot need not switch threads.) */
static unsigned long long switches(void)
{
	const char *at = strstr(slurp("/proc/stat"), "\nctxt ");

	return at ? strtoull(at + 6, NULL, 10) : ULLONG_MAX;
}

/* The sum of the counts of vectors 32 and up that name a handler, and whether one is named
 * timer. */
static unsigned long long device_interrupts(int *timer_named)
{
	char *line = slurp("/proc/interrupts");
	unsigned long long total = 0;

	for (line = strchr(line, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
		unsigned vector;
		unsigned long long count;
		char handler[64];
		if (sscanf(line + 1, " %u: %llu %63s", &vector, &count, handler) == 3 &&
		    vector >= 32) {
			total += count;
			*timer_named |= strstr(handler, "timer") != NULL;
		}
	}
	return total;
}

static __attribute__((noinline)) void *waiter_thread(void *argument)
{
	(void)argument;
	prctl(PR_SET_NAME, "waiter");
	pthread_mutex_lock(&lock);
	state = 1;
	pthread_cond_broadcast(&changed);
	while (state != 2)
		pthread_cond_wait(&changed, &lock);
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* The block of /proc/stacks for the thread named NAME (its header line "TID S CPU NAME" up to
 * the empty line), copied; "" if there is none. */
static __attribute__((noinline)) const char *stack_of(const char *name)
{
	static char block[8192];
	char *text = slurp("/proc/stacks"), *line = text;

	block[0] = 0;
	while (line && *line) {
		char *end = strstr(line, "\n\n");
		size_t length = end ? (size_t)(end - line) : strlen(line);
		char header[128];
		snprintf(header, sizeof(header), "%.*s", (int)strcspn(line, "\n"), line);
		size_t name_at = strlen(header) > strlen(name) ? strlen(header) - strlen(name) : 0;
		if (!strcmp(header + name_at, name) && header[name_at - 1] == ' ') {
			snprintf(block, sizeof(block), "%.*s", (int)length, line);
			break;
		}
		line = end ? end + 2 : NULL;
	}
	return block;
}

int main(int argc, char **argv)
{
	bool frame_pointers = argc < 2 || strcmp(argv[1], "debian");
	pthread_t waiter;
	int timer_named = 0;
	unsigned long long switches_before = switches(), interrupts_before;

	interrupts_before = device_interrupts(&timer_named);
	CHECK(switches_before != ULLONG_MAX, "no ctxt line in /proc/stat:\n%s",
	      slurp("/proc/stat"));
	CHECK(timer_named, "no timer in /proc/interrupts:\n%s", slurp("/proc/interrupts"));
	pthread_create(&waiter, NULL, waiter_thread, NULL);
	pthread_mutex_lock(&lock);
	while (state != 1)
		pthread_cond_wait(&changed, &lock);
	pthread_mutex_unlock(&lock);
	nanosleep(&(struct timespec){0, 20000000}, NULL); /* the timer fires, the waiter waits */
	CHECK(switches() > switches_before, "ctxt %llu then %llu", switches_before, switches());
	CHECK(device_interrupts(&timer_named) > interrupts_before, "interrupts %llu then %llu",
	      interrupts_before, device_interrupts(&timer_named));

	const char *own = stack_of("main");
	CHECK(strstr(own, " generate_stacks+0x") && strstr(own, " sys_open") &&
		  (!frame_pointers || (strstr(own, " stack_of+0x") && strstr(own, " main+0x"))),
	      "the reading thread's stack:\n%s",
	      strstr(own, "sys_open") ? strstr(own, "sys_open") : own);
	const char *waiting = stack_of("waiter");
	CHECK(waiting[0] && strchr(waiting, ' ')[1] == 'S', "the waiter sleeps:\n%s", waiting);
	CHECK(strstr(waiting, " futex_wait+0x") &&
		  (!frame_pointers || strstr(waiting, " waiter_thread+0x")),
	      "the waiter's stack:\n%s",
	      strstr(waiting, "sys_futex") ? strstr(waiting, "sys_futex") : waiting);
	pthread_mutex_lock(&lock);
	state = 2;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
	pthread_join(waiter, NULL);
	return test_result();
}
