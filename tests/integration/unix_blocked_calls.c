/* SPDX-License-Identifier: MIT */
/* unix_blocked_calls: AF_UNIX calls blocked in the kernel are woken by what ends their wait,
 * from another thread: a writer on a full stream by its peer's close (ECONNRESET: the peer
 * left data unread, which is a reset as on Linux, then EPIPE), a reader by
 * shutdown(SHUT_RD) of its own socket (end of file), a connect waiting on a full backlog by the
 * listener's close (ECONNREFUSED), a datagram sender waiting on a full queue by the receiver's
 * close (ECONNREFUSED); a full stream's send by SO_SNDTIMEO (EAGAIN), a reader by a signal
 * (EINTR, no SA_RESTART). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static void pause_ms(long ms)
{
	struct timespec pause = {0, ms * 1000 * 1000};

	nanosleep(&pause, NULL);
}

static uint64_t now_ms(void)
{
	struct timespec time;

	clock_gettime(CLOCK_MONOTONIC, &time);
	return (uint64_t)time.tv_sec * 1000 + (uint64_t)time.tv_nsec / 1000000;
}

/* After 30 ms, closes or shuts down the descriptor. */
struct later {
	int fd;
	int how; /* -1: close */
};

static void *act_later(void *argument)
{
	struct later *later = argument;

	pause_ms(30);
	if (later->how < 0)
		close(later->fd);
	else
		shutdown(later->fd, later->how);
	return NULL;
}

static void run_later(pthread_t *thread, struct later *later, int fd, int how)
{
	later->fd = fd;
	later->how = how;
	pthread_create(thread, NULL, act_later, later);
}

static void fill(int fd)
{
	static char block[4096];

	while (send(fd, block, sizeof(block), MSG_DONTWAIT) > 0)
		;
	while (send(fd, block, 1, MSG_DONTWAIT) > 0)
		;
}

static void writer_woken_by_close(void)
{
	int fds[2];
	pthread_t thread;
	struct later later;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0, "socketpair");
	fill(fds[0]);
	run_later(&thread, &later, fds[1], -1);
	errno = 0;
	CHECK(send(fds[0], "x", 1, MSG_NOSIGNAL) == -1 && errno == ECONNRESET,
	      "a writer blocked on a full socket whose peer closes unread: errno %d", errno);
	pthread_join(thread, NULL);
	errno = 0;
	CHECK(send(fds[0], "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE,
	      "the reset is said once, then EPIPE: errno %d", errno);
	close(fds[0]);
}

/* As Linux: closing with data unread resets the connection; the peer reads what it was sent,
 * then ECONNRESET once, then end of file. */
static void close_with_unread_data_resets(void)
{
	int fds[2];
	char buffer[8];

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0, "socketpair");
	CHECK(write(fds[0], "to you", 6) == 6 && write(fds[1], "back", 4) == 4, "writes");
	close(fds[1]); /* "to you" unread */
	CHECK(read(fds[0], buffer, sizeof(buffer)) == 4, "what the peer sent comes first");
	errno = 0;
	CHECK(read(fds[0], buffer, sizeof(buffer)) == -1 && errno == ECONNRESET,
	      "then the reset: errno %d", errno);
	CHECK(read(fds[0], buffer, sizeof(buffer)) == 0, "then end of file");
	close(fds[0]);
}

static void reader_woken_by_shutdown(void)
{
	int fds[2];
	pthread_t thread;
	struct later later;
	char byte;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0, "socketpair");
	run_later(&thread, &later, fds[0], SHUT_RD);
	CHECK(recv(fds[0], &byte, 1, 0) == 0, "a reader woken by its own SHUT_RD: errno %d", errno);
	pthread_join(thread, NULL);
	close(fds[0]);
	close(fds[1]);
}

static void connect_woken_by_listener_close(void)
{
	static const char name[] = "\0yolk-unix-blocked";
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	socklen_t length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + sizeof(name) - 1);
	int listener = socket(AF_UNIX, SOCK_STREAM, 0), queued[2], waiting;
	pthread_t thread;
	struct later later;

	memcpy(address.sun_path, name, sizeof(name) - 1);
	CHECK(bind(listener, (struct sockaddr *)&address, length) == 0 && listen(listener, 0) == 0,
	      "bind and listen");
	for (int i = 0; i < 2; i++) {
		queued[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(queued[i], (struct sockaddr *)&address, length);
	}
	waiting = socket(AF_UNIX, SOCK_STREAM, 0);
	run_later(&thread, &later, listener, -1);
	errno = 0;
	CHECK(connect(waiting, (struct sockaddr *)&address, length) == -1 && errno == ECONNREFUSED,
	      "a connect waiting on a full backlog whose listener closes: errno %d", errno);
	pthread_join(thread, NULL);
	close(waiting);
	close(queued[0]);
	close(queued[1]);
}

static void datagram_sender_woken_by_close(void)
{
	int fds[2];
	pthread_t thread;
	struct later later;
	char datagram[1000] = {0};

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, fds) == 0, "socketpair");
	while (send(fds[0], datagram, sizeof(datagram), MSG_DONTWAIT) > 0)
		;
	run_later(&thread, &later, fds[1], -1);
	errno = 0;
	CHECK(send(fds[0], datagram, sizeof(datagram), 0) == -1 && errno == ECONNREFUSED,
	      "a datagram sender waiting on a full queue whose receiver closes: errno %d", errno);
	pthread_join(thread, NULL);
	close(fds[0]);
}

static void send_timeout(void)
{
	int fds[2];
	struct timeval timeout = {0, 50 * 1000};

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0, "socketpair");
	fill(fds[0]);
	CHECK(setsockopt(fds[0], SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout)) == 0,
	      "SO_SNDTIMEO");
	uint64_t start = now_ms();
	errno = 0;
	CHECK(send(fds[0], "x", 1, 0) == -1 && errno == EAGAIN,
	      "a send on a full socket past SO_SNDTIMEO: errno %d", errno);
	uint64_t waited = now_ms() - start;
	CHECK(waited >= 40 && waited < 2000, "SO_SNDTIMEO of 50 ms waited %llu ms",
	      (unsigned long long)waited);
	close(fds[0]);
	close(fds[1]);
}

static void on_alarm(int signal)
{
	(void)signal;
}

static void reader_interrupted(void)
{
	int fds[2];
	struct sigaction action = {.sa_handler = on_alarm}; /* no SA_RESTART */
	struct itimerval timer = {.it_value = {0, 30 * 1000}};
	char byte;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0, "socketpair");
	sigaction(SIGALRM, &action, NULL);
	setitimer(ITIMER_REAL, &timer, NULL);
	errno = 0;
	CHECK(recv(fds[0], &byte, 1, 0) == -1 && errno == EINTR,
	      "a reader interrupted by a signal: errno %d", errno);
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	writer_woken_by_close();
	close_with_unread_data_resets();
	reader_woken_by_shutdown();
	connect_woken_by_listener_close();
	datagram_sender_woken_by_close();
	send_timeout();
	reader_interrupted();
	return test_result();
}
