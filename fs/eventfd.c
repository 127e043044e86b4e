// SPDX-License-Identifier: MIT
/* eventfd: a 64-bit counter as a file. write adds, read takes the whole count (or 1 with
 * EFD_SEMAPHORE) and blocks while it is zero; it plugs into poll like a pipe. */
#include "fs/eventfd.h"
#include "fs/devices.h"
#include "fs/poll.h"
#include "include/uapi/errno.h"
#include "kernel/signal.h"
#include "kernel/thread.h"
#include "lib/string.h"
#include "mm/heap.h"

#define EFD_SEMAPHORE 1
#define COUNTER_MAX   0xfffffffffffffffeull

struct eventfd {
	uint64_t counter;
	bool semaphore;
	struct wait_queue waiters;
	struct poll_waiters pollers;
};

static struct superblock eventfd_superblock = {.type = "eventfs"};

static void changed(struct eventfd *event)
{
	wait_queue_wake(&event->waiters, ~0u);
	poll_notify(&event->pollers);
}

static long eventfd_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	struct eventfd *event = file->private;

	(void)offset;
	if (count < sizeof(uint64_t))
		return -EINVAL;
	while (!event->counter) {
		if (file->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_queue_sleep_restartable(&event->waiters, 0) == -EINTR)
			return -EINTR;
	}
	uint64_t value = event->semaphore ? 1 : event->counter;
	event->counter -= value;
	memcpy(buffer, &value, sizeof(value));
	changed(event);
	return sizeof(value);
}

static long eventfd_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	struct eventfd *event = file->private;
	uint64_t value;

	(void)offset;
	if (count < sizeof(value))
		return -EINVAL;
	memcpy(&value, buffer, sizeof(value));
	if (value == UINT64_MAX)
		return -EINVAL;
	while (COUNTER_MAX - event->counter < value) {
		if (file->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_queue_sleep_restartable(&event->waiters, 0) == -EINTR)
			return -EINTR;
	}
	event->counter += value;
	changed(event);
	return sizeof(value);
}

static unsigned eventfd_poll(struct file *file, struct poll_table *table)
{
	struct eventfd *event = file->private;

	poll_wait(&event->pollers, table);
	return (event->counter ? POLL_IN : 0) | (event->counter < COUNTER_MAX ? POLL_OUT : 0);
}

static void eventfd_release(struct file *file)
{
	heap_free(file->private);
}

static const struct file_operations eventfd_operations = {
    .read = eventfd_read,
    .write = eventfd_write,
    .poll = eventfd_poll,
    .release = eventfd_release,
    .stream = true,
};

int eventfd_create(uint64_t initial, unsigned flags, struct file **result)
{
	struct eventfd *event = heap_alloc_zeroed(sizeof(*event));
	struct inode *inode = inode_create(&eventfd_superblock, 0600);
	int error;

	if (!event || !inode) {
		heap_free(event);
		heap_free(inode);
		return -ENOMEM;
	}
	event->counter = initial;
	event->semaphore = flags & EFD_SEMAPHORE;
	wait_queue_init(&event->waiters);
	poll_waiters_init(&event->pollers);
	inode->file_ops = &eventfd_operations;
	*result = file_open_inode(inode, O_RDWR | (flags & O_NONBLOCK), &error);
	inode_put(inode);
	if (!*result) {
		heap_free(event);
		return error;
	}
	(*result)->private = event;
	return 0;
}
