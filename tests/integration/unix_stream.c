/* SPDX-License-Identifier: MIT */
/* unix_stream: AF_UNIX SOCK_STREAM between two threads, over a path name and an abstract name:
 * 1 MiB one way (the client writes it in odd-sized pieces, the server checks every
 * byte), the names getsockname/getpeername/accept report (with Linux's lengths), SO_PEERCRED,
 * MSG_PEEK, MSG_WAITALL, FIONREAD, end of file after shutdown, and a full backlog: EAGAIN for a
 * non-blocking connect, a blocked connect that completes once the server accepts. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define TOTAL (1u << 20)

static struct sockaddr_un server_address;
static socklen_t server_length;

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + (i >> 11));
}

static void *client(void *argument)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	static unsigned char buffer[70000];
	uint64_t random = 42;
	size_t sent = 0;

	(void)argument;
	CHECK(connect(fd, (struct sockaddr *)&server_address, server_length) == 0,
	      "connect: errno %d", errno);
	while (sent < TOTAL) {
		size_t piece = 1 + test_random(&random) % sizeof(buffer);
		if (piece > TOTAL - sent)
			piece = TOTAL - sent;
		for (size_t i = 0; i < piece; i++)
			buffer[i] = pattern(sent + i);
		ssize_t written = write(fd, buffer, piece);
		if (written <= 0) {
			CHECK(0, "write returned %zd, errno %d", written, errno);
			break;
		}
		sent += (size_t)written;
	}
	CHECK(shutdown(fd, SHUT_WR) == 0, "shutdown: errno %d", errno);
	char reply;
	CHECK(read(fd, &reply, 1) == 1 && reply == 'k', "no reply after the transfer");
	CHECK(read(fd, &reply, 1) == 0, "no end of file after the server closed");
	close(fd);
	return NULL;
}

/* Serves one client: reads everything until end of file, checking each byte. */
static void serve(int listener, const char *label)
{
	static unsigned char buffer[65536];
	struct sockaddr_un peer;
	socklen_t peer_length = sizeof(peer);
	pthread_t thread;
	size_t received = 0, wrong = 0;

	pthread_create(&thread, NULL, client, NULL);
	int fd = accept(listener, (struct sockaddr *)&peer, &peer_length);
	CHECK(fd >= 0, "%s: accept: errno %d", label, errno);
	CHECK(peer_length == offsetof(struct sockaddr_un, sun_path) && peer.sun_family == AF_UNIX,
	      "%s: an unnamed client's address has length %u", label, (unsigned)peer_length);
	for (;;) {
		ssize_t got = read(fd, buffer, sizeof(buffer));
		if (got <= 0) {
			CHECK(got == 0, "%s: read: errno %d", label, errno);
			break;
		}
		for (ssize_t i = 0; i < got; i++)
			wrong += buffer[i] != pattern(received + (size_t)i);
		received += (size_t)got;
	}
	CHECK(received == TOTAL && wrong == 0, "%s: received %zu bytes, %zu wrong", label, received,
	      wrong);
	CHECK(write(fd, "k", 1) == 1, "%s: reply: errno %d", label, errno);
	close(fd);
	pthread_join(thread, NULL);
	printf("%s: %zu bytes received byte-exact\n", label, received);
}

static void check_names(int listener, socklen_t expected_length)
{
	struct sockaddr_un name;
	socklen_t length = sizeof(name);

	CHECK(getsockname(listener, (struct sockaddr *)&name, &length) == 0 &&
		  length == expected_length && !memcmp(&name, &server_address, length),
	      "getsockname: length %u, expected %u", (unsigned)length, (unsigned)expected_length);
	length = sizeof(name);
	CHECK(getpeername(listener, (struct sockaddr *)&name, &length) == -1 && errno == ENOTCONN,
	      "getpeername of a listener: errno %d", errno);
}

