// SPDX-License-Identifier: MIT
/* TCP and UDP between threads of the program over the loopback interface (127.0.0.1, ::1, and
 * IPv4 clients of a dual-stack IPv6 server): 4 MiB through a connection byte-exact, half-close
 * and end of file, non-blocking connect (EINPROGRESS, then SO_ERROR), ECONNREFUSED from a
 * closed port, SO_RCVTIMEO, EPOLLRDHUP on the peer's shutdown, EPIPE and SIGPIPE, datagrams
 * with their sender, ICMP and ICMPv6 echo through ping sockets, getsockname/getpeername, and the
 * errors of bad arguments. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define BULK (4u << 20)

static int listener(int family, const char *address, int *port)
{
	struct sockaddr_storage storage = {0};
	socklen_t length =
	    family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	int server = socket(family, SOCK_STREAM, 0), on = 1;

	CHECK(server >= 0, "socket: %s", strerror(errno));
	setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&storage;
		in->sin_family = AF_INET;
		inet_pton(AF_INET, address, &in->sin_addr);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&storage;
		in6->sin6_family = AF_INET6;
		inet_pton(AF_INET6, address, &in6->sin6_addr);
	}
	CHECK(bind(server, (struct sockaddr *)&storage, length) == 0, "bind %s: %s", address,
	      strerror(errno));
	CHECK(listen(server, 16) == 0, "listen: %s", strerror(errno));
	CHECK(getsockname(server, (struct sockaddr *)&storage, &length) == 0, "getsockname");
	*port = ntohs(family == AF_INET ? ((struct sockaddr_in *)&storage)->sin_port
					: ((struct sockaddr_in6 *)&storage)->sin6_port);
	CHECK(*port > 0, "an ephemeral port was chosen (%d)", *port);
	return server;
}

static int connect_to(int family, const char *address, int port)
{
	struct sockaddr_storage storage = {0};
	socklen_t length;
	int client = socket(family, SOCK_STREAM, 0);

	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&storage;
		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)port);
		inet_pton(AF_INET, address, &in->sin_addr);
		length = sizeof(*in);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&storage;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		inet_pton(AF_INET6, address, &in6->sin6_addr);
		length = sizeof(*in6);
	}
	if (connect(client, (struct sockaddr *)&storage, length)) {
		int saved = errno;
		close(client);
		errno = saved;
		return -1;
	}
	return client;
}

static uint32_t pattern(uint32_t i)
{
	return i * 2654435761u >> 7;
}

static void *send_bulk(void *argument)
{
	int fd = (int)(intptr_t)argument;
	uint8_t *data = malloc(BULK);

	for (uint32_t i = 0; i < BULK; i++)
		data[i] = (uint8_t)pattern(i);
	for (size_t sent = 0; sent < BULK;) {
		ssize_t n = write(fd, data + sent, BULK - sent);
		if (n <= 0) {
			CHECK(0, "write: %s", strerror(errno));
			break;
		}
		sent += (size_t)n;
	}
	CHECK(shutdown(fd, SHUT_WR) == 0, "shutdown(SHUT_WR): %s", strerror(errno));
	free(data);
	return NULL;
}

/* BULK bytes from a client thread to the server's accepted socket, checked, then EOF, then the
 * server's reply reaches the half-closed client. */
static void stream_round(int family, const char *server_address, int client_family,
			 const char *client_address)
{
	int port, server = listener(family, server_address, &port);
	int client = connect_to(client_family, client_address, port);
	pthread_t thread;
	char reply[8] = {0};

	CHECK(client >= 0, "connect to %s port %d: %s", client_address, port, strerror(errno));
	int accepted = accept(server, NULL, NULL);
	CHECK(accepted >= 0, "accept: %s", strerror(errno));
	pthread_create(&thread, NULL, send_bulk, (void *)(intptr_t)client);
	uint8_t *buffer = malloc(65536);
	size_t received = 0, wrong = 0;
	for (;;) {
		ssize_t n = read(accepted, buffer, 65536);
		if (n <= 0) {
			CHECK(n == 0, "read: %s", strerror(errno));
			break;
		}
		for (ssize_t i = 0; i < n; i++)
			wrong += buffer[i] != (uint8_t)pattern((uint32_t)(received + (size_t)i));
		received += (size_t)n;
	}
	pthread_join(thread, NULL);
	CHECK(received == BULK && !wrong, "%zu of %u bytes, %zu wrong", received, BULK, wrong);
	CHECK(write(accepted, "done", 4) == 4, "write to a half-closed peer: %s", strerror(errno));
	CHECK(read(client, reply, sizeof(reply)) == 4 && !memcmp(reply, "done", 4),
	      "the half-closed client reads the reply");
	close(accepted);
	CHECK(read(client, reply, sizeof(reply)) == 0, "EOF after the server's close: %s",
	      strerror(errno));
	free(buffer);
	close(client);
	close(server);
	printf("%u bytes %s -> %s\n", BULK, client_address, server_address);
}

