// SPDX-License-Identifier: MIT
/* nc [-u] [-w SECONDS] HOST PORT, nc -l [-u] [-w SECONDS] -p PORT (or -l PORT): netcat. It
 * connects to HOST PORT (TCP, or UDP with -u), or with -l listens on PORT for one connection
 * (TCP) or takes datagrams from the first sender (UDP), then copies its standard input to the
 * socket and the socket to its standard output at the same time (poll), until both ends are
 * done: at the end of the input it shuts its sending side (SHUT_WR) and goes on reading until
 * the peer closes. A UDP socket has no end of its own: -w ends it, or Ctrl-C. -w SECONDS is
 * the connect timeout and the idle timeout (no data either way for that long ends it); -p
 * PORT without -l is the local port to connect from. */
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include "../command.h"
#include "network.h"

#define BUFFER_SIZE 65536

struct nc {
	bool listen, udp;
	const char *port;    /* as given */
	const char *host;    /* NULL when listening */
	unsigned local_port; /* -p without -l: the port to connect from (0: any) */
	int timeout_ms;	     /* -1: none */
	int fd;
	char *buffer;
};

static int usage(void)
{
	fprintf(stderr, "nc: usage: nc [-u] [-w SECONDS] [-p LOCAL-PORT] HOST PORT, or nc -l [-u] "
			"[-w SECONDS] -p PORT\n");
	return -1;
}

static int options(int argc, char **argv, struct nc *nc)
{
	unsigned port;
	double seconds;
	int option;

	while ((option = getopt(argc, argv, "lup:w:")) != -1) {
		if (option == 'l')
			nc->listen = true;
		else if (option == 'u')
			nc->udp = true;
		else if (option == 'p')
			nc->port = optarg;
		else if (option == 'w' && network_parse_seconds(optarg, &seconds))
			nc->timeout_ms = (int)(seconds * 1000);
		else if (option == 'w')
			return fprintf(stderr, "nc: invalid timeout '%s'\n", optarg), -1;
		else
			return -1;
	}
	int operands = argc - optind;
	if (nc->listen && !nc->port && operands == 1)
		nc->port = argv[optind];
	else if (nc->listen ? operands != 0 : operands != 2)
		return usage();
	if (!nc->listen) {
		if (nc->port && !network_parse_port(nc->port, &nc->local_port))
			return fprintf(stderr, "nc: invalid port '%s'\n", nc->port), -1;
		nc->host = argv[optind];
		nc->port = argv[optind + 1];
	}
	if (!nc->port || !network_parse_port(nc->port, &port))
		return fprintf(stderr, "nc: invalid port '%s'\n", nc->port ? nc->port : ""), -1;
	return 0;
}

static int connect_to_host(struct nc *nc)
{
	struct addrinfo *addresses = network_resolve("nc", nc->host, nc->port, AF_UNSPEC,
						     nc->udp ? SOCK_DGRAM : SOCK_STREAM);

	if (!addresses)
		return -1;
	nc->fd =
	    network_connect("nc", addresses, nc->host, nc->port, nc->local_port, nc->timeout_ms);
	freeaddrinfo(addresses);
	return nc->fd < 0 ? -1 : 0;
}

/* Waits for FD to be readable (Ctrl-C ends the wait); 0, or -1 when interrupted. */
static int wait_readable(int fd)
{
	struct pollfd wait = {fd, POLLIN, 0};

	while (poll(&wait, 1, -1) < 0)
		if (errno != EINTR || command_interrupted())
			return -1;
	return 0;
}

/* UDP: the first datagram's sender becomes the peer (the socket is connected to it), and the
 * datagram goes to standard output. */
static int take_first_sender(struct nc *nc)
{
	struct sockaddr_storage from;
	socklen_t length = sizeof(from);

	if (wait_readable(nc->fd))
		return -1;
	ssize_t got =
	    recvfrom(nc->fd, nc->buffer, BUFFER_SIZE, 0, (struct sockaddr *)&from, &length);
	if (got < 0 || connect(nc->fd, (struct sockaddr *)&from, length))
		return fprintf(stderr, "nc: %s\n", strerror(errno)), -1;
	fwrite(nc->buffer, 1, (size_t)got, stdout);
	fflush(stdout);
	return 0;
}

