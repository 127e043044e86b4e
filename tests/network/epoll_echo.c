// SPDX-License-Identifier: MIT
/* An echo server on one thread with epoll, edge-triggered, non-blocking sockets: what
 * event-driven servers (nginx, redis) do. Listens on argv[1] (default 7); prints "ready".
 * A client that sends "stats\n" as its first bytes gets the number of open connections back,
 * one that sends "pools\n" the text of /proc/net/lwip (the stack's pools, to see leaks), and one
 * that sends "close\n" is closed by the server at once (the server's side goes to TIME_WAIT). Used
 * by tests/network/test_network.py (500 idle connections plus traffic; bad input). */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define EVENTS 64

static int open_connections;

static void serve(int epoll, int fd)
{
	char buffer[16384];

	for (;;) {
		ssize_t count = read(fd, buffer, sizeof(buffer));
		if (count == 0 || (count < 0 && errno != EAGAIN)) {
			epoll_ctl(epoll, EPOLL_CTL_DEL, fd, NULL);
			close(fd);
			open_connections--;
			return;
		}
		if (count < 0)
			return;
		if (count == 6 && !memcmp(buffer, "stats\n", 6)) {
			count = snprintf(buffer, sizeof(buffer), "%d\n", open_connections);
		} else if (count == 6 && !memcmp(buffer, "close\n", 6)) {
			epoll_ctl(epoll, EPOLL_CTL_DEL, fd, NULL);
			close(fd);
			open_connections--;
			return;
		} else if (count == 6 && !memcmp(buffer, "pools\n", 6)) {
			int pools = open("/proc/net/lwip", O_RDONLY);
			count = pools < 0 ? 0 : read(pools, buffer, sizeof(buffer));
			close(pools);
		}
		for (ssize_t sent = 0; sent < count;) {
			ssize_t n = write(fd, buffer + sent, (size_t)(count - sent));
			if (n < 0 && errno == EAGAIN)
				continue; /* a test client always reads its echo: spin briefly */
			if (n < 0)
				return;
			sent += n;
		}
	}
}

int main(int argc, char **argv)
{
	int port = argc > 1 ? atoi(argv[1]) : 7, on = 1;
	struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	int server = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int epoll = epoll_create1(0);
	struct epoll_event event = {.events = EPOLLIN, .data.fd = server}, events[EVENTS];

	setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(server, (struct sockaddr *)&address, sizeof(address)) || listen(server, 255) ||
	    epoll_ctl(epoll, EPOLL_CTL_ADD, server, &event)) {
		perror("epoll_echo");
		return 1;
	}
	printf("epoll_echo: ready on port %d\n", port);
	fflush(stdout);
	for (;;) {
		int ready = epoll_wait(epoll, events, EVENTS, -1);
		for (int i = 0; i < ready; i++) {
			if (events[i].data.fd != server) {
				serve(epoll, events[i].data.fd);
				continue;
			}
			int client;
			while ((client = accept4(server, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
				struct epoll_event interest = {
				    .events = EPOLLIN | EPOLLET | EPOLLRDHUP, .data.fd = client};
				epoll_ctl(epoll, EPOLL_CTL_ADD, client, &interest);
				open_connections++;
			}
		}
	}
}
