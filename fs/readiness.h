/* SPDX-License-Identifier: MIT */
/* Waiting for several files at once: what poll, select and epoll share. */
#pragma once
#include <stdint.h>
#include "fs/poll.h"
#include "fs/vfs.h"

/* The events a file has now (files without a poll operation are always ready). With a table,
 * also registers the calling thread with the file. */
unsigned file_poll(struct file *file, struct poll_table *table);

/* One pass over `count` items through check(item, table); when none is ready, sleeps until
 * one of the registered files changes, a signal, or the deadline (monotonic ns; 0 = forever,
 * UINT64_MAX = do not wait). check() returns how many of its items are ready. Returns the
 * number ready, 0 at the deadline, or -EINTR. */
long readiness_wait(unsigned (*check)(void *context, struct poll_table *table), void *context,
		    uint64_t deadline_ns);