static void transfer_over_path(void)
{
	int listener = socket(AF_UNIX, SOCK_STREAM, 0);
	struct stat status;

	memset(&server_address, 0, sizeof(server_address));
	server_address.sun_family = AF_UNIX;
	strcpy(server_address.sun_path, "/tmp/unix_stream.socket");
	unlink(server_address.sun_path);
	server_length = sizeof(server_address);
	CHECK(bind(listener, (struct sockaddr *)&server_address, server_length) == 0,
	      "bind to a path: errno %d", errno);
	CHECK(stat(server_address.sun_path, &status) == 0 && S_ISSOCK(status.st_mode),
	      "bind made no socket node (mode %o)", (unsigned)status.st_mode);
	CHECK(listen(listener, 4) == 0, "listen: errno %d", errno);
	check_names(listener, (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
					  strlen(server_address.sun_path) + 1));
	serve(listener, "path name");
	close(listener);
	unlink(server_address.sun_path);
}

static void transfer_over_abstract_name(void)
{
	int listener = socket(AF_UNIX, SOCK_STREAM, 0);
	static const char name[] = "\0yolk-unix-stream";

	memset(&server_address, 0, sizeof(server_address));
	server_address.sun_family = AF_UNIX;
	memcpy(server_address.sun_path, name, sizeof(name) - 1);
	server_length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + sizeof(name) - 1);
	CHECK(bind(listener, (struct sockaddr *)&server_address, server_length) == 0,
	      "bind to an abstract name: errno %d", errno);
	CHECK(listen(listener, 4) == 0, "listen: errno %d", errno);
	check_names(listener, server_length);
	serve(listener, "abstract name");
	close(listener);
}

/* MSG_PEEK, FIONREAD, MSG_WAITALL, shutdown's end of file, a connected pair's names. */
static void check_reads(void)
{
	int listener = socket(AF_UNIX, SOCK_STREAM, 0), available = 0;
	static const char name[] = "\0yolk-unix-reads";
	struct sockaddr_un address = {.sun_family = AF_UNIX}, peer;
	socklen_t length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + sizeof(name) - 1);
	socklen_t peer_length = sizeof(peer);
	char buffer[16] = {0};

	memcpy(address.sun_path, name, sizeof(name) - 1);
	CHECK(bind(listener, (struct sockaddr *)&address, length) == 0, "bind: errno %d", errno);
	CHECK(listen(listener, 1) == 0, "listen: errno %d", errno);
	int client = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(connect(client, (struct sockaddr *)&address, length) == 0, "connect: errno %d",
	      errno);
	CHECK(getpeername(client, (struct sockaddr *)&peer, &peer_length) == 0 &&
		  peer_length == length && !memcmp(&peer, &address, length),
	      "the client's peer name (length %u)", (unsigned)peer_length);
	int server = accept(listener, NULL, NULL);
	CHECK(server >= 0, "accept: errno %d", errno);
	peer_length = sizeof(peer);
	CHECK(getsockname(server, (struct sockaddr *)&peer, &peer_length) == 0 &&
		  peer_length == length,
	      "an accepted socket is named as its listener (length %u)", (unsigned)peer_length);
	peer_length = sizeof(peer);
	CHECK(getsockname(client, (struct sockaddr *)&peer, &peer_length) == 0 && peer_length == 2,
	      "an unnamed socket's name is 2 bytes, got %u", (unsigned)peer_length);
	int credentials[3] = {-1, -1, -1}; /* struct ucred: pid, uid, gid */
	socklen_t credentials_length = sizeof(credentials);
	CHECK(getsockopt(server, SOL_SOCKET, SO_PEERCRED, credentials, &credentials_length) == 0 &&
		  credentials_length == sizeof(credentials) && credentials[0] == getpid() &&
		  credentials[1] == (int)getuid() && credentials[2] == (int)getgid(),
	      "SO_PEERCRED: pid %d uid %d gid %d", credentials[0], credentials[1], credentials[2]);
	CHECK(write(client, "hello", 5) == 5, "write: errno %d", errno);
	CHECK(recv(server, buffer, 3, MSG_PEEK) == 3 && !memcmp(buffer, "hel", 3), "MSG_PEEK");
	CHECK(ioctl(server, FIONREAD, &available) == 0 && available == 5, "FIONREAD: %d",
	      available);
	CHECK(recv(server, buffer, 5, 0) == 5 && !memcmp(buffer, "hello", 5),
	      "the peeked bytes are read again");
	CHECK(recv(server, buffer, 5, MSG_DONTWAIT) == -1 && errno == EAGAIN,
	      "MSG_DONTWAIT on an empty socket: errno %d", errno);
	CHECK(write(client, "ab", 2) == 2 && write(client, "cd", 2) == 2, "writes");
	CHECK(shutdown(client, SHUT_WR) == 0, "shutdown: errno %d", errno);
	CHECK(recv(server, buffer, 8, MSG_WAITALL) == 4 && !memcmp(buffer, "abcd", 4),
	      "MSG_WAITALL stops at end of file with what came");
	CHECK(read(server, buffer, 8) == 0, "end of file after SHUT_WR");
	struct pollfd entry = {server, POLLIN | POLLRDHUP, 0};
	CHECK(poll(&entry, 1, 0) == 1 && (entry.revents & POLLRDHUP) && !(entry.revents & POLLHUP),
	      "the peer's SHUT_WR is POLLRDHUP, not POLLHUP: revents %#x", entry.revents);
	close(client);
	entry.revents = 0;
	CHECK(poll(&entry, 1, 0) == 1 && (entry.revents & POLLHUP),
	      "the peer's close is POLLHUP: revents %#x", entry.revents);
	close(server);
	close(listener);
}

