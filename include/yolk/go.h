/* SPDX-License-Identifier: MIT */
/* Go-style routines for C programs on Yolk: go(fn, arg) starts a lightweight thread.
 *
 *     #include <yolk/go.h>
 *     static void work(void *arg) { ... }
 *     go(work, &data);
 *
 * A routine is a kernel thread with a small stack (64 KiB unless go_set_stack_size says
 * otherwise) and a guard page below it: an overflow is reported as a stack overflow of that
 * thread, not silent corruption. Routines are preempted like any thread. A wait group waits for
 * a set of routines to finish. See docs/go.md. */
#ifndef YOLK_GO_H
#define YOLK_GO_H

#include <pthread.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Starts fn(arg) in a new routine. Returns 0, or an errno value (EAGAIN, ENOMEM) when no
 * routine could be started. */
int go(void (*fn)(void *arg), void *arg);
/* The stack size of routines started from now on (rounded up to pages, at least 16 KiB). */
void go_set_stack_size(size_t bytes);
size_t go_stack_size(void);

struct waitgroup {
	pthread_mutex_t lock;
	pthread_cond_t done;
	long count;
};

#define WAITGROUP_INIT                                                                             \
	{                                                                                          \
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0                             \
	}

void waitgroup_add(struct waitgroup *group, long delta);
void waitgroup_done(struct waitgroup *group);
/* Blocks until the count is zero. */
void waitgroup_wait(struct waitgroup *group);

#ifdef __cplusplus
}
#endif
#endif