static int listen_on_port(struct nc *nc)
{
	struct sockaddr_in any = {.sin_family = AF_INET,
				  .sin_port = htons((uint16_t)atoi(nc->port))};
	int on = 1, listener = socket(AF_INET, nc->udp ? SOCK_DGRAM : SOCK_STREAM, 0);

	if (listener < 0)
		return fprintf(stderr, "nc: socket: %s\n", strerror(errno)), -1;
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(listener, (struct sockaddr *)&any, sizeof(any)) ||
	    (!nc->udp && listen(listener, 1))) {
		fprintf(stderr, "nc: port %s: %s\n", nc->port, strerror(errno));
		close(listener);
		return -1;
	}
	if (nc->udp) {
		nc->fd = listener;
		return take_first_sender(nc);
	}
	if (wait_readable(listener) || (nc->fd = accept(listener, NULL, NULL)) < 0) {
		if (!command_interrupted())
			fprintf(stderr, "nc: accept: %s\n", strerror(errno));
		close(listener);
		return -1;
	}
	close(listener); /* one connection */
	return 0;
}

/* Sends LENGTH bytes of the buffer; -1 when the socket refuses them. */
static int send_all(struct nc *nc, size_t length)
{
	for (size_t sent = 0; sent < length;) {
		ssize_t count = send(nc->fd, nc->buffer + sent, length - sent, MSG_NOSIGNAL);
		if (count < 0 && errno == EINTR && !command_interrupted())
			continue;
		if (count < 0)
			return -1;
		sent += (size_t)count;
	}
	return 0;
}

/* Standard input to the socket; false when it is done with (its end, or the socket's). */
static bool copy_input(struct nc *nc, int *status)
{
	ssize_t count = read(fileno(stdin), nc->buffer, BUFFER_SIZE);

	if (count < 0 && errno == EINTR)
		return true;
	if (count > 0 && !send_all(nc, (size_t)count))
		return true;
	if (count > 0 || count < 0) {
		if (!command_interrupted())
			fprintf(stderr, "nc: %s: %s\n", count > 0 ? "send" : "stdin",
				strerror(errno));
		*status = 1;
	}
	if (!nc->udp)
		shutdown(nc->fd, SHUT_WR);
	return false;
}

/* The socket to standard output; false when it is done with (the peer's end, or an error). */
static bool copy_output(struct nc *nc, int *status)
{
	ssize_t count = recv(nc->fd, nc->buffer, BUFFER_SIZE, 0);

	if (count < 0 && (errno == EINTR || (nc->udp && errno == ECONNREFUSED)))
		return true; /* UDP: an ICMP "port unreachable" for an earlier datagram */
	if (count > 0 && fwrite(nc->buffer, 1, (size_t)count, stdout) == (size_t)count &&
	    !fflush(stdout))
		return true;
	if (count != 0) {
		fprintf(stderr, "nc: %s: %s\n", count > 0 ? "stdout" : "recv", strerror(errno));
		*status = 1;
	}
	return false;
}

/* Both directions at once, until both are done, the idle timeout, or Ctrl-C. */
static int copy_both_ways(struct nc *nc)
{
	struct pollfd ends[2] = {{fileno(stdin), POLLIN, 0}, {nc->fd, POLLIN, 0}};
	int status = 0;

	while ((ends[0].fd >= 0 || ends[1].fd >= 0) && !command_interrupted()) {
		int ready = poll(ends, 2, nc->timeout_ms);
		if (ready == 0)
			break; /* idle for -w SECONDS */
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready < 0)
			return fprintf(stderr, "nc: poll: %s\n", strerror(errno)), 1;
		if (ends[0].revents && !copy_input(nc, &status))
			ends[0].fd = -1;
		if (ends[1].revents && !copy_output(nc, &status)) {
			ends[1].fd = -1;
			if (status)
				ends[0].fd = -1; /* the connection is broken: nothing to send on */
		}
	}
	return command_interrupted() ? 130 : status;
}

int nc_main(int argc, char **argv)
{
	struct nc nc = {.timeout_ms = -1, .fd = -1};
	int status = 1;

	if (options(argc, argv, &nc))
		return 2;
	if (!(nc.buffer = malloc(BUFFER_SIZE))) {
		fprintf(stderr, "nc: out of memory\n");
		return 1;
	}
	if (!(nc.listen ? listen_on_port(&nc) : connect_to_host(&nc)))
		status = copy_both_ways(&nc);
	else if (command_interrupted())
		status = 130;
	if (nc.fd >= 0)
		close(nc.fd);
	free(nc.buffer);
	return status;
}
