/* SPDX-License-Identifier: MIT */
/* threads_signals: pthread_cancel of a thread blocked in nanosleep; a SIGALRM handler runs and
 * interrupts a sleep with EINTR; sigsetjmp/siglongjmp out of a SIGSEGV handler; a handler on an
 * alternate stack; tgkill to another thread; a POSIX timer with SIGEV_THREAD. */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile sig_atomic_t alarms, on_alternate, usr1_thread;
static sigjmp_buf recover;
static char alternate_stack[16384];

static void on_alarm(int signal)
{
	(void)signal;
	alarms++;
}

static void on_segv(int signal, siginfo_t *info, void *context)
{
	(void)signal;
	(void)context;
	siglongjmp(recover, info->si_addr == (void *)16 ? 1 : 2);
}

static void on_usr2(int signal)
{
	char here;
	(void)signal;
	on_alternate =
	    &here >= alternate_stack && &here < alternate_stack + sizeof(alternate_stack);
}

static void on_usr1(int signal)
{
	(void)signal;
	usr1_thread = (sig_atomic_t)syscall(SYS_gettid);
}

static void *sleep_long(void *argument)
{
	(void)argument;
	sleep(100);
	return (void *)1;
}

static volatile int target_ready, target_tid;

static void *wait_for_usr1(void *argument)
{
	(void)argument;
	target_tid = (int)syscall(SYS_gettid);
	target_ready = 1;
	while (!usr1_thread)
		usleep(1000);
	return NULL;
}

static volatile int timer_calls;

static void on_timer(union sigval value)
{
	__atomic_add_fetch((int *)value.sival_ptr, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
	pthread_t thread;
	void *result;

	pthread_create(&thread, NULL, sleep_long, NULL);
	usleep(20000);
	CHECK(pthread_cancel(thread) == 0, "pthread_cancel failed");
	pthread_join(thread, &result);
	CHECK(result == PTHREAD_CANCELED, "cancelled thread returned %p", result);

	signal(SIGALRM, on_alarm);
	alarm(1);
	struct timespec request = {5, 0}, remaining = {0, 0};
	int slept = nanosleep(&request, &remaining);
	CHECK(slept == -1 && errno == EINTR, "nanosleep returned %d errno %d, expected EINTR",
	      slept, errno);
	CHECK(alarms == 1, "SIGALRM handler ran %d times", (int)alarms);
	CHECK(remaining.tv_sec >= 3, "remaining %lld s after 1 s of a 5 s sleep",
	      (long long)remaining.tv_sec);

	struct sigaction action = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
	sigaction(SIGSEGV, &action, NULL);
	int jumped = sigsetjmp(recover, 1);
	if (!jumped)
		*(volatile int *)16 = 1;
	CHECK(jumped == 1, "siglongjmp out of the SIGSEGV handler gave %d", jumped);
	*(volatile int *)&jumped = 0; /* a second fault is handled again: the mask was restored */
	if (!sigsetjmp(recover, 1))
		*(volatile int *)16 = 2;
	else
		jumped = 1;
	CHECK(jumped == 1, "second SIGSEGV was not handled");

	stack_t stack = {.ss_sp = alternate_stack, .ss_size = sizeof(alternate_stack)};
	CHECK(sigaltstack(&stack, NULL) == 0, "sigaltstack failed: %d", errno);
	struct sigaction on_stack = {.sa_handler = on_usr2, .sa_flags = SA_ONSTACK};
	sigaction(SIGUSR2, &on_stack, NULL);
	raise(SIGUSR2);
	CHECK(on_alternate, "the SA_ONSTACK handler did not run on the alternate stack");

	signal(SIGUSR1, on_usr1);
	pthread_create(&thread, NULL, wait_for_usr1, NULL);
	while (!target_ready)
		usleep(1000);
	syscall(SYS_tgkill, getpid(), target_tid, SIGUSR1);
	pthread_join(thread, NULL);
	CHECK(usr1_thread == target_tid, "SIGUSR1 ran in thread %d, sent to %d", (int)usr1_thread,
	      target_tid);

	timer_t timer;
	struct sigevent event = {.sigev_notify = SIGEV_THREAD,
				 .sigev_notify_function = on_timer,
				 .sigev_value.sival_ptr = (void *)&timer_calls};
	CHECK(timer_create(CLOCK_MONOTONIC, &event, &timer) == 0, "timer_create: %d", errno);
	struct itimerspec every_10_ms = {{0, 10000000}, {0, 10000000}};
	timer_settime(timer, 0, &every_10_ms, NULL);
	usleep(200000);
	timer_delete(timer);
	CHECK(timer_calls >= 5, "SIGEV_THREAD timer ran %d times in 200 ms", timer_calls);
	return test_result();
}
