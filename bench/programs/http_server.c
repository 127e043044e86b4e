// SPDX-License-Identifier: MIT
/* A small static HTTP/1.1 server on one thread with epoll (edge-triggered, non-blocking), the
 * same source for Yolk, the Linux VM and the host: every GET gets a 128-byte body; a
 * connection stays open unless the request says "Connection: close". For bench/network.py
 * under wrk. Usage: http_server [PORT] (default 80); prints "BENCH ready" when listening. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BODY                                                                                       \
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"                         \
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define EVENTS 256

static const char keep_alive[] = "HTTP/1.1 200 OK\r\nServer: bench\r\nContent-Type: text/plain\r\n"
				 "Content-Length: 128\r\n\r\n" BODY;
static const char closing[] = "HTTP/1.1 200 OK\r\nServer: bench\r\nContent-Type: text/plain\r\n"
			      "Content-Length: 128\r\nConnection: close\r\n\r\n" BODY;

/* Answers every complete request in what arrived; false when the connection is to close. */
static int serve(int fd)
{
	char buffer[8192];

	for (;;) {
		ssize_t count = read(fd, buffer, sizeof(buffer) - 1);
		if (count == 0 || (count < 0 && errno != EAGAIN))
			return 0;
		if (count < 0)
			return 1;
		buffer[count] = '\0';
		for (char *request = buffer; (request = strstr(request, "\r\n\r\n"));
		     request += 4) {
			int close_it = strstr(buffer, "Connection: close") != NULL;
			const char *reply = close_it ? closing : keep_alive;
			size_t length = close_it ? sizeof(closing) - 1 : sizeof(keep_alive) - 1;
			if (write(fd, reply, length) != (ssize_t)length || close_it)
				return 0;
		}
	}
}

int main(int argc, char **argv)
{
	int port = argc > 1 ? atoi(argv[1]) : 80, on = 1;
	struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	int server = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), epoll = epoll_create1(0);
	struct epoll_event event = {.events = EPOLLIN, .data.fd = server}, events[EVENTS];

	setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(server, (struct sockaddr *)&address, sizeof(address)) || listen(server, 255) ||
	    epoll_ctl(epoll, EPOLL_CTL_ADD, server, &event)) {
		perror("http_server");
		return 1;
	}
	printf("BENCH ready http_server %d\n", port);
	fflush(stdout);
	for (;;) {
		int ready = epoll_wait(epoll, events, EVENTS, -1);
		for (int i = 0; i < ready; i++) {
			int fd = events[i].data.fd;
			if (fd != server) {
				if (!serve(fd))
					close(fd); /* also leaves the epoll set */
				continue;
			}
			int client;
			while ((client = accept4(server, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
				struct epoll_event interest = {.events = EPOLLIN | EPOLLET,
							       .data.fd = client};
				setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
				epoll_ctl(epoll, EPOLL_CTL_ADD, client, &interest);
			}
		}
	}
}
