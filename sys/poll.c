// SPDX-License-Identifier: MIT
/* poll, ppoll, select, pselect6: argument decoding over fs/readiness.c. The files polled are
 * held (referenced) for the whole call, so closing one meanwhile cannot free it under us. */
#include "sys/syscalls.h"
#include "fs/devices.h"
#include "fs/readiness.h"
#include "include/uapi/linux.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "sys/file_helpers.h"

struct linux_pollfd {
	int32_t fd;
	int16_t events, revents;
};

struct poll_request {
	struct linux_pollfd *fds;
	struct file **files;
	unsigned count;
};

static unsigned check_pollfds(void *context, struct poll_table *table)
{
	struct poll_request *request = context;
	unsigned ready = 0;

	for (unsigned i = 0; i < request->count; i++) {
		struct linux_pollfd *entry = &request->fds[i];
		if (entry->fd < 0) {
			entry->revents = 0;
			continue;
		}
		if (!request->files[i]) {
			entry->revents = POLL_NVAL;
		} else {
			unsigned events = file_poll(request->files[i], table);
			entry->revents = (int16_t)(events & (entry->events | POLL_ERR | POLL_HUP));
		}
		if (entry->revents)
			ready++;
	}
	return ready;
}

static uint64_t deadline_from_ms(int timeout_ms)
{
	if (timeout_ms < 0)
		return 0;
	if (timeout_ms == 0)
		return UINT64_MAX;
	return time_monotonic_ns() + (uint64_t)timeout_ms * 1000000;
}

static int64_t deadline_from_timespec(const struct linux_timespec *timeout)
{
	struct linux_timespec value;

	if (!timeout)
		return 0;
	if (copy_from_user(&value, timeout, sizeof(value)))
		return -EFAULT;
	if (value.tv_sec < 0 || value.tv_nsec < 0 || value.tv_nsec >= 1000000000)
		return -EINVAL;
	if (!value.tv_sec && !value.tv_nsec)
		return (int64_t)(UINT64_MAX >> 1); /* "do not wait" below */
	return (int64_t)(time_monotonic_ns() + value.tv_sec * 1000000000ull + value.tv_nsec);
}

static long do_poll(struct linux_pollfd *user_fds, unsigned count, uint64_t deadline)
{
	struct poll_request request = {NULL, NULL, count};
	long result;

	if (count > descriptor_limit())
		return -EINVAL;
	if (!user_writable(user_fds, count * sizeof(*user_fds)))
		return -EFAULT;
	request.fds = user_fds;
	request.files = heap_alloc_zeroed((count ? count : 1) * sizeof(*request.files));
	if (!request.files)
		return -ENOMEM;
	for (unsigned i = 0; i < count; i++)
		request.files[i] = user_fds[i].fd >= 0 ? descriptor_get(user_fds[i].fd) : NULL;
	result = readiness_wait(check_pollfds, &request, deadline);
	for (unsigned i = 0; i < count; i++)
		file_put(request.files[i]);
	heap_free(request.files);
	return result;
}

long sys_poll(struct linux_pollfd *fds, unsigned count, int timeout_ms)
{
	return do_poll(fds, count, deadline_from_ms(timeout_ms));
}

/* Runs `call` with the signal mask set to *user_mask (if given), as ppoll and pselect do. */
static int swap_mask(const uint64_t *user_mask, unsigned long size, uint64_t *saved)
{
	uint64_t mask;

	if (!user_mask)
		return 0;
	if (size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, user_mask, sizeof(mask)))
		return -EFAULT;
	return signal_change_mask(2, &mask, saved);
}

long sys_ppoll(struct linux_pollfd *fds, unsigned count, const struct linux_timespec *timeout,
	       const uint64_t *mask, unsigned long mask_size)
{
	int64_t deadline = deadline_from_timespec(timeout);
	uint64_t saved;

	if (deadline < 0)
		return deadline;
	int error = swap_mask(mask, mask_size, &saved);
	if (error)
		return error;
	long result = do_poll(
	    fds, count, deadline == (int64_t)(UINT64_MAX >> 1) ? UINT64_MAX : (uint64_t)deadline);
	if (mask)
		signal_change_mask(2, &saved, NULL);
	return result;
}

#define SELECT_IN     (POLL_IN | POLL_HUP | POLL_ERR)
#define SELECT_OUT    (POLL_OUT | POLL_ERR)
#define SELECT_EXCEPT POLL_PRI

