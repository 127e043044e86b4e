/* SPDX-License-Identifier: MIT */
/* unix_pair_datagram: socketpair() of the three types and AF_UNIX datagrams: boundaries kept,
 * MSG_TRUNC on a short read, senders' names through recvfrom (none for an unnamed sender),
 * EPIPE and SIGPIPE (not with MSG_NOSIGNAL) on a closed peer, flow control (a full stream or
 * datagram queue is EAGAIN for a non-blocking writer and no POLLOUT, room again once read),
 * poll and epoll readiness, woken across threads, SO_RCVTIMEO's EAGAIN after its time, and
 * SOCK_SEQPACKET: records kept and truncated, listen/accept over an abstract name of its own
 * type, end of file. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile sig_atomic_t pipe_signals;

static void on_pipe(int signal)
{
	(void)signal;
	pipe_signals++;
}

static uint64_t now_ms(void)
{
	struct timespec time;

	clock_gettime(CLOCK_MONOTONIC, &time);
	return (uint64_t)time.tv_sec * 1000 + (uint64_t)time.tv_nsec / 1000000;
}

static void check_stream_pair(void)
{
	int fds[2];
	char buffer[8];

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0, "socketpair: errno %d", errno);
	CHECK(write(fds[0], "ping", 4) == 4 && read(fds[1], buffer, 8) == 4 &&
		  !memcmp(buffer, "ping", 4),
	      "one way");
	CHECK(send(fds[1], "pong", 4, 0) == 4 && recv(fds[0], buffer, 8, 0) == 4 &&
		  !memcmp(buffer, "pong", 4),
	      "the other way");
	close(fds[1]);
	CHECK(read(fds[0], buffer, 8) == 0, "end of file after the peer's close");
	pipe_signals = 0;
	CHECK(write(fds[0], "x", 1) == -1 && errno == EPIPE, "write to a closed peer: errno %d",
	      errno);
	CHECK(pipe_signals == 1, "SIGPIPE with EPIPE: %d signals", (int)pipe_signals);
	CHECK(send(fds[0], "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE,
	      "send(MSG_NOSIGNAL) to a closed peer: errno %d", errno);
	CHECK(pipe_signals == 1, "no SIGPIPE with MSG_NOSIGNAL: %d signals", (int)pipe_signals);
	close(fds[0]);
}

static void check_stream_flow_control(void)
{
	int fds[2];
	size_t size = 1 << 20;
	char *buffer = malloc(size);

	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0, "socketpair");
	memset(buffer, 'f', size);
	ssize_t first = write(fds[0], buffer, size);
	CHECK(first > 0 && (size_t)first < size, "a non-blocking 1 MiB write took %zd", first);
	CHECK(write(fds[0], buffer, size) == -1 && errno == EAGAIN,
	      "a write to a full socket: errno %d", errno);
	struct pollfd entry = {fds[0], POLLOUT, 0};
	CHECK(poll(&entry, 1, 0) == 0, "POLLOUT on a full socket: revents %#x", entry.revents);
	ssize_t drained = 0, got;
	while ((got = read(fds[1], buffer, size)) > 0)
		drained += got;
	CHECK(drained == first && errno == EAGAIN, "read back %zd of %zd bytes", drained, first);
	CHECK(poll(&entry, 1, 0) == 1 && (entry.revents & POLLOUT), "POLLOUT once read");
	close(fds[0]);
	close(fds[1]);
	free(buffer);
}

static void check_datagram_pair(void)
{
	int fds[2];
	char buffer[16];

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, fds) == 0, "socketpair(SOCK_DGRAM): errno %d",
	      errno);
	CHECK(send(fds[0], "one", 3, 0) == 3 && send(fds[0], "two!", 4, 0) == 4 &&
		  send(fds[0], "", 0, 0) == 0 && send(fds[0], "a longer one", 12, 0) == 12,
	      "sends: errno %d", errno);
	int available = 0;
	CHECK(ioctl(fds[1], FIONREAD, &available) == 0 && available == 3,
	      "FIONREAD is the next datagram's size: %d", available);
	CHECK(recv(fds[1], buffer, sizeof(buffer), 0) == 3, "boundaries: the first");
	CHECK(recv(fds[1], buffer, sizeof(buffer), MSG_PEEK) == 4, "MSG_PEEK keeps the second");
	CHECK(recv(fds[1], buffer, sizeof(buffer), 0) == 4 && !memcmp(buffer, "two!", 4),
	      "boundaries: the second");
	CHECK(recv(fds[1], buffer, sizeof(buffer), 0) == 0, "an empty datagram");
	struct iovec vector = {buffer, 5};
	struct msghdr header = {.msg_iov = &vector, .msg_iovlen = 1};
	CHECK(recvmsg(fds[1], &header, 0) == 5 && (header.msg_flags & MSG_TRUNC) &&
		  !memcmp(buffer, "a lon", 5),
	      "a short read truncates: flags %#x", header.msg_flags);
	CHECK(recv(fds[1], buffer, sizeof(buffer), MSG_DONTWAIT) == -1 && errno == EAGAIN,
	      "the rest of a truncated datagram is gone: errno %d", errno);
	CHECK(send(fds[0], "12345678", 8, 0) == 8 && recv(fds[1], buffer, 2, MSG_TRUNC) == 8,
	      "recv(MSG_TRUNC) returns the whole length");
	close(fds[1]);
	CHECK(send(fds[0], "x", 1, 0) == -1 && errno == ECONNREFUSED,
	      "a datagram to a closed peer: errno %d", errno);
	close(fds[0]);
}

static void check_datagram_flow_control(void)
{
	int fds[2], sent = 0;
	char datagram[1000] = {0};

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, fds) == 0, "socketpair");
	while (sent < 100000 && send(fds[0], datagram, sizeof(datagram), MSG_DONTWAIT) > 0)
		sent++;
	CHECK(sent > 0 && sent < 100000 && errno == EAGAIN,
	      "a full datagram queue: %d sent, errno %d", sent, errno);
	struct pollfd entry = {fds[0], POLLOUT, 0};
	CHECK(poll(&entry, 1, 0) == 0, "POLLOUT towards a full queue: revents %#x", entry.revents);
	CHECK(recv(fds[1], datagram, sizeof(datagram), 0) == sizeof(datagram), "recv");
	CHECK(send(fds[0], datagram, sizeof(datagram), MSG_DONTWAIT) == sizeof(datagram),
	      "room again after a read: errno %d", errno);
	close(fds[0]);
	close(fds[1]);
	printf("%d datagrams queued before EAGAIN\n", sent);
}

static void check_named_datagrams(void)
{
	struct sockaddr_un first = {.sun_family = AF_UNIX}, second = {.sun_family = AF_UNIX}, from;
	socklen_t from_length = sizeof(from);
	char buffer[16];

	strcpy(first.sun_path, "/tmp/unix_datagram.a");
	strcpy(second.sun_path, "/tmp/unix_datagram.b");
	unlink(first.sun_path);
	unlink(second.sun_path);
	int a = socket(AF_UNIX, SOCK_DGRAM, 0), b = socket(AF_UNIX, SOCK_DGRAM, 0);
	int unnamed = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK(bind(a, (struct sockaddr *)&first, sizeof(first)) == 0 &&
		  bind(b, (struct sockaddr *)&second, sizeof(second)) == 0,
	      "bind: errno %d", errno);
	CHECK(sendto(a, "hi", 2, 0, (struct sockaddr *)&second, sizeof(second)) == 2,
	      "sendto: errno %d", errno);
	CHECK(recvfrom(b, buffer, sizeof(buffer), 0, (struct sockaddr *)&from, &from_length) == 2 &&
		  from_length ==
		      offsetof(struct sockaddr_un, sun_path) + strlen(first.sun_path) + 1 &&
		  !strcmp(from.sun_path, first.sun_path),
	      "the sender's name (length %u)", (unsigned)from_length);
	CHECK(sendto(unnamed, "yo", 2, 0, (struct sockaddr *)&second, sizeof(second)) == 2,
	      "sendto from an unnamed socket: errno %d", errno);
	from_length = sizeof(from);
	CHECK(recvfrom(b, buffer, sizeof(buffer), 0, (struct sockaddr *)&from, &from_length) == 2 &&
		  from_length == 0,
	      "an unnamed sender has no name: length %u", (unsigned)from_length);
	CHECK(send(unnamed, "x", 1, 0) == -1 && errno == ENOTCONN, "send unconnected: errno %d",
	      errno);
	CHECK(connect(unnamed, (struct sockaddr *)&first, sizeof(first)) == 0 &&
		  send(unnamed, "c", 1, 0) == 1 && recv(a, buffer, sizeof(buffer), 0) == 1,
	      "connected datagrams: errno %d", errno);
	CHECK(sendto(unnamed, "d", 1, 0, (struct sockaddr *)&second, 0) == 1 &&
		  recv(a, buffer, sizeof(buffer), 0) == 1,
	      "sendto with an address length of 0 goes to the peer: errno %d", errno);
	close(a);
	close(b);
	close(unnamed);
	unlink(first.sun_path);
	unlink(second.sun_path);
}

static void *write_later(void *argument)
{
	struct timespec pause = {0, 30 * 1000 * 1000};

	nanosleep(&pause, NULL);
	CHECK(write(*(int *)argument, "late", 4) == 4, "the late write");
	return NULL;
}

static void check_readiness(void)
{
	int fds[2], epoll = epoll_create1(0);
	struct epoll_event event = {.events = EPOLLIN, .data.u32 = 7}, got;
	pthread_t thread;
	char buffer[8];

	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0, "socketpair");
	CHECK(read(fds[1], buffer, sizeof(buffer)) == -1 && errno == EAGAIN,
	      "a non-blocking read: errno %d", errno);
	struct pollfd entry = {fds[1], POLLIN | POLLOUT, 0};
	CHECK(poll(&entry, 1, 0) == 1 && entry.revents == POLLOUT,
	      "an idle connected socket is writable only: revents %#x", entry.revents);
	CHECK(epoll_ctl(epoll, EPOLL_CTL_ADD, fds[1], &event) == 0, "epoll_ctl: errno %d", errno);
	CHECK(epoll_wait(epoll, &got, 1, 0) == 0, "epoll: not readable yet");
	pthread_create(&thread, NULL, write_later, &fds[0]);
	CHECK(epoll_wait(epoll, &got, 1, 5000) == 1 && got.data.u32 == 7 && (got.events & EPOLLIN),
	      "epoll woken by another thread's write");
	pthread_join(thread, NULL);
	entry.events = POLLIN;
	CHECK(poll(&entry, 1, 0) == 1 && entry.revents == POLLIN, "poll: readable");
	CHECK(read(fds[1], buffer, sizeof(buffer)) == 4, "read the late write");
	pthread_create(&thread, NULL, write_later, &fds[0]);
	CHECK(poll(&entry, 1, 5000) == 1 && entry.revents == POLLIN,
	      "poll woken by another thread's write");
	pthread_join(thread, NULL);
	close(epoll);
	close(fds[0]);
	close(fds[1]);
}

static void check_receive_timeout(void)
{
	int fds[2];
	struct timeval timeout = {0, 100 * 1000}, read_back;
	socklen_t length = sizeof(read_back);
	char buffer[4];

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0, "socketpair");
	CHECK(setsockopt(fds[0], SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout)) == 0,
	      "SO_RCVTIMEO: errno %d", errno);
	CHECK(getsockopt(fds[0], SOL_SOCKET, SO_RCVTIMEO, &read_back, &length) == 0 &&
		  read_back.tv_usec == 100000,
	      "SO_RCVTIMEO read back");
	uint64_t start = now_ms();
	CHECK(read(fds[0], buffer, sizeof(buffer)) == -1 && errno == EAGAIN,
	      "a read past SO_RCVTIMEO: errno %d", errno);
	uint64_t waited = now_ms() - start;
	CHECK(waited >= 90 && waited < 2000, "SO_RCVTIMEO of 100 ms waited %llu ms",
	      (unsigned long long)waited);
	printf("SO_RCVTIMEO of 100 ms: EAGAIN after %llu ms\n", (unsigned long long)waited);
	close(fds[0]);
	close(fds[1]);
}

static void check_seqpacket(void)
{
	static const char name[] = "\0yolk-unix-seqpacket";
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	socklen_t length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + sizeof(name) - 1);
	int fds[2], available = 0;
	char buffer[16];

	CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, fds) == 0, "socketpair(SOCK_SEQPACKET)");
	CHECK(send(fds[0], "abc", 3, 0) == 3 && send(fds[0], "defgh", 5, 0) == 5 &&
		  send(fds[0], "ij", 2, 0) == 2,
	      "record sends: errno %d", errno);
	CHECK(ioctl(fds[1], FIONREAD, &available) == 0 && available == 10,
	      "FIONREAD counts the records' bytes: %d", available);
	CHECK(recv(fds[1], buffer, sizeof(buffer), 0) == 3 && !memcmp(buffer, "abc", 3),
	      "the first record");
	struct iovec vector = {buffer, 2};
	struct msghdr header = {.msg_iov = &vector, .msg_iovlen = 1};
	CHECK(recvmsg(fds[1], &header, 0) == 2 && (header.msg_flags & MSG_TRUNC) &&
		  !memcmp(buffer, "de", 2),
	      "a short read truncates a record: flags %#x", header.msg_flags);
	CHECK(recv(fds[1], buffer, sizeof(buffer), 0) == 2 && !memcmp(buffer, "ij", 2),
	      "the record after the truncated one");
	close(fds[0]);
	CHECK(recv(fds[1], buffer, sizeof(buffer), 0) == 0, "end of file after the peer's close");
	close(fds[1]);

	memcpy(address.sun_path, name, sizeof(name) - 1);
	int listener = socket(AF_UNIX, SOCK_SEQPACKET, 0),
	    client = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	int stream = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(bind(listener, (struct sockaddr *)&address, length) == 0 && listen(listener, 2) == 0,
	      "bind and listen: errno %d", errno);
	CHECK(connect(stream, (struct sockaddr *)&address, length) == -1 && errno == ECONNREFUSED,
	      "a stream to a seqpacket socket's abstract name: errno %d", errno);
	CHECK(connect(client, (struct sockaddr *)&address, length) == 0, "connect: errno %d",
	      errno);
	int server = accept(listener, NULL, NULL);
	CHECK(server >= 0, "accept: errno %d", errno);
	CHECK(send(client, "x", 1, 0) == 1 && send(client, "yz", 2, 0) == 2 &&
		  recv(server, buffer, sizeof(buffer), 0) == 1 &&
		  recv(server, buffer, sizeof(buffer), 0) == 2,
	      "records over an accepted connection");
	close(server);
	close(client);
	close(stream);
	close(listener);
}

/* Idle connections are small: 400 pairs at once fit in the test's memory (a stream's ring
 * starts at 16 KiB and grows only while a writer fills it). */
static void check_many_pairs(void)
{
	enum { PAIRS = 400 };
	static int fds[PAIRS][2];
	int made = 0, echoed = 0;
	char byte;

	while (made < PAIRS && socketpair(AF_UNIX, SOCK_STREAM, 0, fds[made]) == 0)
		made++;
	CHECK(made == PAIRS, "made %d of %d socket pairs: errno %d", made, PAIRS, errno);
	for (int i = 0; i < made; i++)
		echoed += write(fds[i][0], "p", 1) == 1 && read(fds[i][1], &byte, 1) == 1;
	CHECK(echoed == made, "%d of %d pairs carried a byte", echoed, made);
	for (int i = 0; i < made; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
	printf("%d socket pairs open at once\n", made);
}

int main(void)
{
	signal(SIGPIPE, on_pipe);
	check_stream_pair();
	check_stream_flow_control();
	check_datagram_pair();
	check_datagram_flow_control();
	check_named_datagrams();
	check_readiness();
	check_receive_timeout();
	check_seqpacket();
	check_many_pairs();
	return test_result();
}