static void refused_and_nonblocking(void)
{
	int port, server = listener(AF_INET, "127.0.0.1", &port);
	close(server);
	CHECK(connect_to(AF_INET, "127.0.0.1", port) < 0 && errno == ECONNREFUSED,
	      "ECONNREFUSED from a closed port, got %s", strerror(errno));

	server = listener(AF_INET, "127.0.0.1", &port);
	int client = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
	int result = connect(client, (struct sockaddr *)&address, sizeof(address));
	CHECK(result == 0 || errno == EINPROGRESS, "non-blocking connect: %s", strerror(errno));
	struct pollfd wait = {client, POLLOUT, 0};
	CHECK(poll(&wait, 1, 5000) == 1 && (wait.revents & POLLOUT), "connected: POLLOUT");
	int error = -1;
	socklen_t length = sizeof(error);
	CHECK(getsockopt(client, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0,
	      "SO_ERROR 0 after connecting (%d)", error);
	char byte;
	CHECK(read(client, &byte, 1) < 0 && errno == EAGAIN, "EAGAIN on an empty socket");
	int accepted = accept(server, NULL, NULL);

	/* SO_RCVTIMEO */
	struct timeval timeout = {0, 200000};
	CHECK(setsockopt(accepted, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout)) == 0,
	      "SO_RCVTIMEO");
	struct timespec before, after;
	clock_gettime(CLOCK_MONOTONIC, &before);
	CHECK(read(accepted, &byte, 1) < 0 && errno == EAGAIN, "EAGAIN after SO_RCVTIMEO: %s",
	      strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &after);
	long elapsed_ms =
	    (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1000000;
	CHECK(elapsed_ms >= 190, "the receive waited %ld ms of 200", elapsed_ms);

	/* EPOLLRDHUP when the peer shuts its side down */
	int epoll = epoll_create1(0);
	struct epoll_event event = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.fd = accepted};
	CHECK(epoll_ctl(epoll, EPOLL_CTL_ADD, accepted, &event) == 0, "epoll_ctl");
	CHECK(epoll_wait(epoll, &event, 1, 0) == 0, "nothing ready yet");
	shutdown(client, SHUT_WR);
	CHECK(epoll_wait(epoll, &event, 1, 2000) == 1 && (event.events & EPOLLRDHUP),
	      "EPOLLRDHUP after the peer's shutdown (events %#x)", event.events);
	int available = -1;
	CHECK(ioctl(accepted, FIONREAD, &available) == 0 && available == 0, "FIONREAD 0");

	/* EPIPE and SIGPIPE: the peer is gone */
	close(client);
	signal(SIGPIPE, SIG_IGN);
	ssize_t written = 0;
	for (int i = 0; i < 100 && written >= 0; i++) {
		written = send(accepted, "x", 1, MSG_NOSIGNAL);
		usleep(1000);
	}
	CHECK(written < 0 && (errno == EPIPE || errno == ECONNRESET),
	      "writing to a closed peer fails with EPIPE or ECONNRESET (%s)", strerror(errno));
	close(epoll);
	close(accepted);
	close(server);
}

