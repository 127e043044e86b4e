// SPDX-License-Identifier: MIT
/* Pipes (see fs/pipe.h): a 64 KiB ring, counts of open read and write ends, wait queues for
 * blocked readers and writers, and pollers. Reading an empty pipe with no writer left is end
 * of file; writing with no reader left is EPIPE and SIGPIPE. */
#include "fs/pipe.h"
#include "fs/devices.h"
#include "fs/poll.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/signal.h"
#include "kernel/thread.h"
#include "lib/byte_ring.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"

#define SIGNAL_PIPE 13
#define PIPE_ORDER  4 /* 16 pages = PIPE_CAPACITY */

struct pipe {
	struct byte_ring ring;
	unsigned readers, writers;
	unsigned reader_opens, writer_opens; /* ever: what a FIFO's blocked open waits to see */
	struct wait_queue read_wait, write_wait;
	struct poll_waiters pollers;
};

static struct superblock pipe_superblock = {.type = "pipefs"};

static struct pipe *pipe_new(void)
{
	struct pipe *pipe = heap_alloc_zeroed(sizeof(*pipe));
	uint64_t buffer = frame_alloc(PIPE_ORDER);

	if (!pipe || !buffer) {
		heap_free(pipe);
		if (buffer)
			frame_free(buffer, PIPE_ORDER);
		return NULL;
	}
	byte_ring_init(&pipe->ring, phys_to_virtual(buffer), PIPE_CAPACITY);
	wait_queue_init(&pipe->read_wait);
	wait_queue_init(&pipe->write_wait);
	poll_waiters_init(&pipe->pollers);
	return pipe;
}

static void pipe_free(struct pipe *pipe)
{
	frame_free(virtual_to_phys(pipe->ring.data), PIPE_ORDER);
	heap_free(pipe);
}

static void wake_everyone(struct pipe *pipe)
{
	wait_queue_wake(&pipe->read_wait, ~0u);
	wait_queue_wake(&pipe->write_wait, ~0u);
	poll_notify(&pipe->pollers);
}

static bool reads(const struct file *file)
{
	return (file->flags & O_ACCMODE) != O_WRONLY;
}

static bool writes(const struct file *file)
{
	return (file->flags & O_ACCMODE) != O_RDONLY;
}

static long pipe_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	struct pipe *pipe = file->private;

	(void)offset;
	while (!byte_ring_count(&pipe->ring)) {
		if (!pipe->writers)
			return 0;
		if (file->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_queue_sleep_restartable(&pipe->read_wait, 0) == -EINTR)
			return -EINTR;
	}
	long copied = (long)byte_ring_get(&pipe->ring, buffer, count);
	wake_everyone(pipe);
	return copied;
}

static size_t space(const struct pipe *pipe)
{
	return PIPE_CAPACITY - byte_ring_count(&pipe->ring);
}

static long pipe_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	struct pipe *pipe = file->private;
	const unsigned char *bytes = buffer;
	size_t done = 0;

	(void)offset;
	while (done < count) {
		if (!pipe->readers) {
			signal_send_to_thread(thread_current(), SIGNAL_PIPE);
			return done ? (long)done : -EPIPE;
		}
		/* Small writes go in whole or not at all. */
		size_t wanted = count <= PIPE_ATOMIC ? count : 1;
		if (space(pipe) < wanted) {
			if (file->flags & O_NONBLOCK)
				return done ? (long)done : -EAGAIN;
			if (wait_queue_sleep_restartable(&pipe->write_wait, 0) == -EINTR)
				return done ? (long)done : -EINTR;
			continue;
		}
		done += byte_ring_write(&pipe->ring, bytes + done, count - done);
		wake_everyone(pipe);
	}
	return (long)done;
}

static unsigned pipe_poll(struct file *file, struct poll_table *table)
{
	struct pipe *pipe = file->private;
	unsigned events = 0;

	poll_wait(&pipe->pollers, table);
	if (reads(file)) {
		if (byte_ring_count(&pipe->ring))
			events |= POLL_IN;
		if (!pipe->writers)
			events |= POLL_HUP;
	}
	if (writes(file)) {
		if (!pipe->readers)
			events |= POLL_ERR;
		else if (space(pipe) >= PIPE_ATOMIC)
			events |= POLL_OUT;
	}
	return events;
}

