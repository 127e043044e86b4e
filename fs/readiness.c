// SPDX-License-Identifier: MIT
/* The wait loop under poll, select and epoll (see fs/readiness.h). */
#include "fs/readiness.h"
#include "arch/x86_64/cpu.h"
#include "fs/devices.h"
#include "include/uapi/errno.h"
#include "kernel/signal.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "mm/heap.h"

unsigned file_poll(struct file *file, struct poll_table *table)
{
	if (!file->ops || !file->ops->poll)
		return POLL_IN | POLL_OUT;
	return file->ops->poll(file, table);
}

long readiness_wait(unsigned (*check)(void *context, struct poll_table *table), void *context,
		    uint64_t deadline_ns)
{
	struct poll_table *table = heap_alloc(sizeof(*table));
	uint64_t flags = interrupts_save();
	long ready;

	if (!table) {
		interrupts_restore(flags);
		return -ENOMEM;
	}
	for (;;) {
		poll_table_init(table);
		ready = check(context, deadline_ns == UINT64_MAX ? NULL : table);
		if (ready || deadline_ns == UINT64_MAX)
			break;
		if (deadline_ns && time_monotonic_ns() >= deadline_ns)
			break;
		if (signal_interrupts(thread_current())) {
			ready = -EINTR;
			break;
		}
		list_init(&thread_current()->queue_node);
		int woken = scheduler_block(deadline_ns);
		poll_table_release(table);
		if (woken == -EINTR) {
			ready = -EINTR;
			break;
		}
		if (woken == -ETIMEDOUT) {
			ready = check(context, NULL); /* a last look */
			break;
		}
	}
	poll_table_release(table);
	heap_free(table);
	interrupts_restore(flags);
	return ready;
}
