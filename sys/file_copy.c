// SPDX-License-Identifier: MIT
/* sendfile: bytes from one open file to another through a kernel buffer,
 * without the application's memory. The source is read at *offset (left where it was) or at
 * its own position; the destination is written at its position (a socket, a pipe, a file). A
 * short write or a signal ends the copy with what was done; an error before any byte is the
 * call's result. */
#include "fs/descriptors.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/signal.h"
#include "kernel/thread.h"
#include "mm/heap.h"
#include "sys/syscalls.h"
#include "sys/user_memory.h"

#define COPY_CHUNK     (64 * 1024)
#define MAX_READ_WRITE 0x7ffff000

static long copy_between(struct file *in, struct file *out, int64_t *position, size_t count)
{
	char *buffer = heap_alloc(COPY_CHUNK);
	long done = 0, result = 0;

	if (!buffer)
		return -ENOMEM;
	while ((size_t)done < count) {
		size_t chunk = MIN(count - (size_t)done, (size_t)COPY_CHUNK);
		uint64_t saved = in->offset;
		if (position)
			in->offset = (uint64_t)*position;
		result = file_read(in, buffer, chunk);
		if (position) {
			if (result > 0)
				*position += result;
			in->offset = saved;
		}
		if (result <= 0)
			break;
		long written = file_write(out, buffer, (size_t)result);
		if (written > 0)
			done += written;
		if (written < result) {
			/* The bytes read and not written go back to the source. */
			if (position)
				*position -= result - (written > 0 ? written : 0);
			else
				in->offset -= (uint64_t)(result - (written > 0 ? written : 0));
			result = written < 0 ? written : 0;
			break;
		}
		if (signal_interrupts(thread_current()))
			break;
	}
	heap_free(buffer);
	return done ? done : result;
}

static long copy_call(int out_fd, int in_fd, int64_t *user_offset, size_t count)
{
	struct file *in = descriptor_get(in_fd), *out = descriptor_get(out_fd);
	int64_t position = 0;
	long result;

	if (!in || !out) {
		result = -EBADF;
		goto out;
	}
	result = -EBADF;
	if ((in->flags & O_ACCMODE) == O_WRONLY || (out->flags & O_ACCMODE) == O_RDONLY)
		goto out;
	result = -EINVAL;
	if (inode_is_directory(in->inode) || (user_offset && in->ops && in->ops->stream))
		goto out;
	if (user_offset && (result = copy_from_user(&position, user_offset, sizeof(position))))
		goto out;
	if (position < 0) {
		result = -EINVAL;
		goto out;
	}
	result = copy_between(in, out, user_offset ? &position : NULL, MIN(count, MAX_READ_WRITE));
	if (user_offset && copy_to_user(user_offset, &position, sizeof(position)))
		result = -EFAULT;
out:
	file_put(in);
	file_put(out);
	return result;
}

long sys_sendfile(int out_fd, int in_fd, int64_t *offset, size_t count)
{
	return copy_call(out_fd, in_fd, offset, count);
}
