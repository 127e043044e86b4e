/* SPDX-License-Identifier: MIT */
/* epoll: interest lists over the poll mechanism (fs/poll.h). */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "fs/vfs.h"

#define EPOLLIN	      0x001
#define EPOLLPRI      0x002
#define EPOLLOUT      0x004
#define EPOLLERR      0x008
#define EPOLLHUP      0x010
#define EPOLLONESHOT  (1u << 30)
#define EPOLLET	      (1u << 31)
#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

struct linux_epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

int epoll_create(struct file **result);
bool file_is_epoll(const struct file *file);
int epoll_control(struct file *epoll_file, int operation, int fd, struct file *target,
		  uint32_t events, uint64_t data);
/* Fills up to capacity events (kernel-checked user memory); the count, 0 at the deadline,
 * or -EINTR. Deadline as in readiness_wait. */
long epoll_wait_events(struct file *epoll_file, struct linux_epoll_event *events, unsigned capacity,
		       uint64_t deadline_ns);
/* The file is going (its last reference): it leaves every epoll set watching it. */
void epoll_forget_file(struct file *file);
