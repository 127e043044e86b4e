// SPDX-License-Identifier: MIT
/* Descriptors: open, openat, creat, close, close_range, dup, dup2, dup3, fcntl, pipe, pipe2,
 * eventfd. */
#include "sys/syscalls.h"
#include "fs/eventfd.h"
#include "fs/pipe.h"
#include "sys/file_helpers.h"

#define F_DUPFD		    0
#define F_GETFD		    1
#define F_SETFD		    2
#define F_GETFL		    3
#define F_SETFL		    4
#define F_GETLK		    5
#define F_SETLK		    6
#define F_SETLKW	    7
#define F_DUPFD_CLOEXEC	    1030
#define F_GETPIPE_SZ	    1032
#define F_UNLCK		    2
#define CLOSE_RANGE_CLOEXEC 4
#define SETFL_CHANGEABLE    (O_APPEND | O_NONBLOCK)

long sys_openat(int dirfd, const char *user_path, unsigned flags, unsigned mode)
{
	struct path_argument path;
	struct inode *start;
	struct file *file;
	int error = path_copy_in(&path, user_path);

	if (error)
		return error;
	error = start_directory(dirfd, path.text, &start);
	if (!error) {
		error = vfs_open(start, path.text, flags & ~O_CLOEXEC, mode, &file);
		inode_put(start);
	}
	path_release(&path);
	if (error)
		return error;
	return descriptor_install_new(file, flags & O_CLOEXEC);
}

long sys_open(const char *path, unsigned flags, unsigned mode)
{
	return sys_openat(AT_FDCWD, path, flags, mode);
}

long sys_creat(const char *path, unsigned mode)
{
	return sys_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

long sys_close(int fd)
{
	return descriptor_close(fd);
}

long sys_close_range(unsigned first, unsigned last, unsigned flags)
{
	if (flags & ~CLOSE_RANGE_CLOEXEC)
		return -EINVAL;
	return descriptor_close_range(first, last, flags & CLOSE_RANGE_CLOEXEC);
}

static long duplicate_from(int fd, int minimum, bool close_on_exec)
{
	struct file *file = descriptor_get(fd);

	if (!file)
		return -EBADF;
	if (minimum < 0 || (unsigned)minimum >= descriptor_limit()) {
		file_put(file);
		return -EINVAL;
	}
	int new_fd = descriptor_install(file, minimum, close_on_exec);
	if (new_fd < 0)
		file_put(file);
	return new_fd;
}

long sys_dup(int fd)
{
	return duplicate_from(fd, 0, false);
}

long sys_dup2(int old_fd, int new_fd)
{
	if (old_fd == new_fd) {
		struct file *file = descriptor_get(old_fd);
		file_put(file);
		return file ? new_fd : -EBADF;
	}
	return descriptor_duplicate_to(old_fd, new_fd, false);
}

long sys_dup3(int old_fd, int new_fd, unsigned flags)
{
	if (flags & ~O_CLOEXEC || old_fd == new_fd)
		return -EINVAL;
	return descriptor_duplicate_to(old_fd, new_fd, flags & O_CLOEXEC);
}

struct linux_flock {
	int16_t type, whence;
	int64_t start, length;
	int32_t pid;
};

/* Advisory locks: one program holds them all, so every request succeeds and F_GETLK always
 * finds the range unlocked. */
static long file_lock(int command, struct linux_flock *user_lock)
{
	struct linux_flock lock;

	if (copy_from_user(&lock, user_lock, sizeof(lock)))
		return -EFAULT;
	if (lock.type < 0 || lock.type > F_UNLCK)
		return -EINVAL;
	if (command == F_GETLK) {
		lock.type = F_UNLCK;
		return copy_to_user(user_lock, &lock, sizeof(lock));
	}
	return 0;
}

long sys_fcntl(int fd, int command, unsigned long argument)
{
	struct file *file = descriptor_get(fd);
	long result = 0;

	if (!file)
		return -EBADF;
	switch (command) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		result = duplicate_from(fd, (int)argument, command == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		result = descriptor_get_flags(fd);
		break;
	case F_SETFD:
		result = descriptor_set_flags(fd, (int)argument);
		break;
	case F_GETFL:
		result = file->flags & ~O_CLOEXEC;
		break;
	case F_SETFL:
		file->flags = (file->flags & ~SETFL_CHANGEABLE) | (argument & SETFL_CHANGEABLE);
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		result = file_lock(command, (struct linux_flock *)argument);
		break;
	case F_GETPIPE_SZ:
		result = (file->inode->mode & S_IFMT) == S_IFIFO ? PIPE_CAPACITY : -EINVAL;
		break;
	default:
		result = -EINVAL;
	}
	file_put(file);
	return result;
}

long sys_pipe2(int *user_fds, unsigned flags)
{
	struct file *read_end, *write_end;
	int fds[2];

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (!user_writable(user_fds, sizeof(fds)))
		return -EFAULT;
	int error = pipe_create(flags, &read_end, &write_end);
	if (error)
		return error;
	fds[0] = descriptor_install(read_end, 0, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? fds[0] : descriptor_install(write_end, 0, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			descriptor_close(fds[0]);
		else
			file_put(read_end);
		file_put(write_end);
		return fds[1];
	}
	user_fds[0] = fds[0];
	user_fds[1] = fds[1];
	return 0;
}

long sys_pipe(int *fds)
{
	return sys_pipe2(fds, 0);
}

long sys_eventfd2(unsigned initial, unsigned flags)
{
	struct file *file;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | 1 /* EFD_SEMAPHORE */))
		return -EINVAL;
	int error = eventfd_create(initial, flags & ~O_CLOEXEC, &file);
	if (error)
		return error;
	return descriptor_install_new(file, flags & O_CLOEXEC);
}

long sys_eventfd(unsigned initial)
{
	return sys_eventfd2(initial, 0);
}
