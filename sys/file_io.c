// SPDX-License-Identifier: MIT
/* Reading and writing through descriptors: read, write, their vector and positioned forms,
 * lseek, ioctl, truncation, fsync, sync. */
#include "sys/syscalls.h"
#include "fs/devices.h"
#include "include/uapi/linux.h"
#include "kernel/compiler.h"
#include "kernel/terminal.h"
#include "sys/file_helpers.h"

#define IOV_MAX	       1024
#define SEEK_SET       0
#define SEEK_CUR       1
#define SEEK_END       2
#define MAX_READ_WRITE 0x7ffff000

long sys_read(int fd, char *buffer, size_t count)
{
	struct file *file = descriptor_get(fd);
	long result;

	if (!file)
		return -EBADF;
	count = MIN(count, MAX_READ_WRITE);
	result = user_writable(buffer, count) ? file_read(file, buffer, count) : -EFAULT;
	file_put(file);
	return result;
}

long sys_write(int fd, const char *buffer, size_t count)
{
	struct file *file = descriptor_get(fd);
	long result;

	if (!file)
		return -EBADF;
	count = MIN(count, MAX_READ_WRITE);
	result = user_readable(buffer, count) ? file_write(file, buffer, count) : -EFAULT;
	file_put(file);
	return result;
}

/* Checks the vector and every buffer in it; returns the total length or -errno. */
static long check_vector(const struct linux_iovec *vector, int count, int protection)
{
	uint64_t total = 0;

	if (count < 0 || count > IOV_MAX)
		return -EINVAL;
	if (!user_readable(vector, sizeof(*vector) * count))
		return -EFAULT;
	for (int i = 0; i < count; i++) {
		if (!vm_range_allowed((uint64_t)vector[i].base, vector[i].length, protection))
			return -EFAULT;
		total += vector[i].length;
		if (total > MAX_READ_WRITE)
			return -EINVAL;
	}
	return (long)total;
}

/* Moves data buffer by buffer, at `offset` (or the file position when offset < 0), stopping
 * at the first short transfer. */
static long transfer_vector(int fd, const struct linux_iovec *vector, int count, int64_t offset,
			    bool writing)
{
	struct file *file = descriptor_get(fd);
	long total = 0, result = 0;

	if (!file)
		return -EBADF;
	result = check_vector(vector, count, writing ? PROT_READ : PROT_READ | PROT_WRITE);
	uint64_t saved = file->offset;
	if (result >= 0 && offset >= 0) {
		if (file->ops && file->ops->stream)
			result = -ESPIPE;
		file->offset = offset;
	}
	for (int i = 0; result >= 0 && i < count; i++) {
		if (!vector[i].length)
			continue;
		result = writing ? file_write(file, vector[i].base, vector[i].length)
				 : file_read(file, vector[i].base, vector[i].length);
		if (result > 0)
			total += result;
		if (result < (long)vector[i].length)
			break;
	}
	if (offset >= 0)
		file->offset = saved;
	file_put(file);
	return total ? total : (result < 0 ? result : 0);
}

long sys_readv(int fd, const struct linux_iovec *vector, int count)
{
	return transfer_vector(fd, vector, count, -1, false);
}

long sys_writev(int fd, const struct linux_iovec *vector, int count)
{
	return transfer_vector(fd, vector, count, -1, true);
}

long sys_preadv(int fd, const struct linux_iovec *vector, int count, int64_t offset)
{
	return offset < 0 ? -EINVAL : transfer_vector(fd, vector, count, offset, false);
}

long sys_pwritev(int fd, const struct linux_iovec *vector, int count, int64_t offset)
{
	return offset < 0 ? -EINVAL : transfer_vector(fd, vector, count, offset, true);
}

long sys_pread64(int fd, void *buffer, size_t count, int64_t offset)
{
	struct linux_iovec one = {buffer, count};

	return offset < 0 ? -EINVAL : transfer_vector(fd, &one, 1, offset, false);
}

long sys_pwrite64(int fd, const void *buffer, size_t count, int64_t offset)
{
	struct linux_iovec one = {(void *)buffer, count};

	return offset < 0 ? -EINVAL : transfer_vector(fd, &one, 1, offset, true);
}

long sys_lseek(int fd, int64_t offset, int whence)
{
	struct file *file = descriptor_get(fd);
	int64_t base;
	long result;

	if (!file)
		return -EBADF;
	if (file->ops && file->ops->stream) {
		file_put(file);
		return -ESPIPE;
	}
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)file->offset;
		break;
	case SEEK_END:
		base = (int64_t)file->inode->size;
		break;
	default:
		file_put(file);
		return -EINVAL;
	}
	if (base + offset < 0 || (offset > 0 && base + offset < base)) {
		result = -EINVAL;
	} else {
		file->offset = base + offset;
		result = (long)file->offset;
	}
	file_put(file);
	return result;
}

long sys_ioctl(int fd, unsigned int request, void *argument)
{
	struct file *file = descriptor_get(fd);
	long result;

	if (!file)
		return -EBADF;
	if (request == FIONBIO) {
		int value;
		result = copy_from_user(&value, argument, sizeof(value));
		if (!result)
			file->flags = value ? file->flags | O_NONBLOCK : file->flags & ~O_NONBLOCK;
	} else if (request == FIONREAD && (file->inode->mode & S_IFMT) == S_IFREG) {
		int available = file->offset < file->inode->size
				    ? (int)MIN(file->inode->size - file->offset, 0x7fffffffu)
				    : 0;
		result = copy_to_user(argument, &available, sizeof(available));
	} else if (!file->ops || !file->ops->ioctl) {
		result = -ENOTTY;
	} else {
		long size = terminal_ioctl_argument_size(request);
		if (request == FIONREAD)
			size = sizeof(int);
		result = size && !user_writable(argument, size)
			     ? -EFAULT
			     : file->ops->ioctl(file, request, argument);
	}
	file_put(file);
	return result;
}

long sys_ftruncate(int fd, int64_t length)
{
	struct file *file = descriptor_get(fd);
	long result;

	if (!file)
		return -EBADF;
	if (length < 0)
		result = -EINVAL;
	else if ((file->flags & O_ACCMODE) == O_RDONLY)
		result = -EINVAL;
	else if (inode_is_directory(file->inode))
		result = -EISDIR;
	else if ((file->inode->mode & S_IFMT) != S_IFREG || !file->inode->ops->truncate)
		result = -EINVAL;
	else
		result = file->inode->ops->truncate(file->inode, length);
	file_put(file);
	return result;
}

long sys_fallocate(int fd, int mode, int64_t offset, int64_t length)
{
	struct file *file = descriptor_get(fd);
	long result = 0;

	if (!file)
		return -EBADF;
	if (mode)
		result = -EOPNOTSUPP;
	else if (offset < 0 || length <= 0)
		result = -EINVAL;
	else if ((file->flags & O_ACCMODE) == O_RDONLY)
		result = -EBADF;
	else if ((file->inode->mode & S_IFMT) != S_IFREG)
		result = -ENODEV;
	else if ((uint64_t)(offset + length) > file->inode->size)
		result = file->inode->ops->truncate(file->inode, offset + length);
	file_put(file);
	return result;
}

long sys_fsync(int fd)
{
	struct file *file = descriptor_get(fd);
	long result;

	if (!file)
		return -EBADF;
	result = file->ops && file->ops->fsync ? file->ops->fsync(file) : 0;
	file_put(file);
	return result;
}

long sys_fdatasync(int fd)
{
	return sys_fsync(fd);
}

long sys_sync(void)
{
	return 0; /* everything is in memory; 9p files sync on close */
}