struct select_request {
	unsigned count;
	uint64_t *sets[3]; /* read, write, except: kernel copies of the user's sets */
	uint64_t *results[3];
	struct file **files;
};

static bool in_set(const uint64_t *set, unsigned fd)
{
	return set && (set[fd / 64] >> (fd % 64) & 1);
}

static unsigned check_select(void *context, struct poll_table *table)
{
	struct select_request *request = context;
	static const unsigned wanted[3] = {SELECT_IN, SELECT_OUT, SELECT_EXCEPT};
	unsigned ready = 0;

	for (unsigned fd = 0; fd < request->count; fd++) {
		if (!request->files[fd])
			continue;
		unsigned events = file_poll(request->files[fd], table);
		for (int kind = 0; kind < 3; kind++) {
			if (!in_set(request->sets[kind], fd) || !(events & wanted[kind]))
				continue;
			request->results[kind][fd / 64] |= 1ull << (fd % 64);
			ready++;
		}
	}
	return ready;
}

static long do_select(int count, uint64_t *user_sets[3], uint64_t deadline)
{
	struct select_request request = {.count = (unsigned)count};
	size_t bytes = ALIGN_UP((size_t)count, 64) / 8;
	long result = 0;

	if (count < 0 || (unsigned)count > descriptor_limit())
		return -EINVAL;
	request.files = heap_alloc_zeroed((count ? count : 1) * sizeof(*request.files));
	uint64_t *storage = heap_alloc_zeroed(6 * (bytes ? bytes : 8));
	if (!request.files || !storage) {
		result = -ENOMEM;
		goto out_free;
	}
	for (int kind = 0; kind < 3; kind++) {
		request.results[kind] = storage + (3 + kind) * (bytes / 8);
		if (!user_sets[kind])
			continue;
		request.sets[kind] = storage + kind * (bytes / 8);
		if (copy_from_user(request.sets[kind], user_sets[kind], bytes)) {
			result = -EFAULT;
			goto out_free;
		}
	}
	for (int fd = 0; fd < count; fd++) {
		if (!in_set(request.sets[0], fd) && !in_set(request.sets[1], fd) &&
		    !in_set(request.sets[2], fd))
			continue;
		request.files[fd] = descriptor_get(fd);
		if (!request.files[fd]) {
			result = -EBADF;
			goto out_put;
		}
	}
	result = readiness_wait(check_select, &request, deadline);
	for (int kind = 0; result >= 0 && kind < 3; kind++)
		if (user_sets[kind] && copy_to_user(user_sets[kind], request.results[kind], bytes))
			result = -EFAULT;
out_put:
	for (int fd = 0; fd < count; fd++)
		file_put(request.files[fd]);
out_free:
	heap_free(request.files);
	heap_free(storage);
	return result;
}

long sys_select(int count, uint64_t *read_set, uint64_t *write_set, uint64_t *except_set,
		struct linux_timeval *timeout)
{
	uint64_t *sets[3] = {read_set, write_set, except_set};
	uint64_t deadline = 0;
	struct linux_timeval value;

	if (timeout) {
		if (copy_from_user(&value, timeout, sizeof(value)))
			return -EFAULT;
		if (value.tv_sec < 0 || value.tv_usec < 0 || value.tv_usec >= 1000000)
			return -EINVAL;
		uint64_t ns = value.tv_sec * 1000000000ull + value.tv_usec * 1000;
		deadline = ns ? time_monotonic_ns() + ns : UINT64_MAX;
	}
	return do_select(count, sets, deadline);
}

long sys_pselect6(int count, uint64_t *read_set, uint64_t *write_set, uint64_t *except_set,
		  const struct linux_timespec *timeout, const uint64_t *mask_argument)
{
	uint64_t *sets[3] = {read_set, write_set, except_set};
	int64_t deadline = deadline_from_timespec(timeout);
	uint64_t mask_pair[2] = {0, 0}, saved;

	if (deadline < 0)
		return deadline;
	if (mask_argument && copy_from_user(mask_pair, mask_argument, sizeof(mask_pair)))
		return -EFAULT;
	int error = swap_mask((const uint64_t *)mask_pair[0], mask_pair[1], &saved);
	if (error)
		return error;
	long result = do_select(
	    count, sets, deadline == (int64_t)(UINT64_MAX >> 1) ? UINT64_MAX : (uint64_t)deadline);
	if (mask_pair[0])
		signal_change_mask(2, &saved, NULL);
	return result;
}