static struct sockaddr_un backlog_address;
static socklen_t backlog_length;

static void *blocked_connect(void *argument)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	*(int *)argument = connect(fd, (struct sockaddr *)&backlog_address, backlog_length);
	close(fd);
	return NULL;
}

/* Linux queues backlog + 1 connections; then connect waits, or says EAGAIN. */
static void check_backlog(void)
{
	static const char name[] = "\0yolk-unix-backlog";
	int listener = socket(AF_UNIX, SOCK_STREAM, 0), clients[3], blocked_result = 1;
	pthread_t thread;

	backlog_address.sun_family = AF_UNIX;
	memcpy(backlog_address.sun_path, name, sizeof(name) - 1);
	backlog_length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + sizeof(name) - 1);
	CHECK(bind(listener, (struct sockaddr *)&backlog_address, backlog_length) == 0, "bind");
	CHECK(listen(listener, 1) == 0, "listen");
	for (int i = 0; i < 3; i++) {
		clients[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
		int result =
		    connect(clients[i], (struct sockaddr *)&backlog_address, backlog_length);
		if (i < 2)
			CHECK(result == 0, "connect %d: errno %d", i, errno);
		else
			CHECK(result == -1 && errno == EAGAIN,
			      "connect to a full backlog: %d, errno %d", result, errno);
	}
	pthread_create(&thread, NULL, blocked_connect, &blocked_result);
	struct timespec pause = {0, 50 * 1000 * 1000};
	nanosleep(&pause, NULL);
	CHECK(blocked_result == 1, "a connect to a full backlog did not wait");
	int accepted = accept(listener, NULL, NULL);
	CHECK(accepted >= 0, "accept: errno %d", errno);
	pthread_join(thread, NULL);
	CHECK(blocked_result == 0, "the waiting connect completed with %d", blocked_result);
	close(accepted);
	for (int i = 0; i < 3; i++)
		close(clients[i]);
	close(listener);
}

int main(void)
{
	transfer_over_path();
	transfer_over_abstract_name();
	check_reads();
	check_backlog();
	return test_result();
}