static void datagrams(int family, const char *address)
{
	int a = socket(family, SOCK_DGRAM, 0), b = socket(family, SOCK_DGRAM, 0);
	struct sockaddr_storage storage = {0}, from;
	socklen_t length =
	    family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	socklen_t from_length = sizeof(from);
	char buffer[16];

	storage.ss_family = (sa_family_t)family;
	inet_pton(family, address,
		  family == AF_INET ? (void *)&((struct sockaddr_in *)&storage)->sin_addr
				    : (void *)&((struct sockaddr_in6 *)&storage)->sin6_addr);
	CHECK(bind(a, (struct sockaddr *)&storage, length) == 0, "bind: %s", strerror(errno));
	getsockname(a, (struct sockaddr *)&storage, &length);
	CHECK(sendto(b, "ping", 4, 0, (struct sockaddr *)&storage, length) == 4, "sendto: %s",
	      strerror(errno));
	CHECK(sendto(b, "second", 6, 0, (struct sockaddr *)&storage, length) == 6, "sendto");
	ssize_t n = recvfrom(a, buffer, sizeof(buffer), 0, (struct sockaddr *)&from, &from_length);
	CHECK(n == 4 && !memcmp(buffer, "ping", 4), "recvfrom: %zd", n);
	CHECK(from.ss_family == family && from_length == length, "the sender's address");
	/* A short read truncates the datagram (MSG_TRUNC), and the next one is whole. */
	struct iovec vector = {buffer, 3};
	struct msghdr message = {.msg_iov = &vector, .msg_iovlen = 1};
	CHECK(recvmsg(a, &message, 0) == 3 && (message.msg_flags & MSG_TRUNC), "MSG_TRUNC");
	CHECK(sendto(a, "pong", 4, 0, (struct sockaddr *)&from, from_length) == 4, "reply");
	CHECK(recv(b, buffer, sizeof(buffer), 0) == 4 && !memcmp(buffer, "pong", 4), "reply read");
	CHECK(recv(b, buffer, sizeof(buffer), MSG_DONTWAIT) < 0 && errno == EAGAIN, "then EAGAIN");
	close(a);
	close(b);
}

/* An echo request to the loopback through a ping socket, IPv4 and IPv6 (lwIP answers). */
static void ping_loopback(int family)
{
	int fd = socket(family, SOCK_DGRAM, family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6);
	struct sockaddr_storage target = {.ss_family = (sa_family_t)family};
	uint8_t request[16] = {family == AF_INET ? 8 : 128, 0, 0, 0, 0, 0, 0, 42}, reply[64];
	struct timeval timeout = {5, 0};

	CHECK(fd >= 0, "ping socket (family %d): %s", family, strerror(errno));
	inet_pton(family, family == AF_INET ? "127.0.0.1" : "::1",
		  family == AF_INET ? (void *)&((struct sockaddr_in *)&target)->sin_addr
				    : (void *)&((struct sockaddr_in6 *)&target)->sin6_addr);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
	CHECK(sendto(fd, request, sizeof(request), 0, (struct sockaddr *)&target,
		     family == AF_INET ? sizeof(struct sockaddr_in)
				       : sizeof(struct sockaddr_in6)) == sizeof(request),
	      "echo request sent: %s", strerror(errno));
	ssize_t count = recv(fd, reply, sizeof(reply), 0);
	CHECK(
	    count == sizeof(request) && reply[0] == (family == AF_INET ? 0 : 129) && reply[7] == 42,
	    "echo reply (family %d): %zd bytes, type %u", family, count, count > 0 ? reply[0] : 0);
	close(fd);
}

static void bad_arguments(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), pipe_fds[2];
	struct sockaddr_in address = {.sin_family = AF_INET};

	CHECK(socket(12345, SOCK_STREAM, 0) < 0 && errno == EAFNOSUPPORT, "EAFNOSUPPORT");
	CHECK(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP) < 0 && errno == EPROTONOSUPPORT,
	      "EPROTONOSUPPORT");
	CHECK(bind(fd, (struct sockaddr *)&address, 3) < 0 && errno == EINVAL, "EINVAL length");
	CHECK(bind(fd, (struct sockaddr *)8, sizeof(address)) < 0 && errno == EFAULT, "EFAULT");
	CHECK(listen(999, 1) < 0 && errno == EBADF, "EBADF");
	pipe(pipe_fds);
	CHECK(listen(pipe_fds[0], 1) < 0 && errno == ENOTSOCK, "ENOTSOCK");
	CHECK(getpeername(fd, (struct sockaddr *)&address, &(socklen_t){sizeof(address)}) < 0 &&
		  errno == ENOTCONN,
	      "ENOTCONN");
	CHECK(recv(fd, &address, 1, 0) < 0 && errno == ENOTCONN, "recv unconnected: ENOTCONN");
	int type = 0;
	CHECK(getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &(socklen_t){sizeof(type)}) == 0 &&
		  type == SOCK_STREAM,
	      "SO_TYPE");
	int on = 1;
	CHECK(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) == 0, "TCP_NODELAY");
	close(fd);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
}

int main(void)
{
	stream_round(AF_INET, "127.0.0.1", AF_INET, "127.0.0.1");
	stream_round(AF_INET6, "::1", AF_INET6, "::1");
	stream_round(AF_INET6, "::", AF_INET, "127.0.0.1");
	refused_and_nonblocking();
	datagrams(AF_INET, "127.0.0.1");
	datagrams(AF_INET6, "::1");
	ping_loopback(AF_INET);
	ping_loopback(AF_INET6);
	bad_arguments();
	return test_result();
}
