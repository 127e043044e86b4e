// SPDX-License-Identifier: MIT
/* Closing a descriptor takes its file out of every epoll set (Linux: an open file's last
 * close removes it). The bug: an epoll interest held a reference on its file, so a server
 * that closed a connection without EPOLL_CTL_DEL never released the socket (it stayed in
 * CLOSE_WAIT until the pool of connections ran out). Here a pipe's read end is in an epoll
 * set and closed: its writer must see EPIPE (the reader is gone), and epoll_wait must not
 * report it. */
#include <errno.h>
#include <signal.h>
#include <sys/epoll.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	int pipe_fds[2], epoll = epoll_create1(0);
	struct epoll_event event = {.events = EPOLLIN, .data.u32 = 7};

	signal(SIGPIPE, SIG_IGN);
	CHECK(pipe(pipe_fds) == 0, "pipe");
	CHECK(epoll_ctl(epoll, EPOLL_CTL_ADD, pipe_fds[0], &event) == 0, "EPOLL_CTL_ADD");
	CHECK(write(pipe_fds[1], "x", 1) == 1, "a byte in the pipe");
	CHECK(epoll_wait(epoll, &event, 1, 0) == 1 && event.data.u32 == 7, "it is reported");
	close(pipe_fds[0]);
	CHECK(write(pipe_fds[1], "y", 1) < 0 && errno == EPIPE,
	      "the read end is released with its descriptor: EPIPE (got %s)", strerror(errno));
	CHECK(epoll_wait(epoll, &event, 1, 0) == 0, "the closed descriptor is not reported");
	CHECK(epoll_ctl(epoll, EPOLL_CTL_DEL, pipe_fds[0], &event) < 0 && errno == EBADF,
	      "nor in the set (EBADF: no such descriptor)");
	/* A descriptor duplicated stays in the set while a copy is open. */
	CHECK(pipe(pipe_fds) == 0, "another pipe");
	int copy = dup(pipe_fds[0]);
	CHECK(epoll_ctl(epoll, EPOLL_CTL_ADD, pipe_fds[0], &event) == 0, "EPOLL_CTL_ADD");
	close(pipe_fds[0]);
	CHECK(write(pipe_fds[1], "z", 1) == 1, "the copy keeps the read end open");
	CHECK(epoll_wait(epoll, &event, 1, 0) == 1, "and the file is still watched, as on Linux");
	close(copy);
	close(epoll);
	return test_result();
}
