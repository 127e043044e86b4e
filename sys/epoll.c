// SPDX-License-Identifier: MIT
/* epoll_create1, epoll_create, epoll_ctl, epoll_wait, epoll_pwait: decoding over fs/epoll.c. */
#include "sys/syscalls.h"
#include "fs/epoll.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "sys/file_helpers.h"

#define EPOLL_MAX_EVENTS (0x7fffffff / sizeof(struct linux_epoll_event))

long sys_epoll_create1(unsigned flags)
{
	struct file *file;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	int error = epoll_create(&file);
	if (error)
		return error;
	return descriptor_install_new(file, flags & O_CLOEXEC);
}

long sys_epoll_create(int size)
{
	return size <= 0 ? -EINVAL : sys_epoll_create1(0);
}

long sys_epoll_ctl(int epfd, int operation, int fd, const struct linux_epoll_event *user_event)
{
	struct linux_epoll_event event = {0, 0};
	struct file *epoll = descriptor_get(epfd), *target = descriptor_get(fd);
	long result;

	if (!epoll || !target)
		result = -EBADF;
	else if (!file_is_epoll(epoll) || epoll == target)
		result = -EINVAL;
	else if ((target->inode->mode & S_IFMT) == S_IFREG ||
		 (target->inode->mode & S_IFMT) == S_IFDIR)
		result = -EPERM; /* always ready: Linux refuses them too */
	else if (operation != EPOLL_CTL_DEL && copy_from_user(&event, user_event, sizeof(event)))
		result = -EFAULT;
	else
		result = epoll_control(epoll, operation, fd, target, event.events, event.data);
	file_put(epoll);
	file_put(target);
	return result;
}

long sys_epoll_pwait(int epfd, struct linux_epoll_event *events, int capacity, int timeout_ms,
		     const uint64_t *user_mask, unsigned long mask_size)
{
	struct file *epoll = descriptor_get(epfd);
	uint64_t mask, saved,
	    deadline = timeout_ms < 0	 ? 0
		       : timeout_ms == 0 ? UINT64_MAX
					 : time_monotonic_ns() + timeout_ms * 1000000ull;
	long result;

	if (!epoll)
		return -EBADF;
	if (!file_is_epoll(epoll) || capacity <= 0 || (unsigned)capacity > EPOLL_MAX_EVENTS)
		result = -EINVAL;
	else if (!user_writable(events, capacity * sizeof(*events)))
		result = -EFAULT;
	else if (user_mask &&
		 (mask_size != sizeof(mask) || copy_from_user(&mask, user_mask, sizeof(mask))))
		result = mask_size != sizeof(mask) ? -EINVAL : -EFAULT;
	else {
		if (user_mask)
			signal_change_mask(2, &mask, &saved);
		result = epoll_wait_events(epoll, events, capacity, deadline);
		if (user_mask)
			signal_change_mask(2, &saved, NULL);
	}
	file_put(epoll);
	return result;
}

long sys_epoll_wait(int epfd, struct linux_epoll_event *events, int capacity, int timeout_ms)
{
	return sys_epoll_pwait(epfd, events, capacity, timeout_ms, NULL, 0);
}
