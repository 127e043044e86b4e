/* SPDX-License-Identifier: MIT */
/* stack_bounds: what a garbage collector asks to find the stacks it scans. The main thread's
 * pthread_getattr_np (musl walks down from the top with mremap, which answers ENOMEM inside the
 * stack and EFAULT below it) reports a range of several pages holding main's own locals; another
 * thread's reports exactly the stack it was given (size from its attributes) around its locals. */
#define _GNU_SOURCE /* pthread_getattr_np, mremap */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include "check.h"

#define PAGE	     4096ul
#define THREAD_STACK (256 * 1024ul)

static void stack_of(pthread_t thread, uintptr_t *low, uintptr_t *high)
{
	pthread_attr_t attributes;
	void *address = NULL;
	size_t size = 0;

	*low = *high = 0;
	int error = pthread_getattr_np(thread, &attributes);
	CHECK(error == 0, "pthread_getattr_np failed: %d", error);
	if (error)
		return;
	error = pthread_attr_getstack(&attributes, &address, &size);
	CHECK(error == 0, "pthread_attr_getstack failed: %d", error);
	pthread_attr_destroy(&attributes);
	*low = (uintptr_t)address;
	*high = *low + size;
}

static void *thread_main(void *unused)
{
	volatile char local = 1;
	uintptr_t low, high;

	(void)unused;
	stack_of(pthread_self(), &low, &high);
	CHECK(low < (uintptr_t)&local && (uintptr_t)&local < high,
	      "a thread's local %p outside its reported stack %#lx-%#lx", (void *)&local,
	      (unsigned long)low, (unsigned long)high);
	CHECK(high - low >= THREAD_STACK - PAGE && high - low <= THREAD_STACK + PAGE,
	      "a thread's stack is %lu bytes, given %lu", (unsigned long)(high - low),
	      THREAD_STACK);
	return NULL;
}

int main(void)
{
	volatile char local = 1;
	uintptr_t low, high;

	stack_of(pthread_self(), &low, &high);
	printf("main stack %#lx-%#lx (%lu KiB)\n", (unsigned long)low, (unsigned long)high,
	       (unsigned long)(high - low) / 1024);
	CHECK(low < (uintptr_t)&local && (uintptr_t)&local < high,
	      "main's local %p outside its reported stack %#lx-%#lx", (void *)&local,
	      (unsigned long)low, (unsigned long)high);
	CHECK(high - low >= 16 * PAGE, "the main stack is reported as only %lu bytes",
	      (unsigned long)(high - low));

	/* The probe itself: inside the stack growing in place fails with ENOMEM, below it the
	 * range is not mapped (EFAULT), and the stack is where it was. */
	uintptr_t page = ((uintptr_t)&local & ~(PAGE - 1)) - 2 * PAGE;
	errno = 0;
	CHECK(mremap((void *)page, PAGE, 2 * PAGE, 0) == MAP_FAILED && errno == ENOMEM,
	      "mremap inside the main stack: errno %d, not ENOMEM", errno);
	errno = 0;
	CHECK(mremap((void *)(low - 16 * PAGE), PAGE, 2 * PAGE, 0) == MAP_FAILED && errno == EFAULT,
	      "mremap below the main stack: errno %d, not EFAULT", errno);
	local = 2;
	CHECK(local == 2, "the stack changed under mremap");

	pthread_attr_t attributes;
	pthread_t thread;
	pthread_attr_init(&attributes);
	pthread_attr_setstacksize(&attributes, THREAD_STACK);
	CHECK(pthread_create(&thread, &attributes, thread_main, NULL) == 0,
	      "pthread_create failed");
	pthread_join(thread, NULL);
	/* Another thread's stack, asked from main while it runs. */
	CHECK(pthread_create(&thread, &attributes, thread_main, NULL) == 0,
	      "pthread_create failed");
	stack_of(thread, &low, &high);
	CHECK(high - low >= THREAD_STACK - PAGE, "another thread's stack seen from main: %lu bytes",
	      (unsigned long)(high - low));
	pthread_join(thread, NULL);
	return test_result();
}