static long pipe_ioctl(struct file *file, unsigned long request, void *argument)
{
	struct pipe *pipe = file->private;

	if (request != 0x541b) /* FIONREAD */
		return -ENOTTY;
	*(int *)argument = (int)byte_ring_count(&pipe->ring);
	return 0;
}

static void attach(struct pipe *pipe, struct file *file)
{
	file->private = pipe;
	if (reads(file)) {
		pipe->readers++;
		pipe->reader_opens++;
	}
	if (writes(file)) {
		pipe->writers++;
		pipe->writer_opens++;
	}
	wake_everyone(pipe);
}

static void pipe_release(struct file *file)
{
	struct pipe *pipe = file->private;

	if (reads(file))
		pipe->readers--;
	if (writes(file))
		pipe->writers--;
	wake_everyone(pipe);
	if (pipe->readers || pipe->writers)
		return;
	if (file->inode->private == pipe)
		file->inode->private = NULL; /* a FIFO starts afresh on its next open */
	pipe_free(pipe);
}

/* Blocks a FIFO's open for reading until a writer has opened it, or for writing until a reader
 * has (the open counts, not the open ends: a peer that came and went already counts). */
static int wait_for_peer(struct pipe *pipe, struct file *file)
{
	bool reader = !writes(file);
	unsigned *opens = reader ? &pipe->writer_opens : &pipe->reader_opens;
	unsigned *open_now = reader ? &pipe->writers : &pipe->readers;
	unsigned seen = *opens;

	while (!*open_now && *opens == seen)
		if (wait_queue_sleep(reader ? &pipe->read_wait : &pipe->write_wait, 0) == -EINTR)
			return -EINTR;
	return 0;
}

/* A named FIFO: its pipe exists while some end is open. Opening one end blocks until the other
 * is opened too, as on Linux, unless O_NONBLOCK (then a writer without a reader is ENXIO) or
 * O_RDWR (which is both ends). */
static int fifo_open(struct inode *inode, struct file *file)
{
	bool blocking = !(file->flags & O_NONBLOCK);
	struct pipe *pipe = inode->private;

	if (!blocking && !reads(file) && (!pipe || !pipe->readers))
		return -ENXIO;
	if (!pipe && !(pipe = inode->private = pipe_new()))
		return -ENOMEM;
	attach(pipe, file);
	if (!blocking || (reads(file) && writes(file)) || !wait_for_peer(pipe, file))
		return 0;
	pipe_release(file); /* interrupted: as if never opened */
	return -EINTR;
}

const struct file_operations fifo_file_operations = {
    .open = fifo_open,
    .release = pipe_release,
    .read = pipe_read,
    .write = pipe_write,
    .poll = pipe_poll,
    .ioctl = pipe_ioctl,
    .stream = true,
};

static const struct file_operations anonymous_pipe_operations = {
    .release = pipe_release,
    .read = pipe_read,
    .write = pipe_write,
    .poll = pipe_poll,
    .ioctl = pipe_ioctl,
    .stream = true,
};

int pipe_create(unsigned flags, struct file **read_end, struct file **write_end)
{
	struct pipe *pipe = pipe_new();
	struct inode *inode = inode_create(&pipe_superblock, S_IFIFO | 0600);
	int error;

	if (!pipe || !inode) {
		if (pipe)
			pipe_free(pipe);
		heap_free(inode);
		return -ENOMEM;
	}
	inode->file_ops = &anonymous_pipe_operations;
	*read_end = file_open_inode(inode, O_RDONLY | (flags & O_NONBLOCK), &error);
	if (*read_end)
		attach(pipe, *read_end);
	*write_end =
	    *read_end ? file_open_inode(inode, O_WRONLY | (flags & O_NONBLOCK), &error) : NULL;
	inode_put(inode); /* the files hold it now */
	if (!*read_end) {
		pipe_free(pipe);
		return -ENOMEM;
	}
	if (!*write_end) {
		file_put(*read_end); /* the last end: frees the pipe */
		return -ENOMEM;
	}
	attach(pipe, *write_end);
	return 0;
}
