/* SPDX-License-Identifier: MIT */
/* stop_the_world: the signal protocol a garbage collector (bdwgc) stops threads with, with
 * threads blocked in system calls (read on a pipe, nanosleep, a condition variable's futex) and
 * threads computing. Each round the collector's thread sends SIGPWR to every other thread; each
 * handler acknowledges on a semaphore and waits in sigsuspend for SIGXCPU. While all are
 * stopped, the computing threads' counters must not move; every handler's interrupted stack
 * pointer must lie in its thread's stack (the collector scans from there); after the last round
 * the blocked calls finish as if nothing happened (SA_RESTART) and each thread was stopped
 * every round. Prints the time to stop and restart all threads (median and max). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include "check.h"

#define SUSPEND_SIGNAL SIGPWR
#define RESTART_SIGNAL SIGXCPU
#define ROUNDS	       30

enum kind { READER, SLEEPER, WAITER, COMPUTER, KINDS };
#define PER_KIND 2
#define THREADS	 (KINDS * PER_KIND)

struct worker {
	pthread_t thread;
	enum kind kind;
	int pipe[2];
	volatile unsigned long counter;
	volatile int stops;
	uintptr_t stack_low, stack_high;
	volatile int bad_stack_pointer;
	char got;
};

static struct worker workers[THREADS];
static sem_t acknowledged;
static volatile int finished;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t condition = PTHREAD_COND_INITIALIZER;
static __thread struct worker *self;

static void suspend_handler(int signal, siginfo_t *info, void *context)
{
	ucontext_t *interrupted = context;
	uintptr_t stack_pointer = (uintptr_t)interrupted->uc_mcontext.gregs[REG_RSP];
	sigset_t wait_mask;
	int saved_errno = errno;

	(void)signal;
	(void)info;
	if (stack_pointer < self->stack_low || stack_pointer >= self->stack_high)
		self->bad_stack_pointer = 1;
	self->stops++;
	sem_post(&acknowledged);
	sigfillset(&wait_mask);
	sigdelset(&wait_mask, RESTART_SIGNAL);
	sigsuspend(&wait_mask);
	errno = saved_errno;
}

static void restart_handler(int signal)
{
	(void)signal;
}

static void *worker_main(void *argument)
{
	struct worker *worker = argument;
	pthread_attr_t attributes;
	void *stack;
	size_t size;

	self = worker;
	pthread_getattr_np(pthread_self(), &attributes);
	pthread_attr_getstack(&attributes, &stack, &size);
	pthread_attr_destroy(&attributes);
	worker->stack_low = (uintptr_t)stack;
	worker->stack_high = (uintptr_t)stack + size;
	sem_post(&acknowledged);
	switch (worker->kind) {
	case READER:
		CHECK(read(worker->pipe[0], &worker->got, 1) == 1, "read ended early: errno %d",
		      errno);
		break;
	case SLEEPER:
		while (!finished) {
			struct timespec long_sleep = {5, 0};
			nanosleep(&long_sleep, NULL); /* EINTR after each round: sleep again */
		}
		break;
	case WAITER:
		pthread_mutex_lock(&lock);
		while (!finished)
			pthread_cond_wait(&condition, &lock);
		pthread_mutex_unlock(&lock);
		break;
	default:
		while (!finished)
			worker->counter++;
	}
	return NULL;
}

static uint64_t now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static int compare(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void stop_and_check(unsigned round, uint64_t *took)
{
	uint64_t start = now_ns();

	for (int i = 0; i < THREADS; i++)
		pthread_kill(workers[i].thread, SUSPEND_SIGNAL);
	for (int i = 0; i < THREADS; i++)
		sem_wait(&acknowledged);
	uint64_t stopped = now_ns();
	unsigned long counters[THREADS];
	for (int i = 0; i < THREADS; i++)
		counters[i] = workers[i].counter;
	struct timespec pause = {0, 2000000};
	nanosleep(&pause, NULL);
	for (int i = 0; i < THREADS; i++)
		CHECK(workers[i].counter == counters[i],
		      "round %u: computing thread %d ran while stopped", round, i);
	uint64_t restart = now_ns();
	for (int i = 0; i < THREADS; i++)
		pthread_kill(workers[i].thread, RESTART_SIGNAL);
	*took = (stopped - start) + (now_ns() - restart);
	/* Let every thread get back to its call (or its loop) before the next round. */
	nanosleep(&pause, NULL);
}

int main(void)
{
	struct sigaction action = {.sa_flags = SA_SIGINFO | SA_RESTART};
	uint64_t took[ROUNDS];

	sigfillset(&action.sa_mask);
	action.sa_sigaction = suspend_handler;
	sigaction(SUSPEND_SIGNAL, &action, NULL);
	action.sa_flags = SA_RESTART;
	action.sa_handler = restart_handler;
	sigaction(RESTART_SIGNAL, &action, NULL);
	sem_init(&acknowledged, 0, 0);
	for (int i = 0; i < THREADS; i++) {
		workers[i].kind = (enum kind)(i / PER_KIND);
		if (workers[i].kind == READER)
			CHECK(pipe(workers[i].pipe) == 0, "pipe failed");
		CHECK(pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) == 0,
		      "pthread_create failed");
	}
	for (int i = 0; i < THREADS; i++)
		sem_wait(&acknowledged);
	struct timespec settle = {0, 20000000};
	nanosleep(&settle, NULL); /* into their calls */

	for (unsigned round = 0; round < ROUNDS; round++)
		stop_and_check(round, &took[round]);

	finished = 1;
	for (int i = 0; i < THREADS; i++)
		if (workers[i].kind == READER)
			CHECK(write(workers[i].pipe[1], "x", 1) == 1, "write failed");
	pthread_mutex_lock(&lock);
	pthread_cond_broadcast(&condition);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < THREADS; i++) {
		if (workers[i].kind == SLEEPER)
			pthread_kill(workers[i].thread, RESTART_SIGNAL); /* out of its 5 s sleep */
		pthread_join(workers[i].thread, NULL);
		CHECK(workers[i].stops == ROUNDS, "thread %d (kind %d) was stopped %d times of %d",
		      i, workers[i].kind, workers[i].stops, ROUNDS);
		CHECK(!workers[i].bad_stack_pointer,
		      "thread %d's handler saw a stack pointer outside its stack", i);
		if (workers[i].kind == READER)
			CHECK(workers[i].got == 'x', "reader %d read %#x after the rounds", i,
			      workers[i].got);
	}
	qsort(took, ROUNDS, sizeof(took[0]), compare);
	printf("stopped and restarted %d threads %d times: median %llu us, max %llu us\n", THREADS,
	       ROUNDS, (unsigned long long)took[ROUNDS / 2] / 1000,
	       (unsigned long long)took[ROUNDS - 1] / 1000);
	return test_result();
}
