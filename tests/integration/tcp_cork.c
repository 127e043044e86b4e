/* SPDX-License-Identifier: MIT */
/* tcp_cork: TCP_CORK as nginx uses it around a response (TCP_NODELAY turned off, cork, the
 * headers and the file's bytes written, uncork): getsockopt reports the cork, and uncorking
 * sends everything queued at once: SIOCOUTQNSD (bytes queued, not sent) is 0 right after it,
 * while Nagle's algorithm alone would hold the second piece until the first is acknowledged.
 * TCP_NODELAY turned on flushes the same way. The peer receives every byte, in order. Over
 * 127.0.0.1. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "check.h"

#ifndef SIOCOUTQNSD
#define SIOCOUTQNSD 0x894b /* <linux/sockios.h>, which musl-gcc has not */
#endif

static int option(int fd, int name)
{
	int value = -1;
	socklen_t length = sizeof(value);
	CHECK(getsockopt(fd, IPPROTO_TCP, name, &value, &length) == 0, "getsockopt %d: errno %d",
	      name, errno);
	return value;
}

static void set_option(int fd, int name, int value)
{
	CHECK(setsockopt(fd, IPPROTO_TCP, name, &value, sizeof(value)) == 0,
	      "setsockopt %d = %d: errno %d", name, value, errno);
}

static int unsent(int fd)
{
	int bytes = -1;
	CHECK(ioctl(fd, SIOCOUTQNSD, &bytes) == 0, "SIOCOUTQNSD: errno %d", errno);
	return bytes;
}

/* Reads exactly SIZE bytes into BUFFER, or fails the check. */
static void read_exactly(int fd, char *buffer, size_t size)
{
	size_t done = 0;
	while (done < size) {
		ssize_t n = read(fd, buffer + done, size - done);
		CHECK(n > 0, "read after %zu of %zu bytes: %zd, errno %d", done, size, n, errno);
		if (n <= 0)
			return;
		done += (size_t)n;
	}
}

int main(void)
{
	int listener = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in address = {.sin_family = AF_INET,
				      .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t length = sizeof(address);
	CHECK(bind(listener, (struct sockaddr *)&address, sizeof(address)) == 0 &&
		  listen(listener, 1) == 0 &&
		  getsockname(listener, (struct sockaddr *)&address, &length) == 0,
	      "listen on 127.0.0.1: errno %d", errno);
	int client = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(client, (struct sockaddr *)&address, sizeof(address)) == 0,
	      "connect: errno %d", errno);
	int server = accept(listener, NULL, NULL);
	CHECK(server >= 0, "accept: errno %d", errno);

	char headers[200], body[612], received[sizeof(headers) + sizeof(body)];
	memset(headers, 'h', sizeof(headers));
	memset(body, 'b', sizeof(body));
	for (int round = 0; round < 2; round++) {
		/* nginx's order: no TCP_NODELAY, then the cork. */
		set_option(server, TCP_NODELAY, 1);
		set_option(server, TCP_NODELAY, 0);
		CHECK(option(server, TCP_CORK) == 0, "TCP_CORK before corking");
		set_option(server, TCP_CORK, 1);
		CHECK(option(server, TCP_CORK) == 1, "getsockopt TCP_CORK is %d, not 1",
		      option(server, TCP_CORK));
		CHECK(write(server, headers, sizeof(headers)) == sizeof(headers), "write headers");
		CHECK(write(server, body, sizeof(body)) == sizeof(body), "write body");
		int held = unsent(server);
		/* Round 0 uncorks; round 1 turns TCP_NODELAY on while corked, then uncorks. */
		if (round == 0) {
			set_option(server, TCP_CORK, 0);
		} else {
			set_option(server, TCP_NODELAY, 1);
			CHECK(unsent(server) == 0, "unsent after TCP_NODELAY on: %d",
			      unsent(server));
			set_option(server, TCP_CORK, 0);
		}
		int after = unsent(server);
		CHECK(after == 0, "round %d: %d bytes still unsent after uncorking", round, after);
		printf("round %d: %d bytes held while corked, %d after uncorking\n", round, held,
		       after);
		read_exactly(client, received, sizeof(received));
		CHECK(!memcmp(received, headers, sizeof(headers)) &&
			  !memcmp(received + sizeof(headers), body, sizeof(body)),
		      "round %d: the bytes arrived out of order", round);
	}
	CHECK(option(server, TCP_CORK) == 0, "TCP_CORK after uncorking");
	close(server);
	close(client);
	close(listener);
	return test_result();
}
