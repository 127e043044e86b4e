// SPDX-License-Identifier: MIT
/* TCP and UDP measurements, the same source for Yolk, the Linux VM and the host.
 *   net_bench server [PORT]   in the guest: on TCP PORT a connection whose first byte is 'S'
 *                             is read to its end (a sink), one whose first byte is 'R' gets the
 *                             8-byte count that follows sent to it (a source), any other is
 *                             closed at once (for connect+close); UDP PORT echoes datagrams.
 *                             Prints "BENCH ready net_bench PORT".
 *   net_bench send HOST PORT MIB        the host's side: prints "BENCH tcp_send_mib_s N"
 *   net_bench receive HOST PORT MIB     prints "BENCH tcp_receive_mib_s N"
 *   net_bench connect HOST PORT COUNT   prints "BENCH tcp_connect_per_s N"
 *   net_bench udp HOST PORT COUNT       prints "BENCH udp_round_trip_us N" (the median)
 * Each client mode is bounded by its count and by a 60-second limit. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (256 * 1024)

static double now_s(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec + now.tv_nsec / 1e9;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void *connection(void *argument)
{
	int fd = (int)(intptr_t)argument;
	static char buffer[CHUNK]; /* contents do not matter: shared by every connection */
	char kind = 0;

	if (read(fd, &kind, 1) == 1 && kind == 'S') {
		while (read(fd, buffer, sizeof(buffer)) > 0)
			;
	} else if (kind == 'R') {
		uint64_t count = 0, sent = 0;
		if (read(fd, &count, sizeof(count)) == sizeof(count))
			while (sent < count) {
				size_t chunk = count - sent < CHUNK ? count - sent : CHUNK;
				ssize_t n = write(fd, buffer, chunk);
				if (n <= 0)
					break;
				sent += (uint64_t)n;
			}
	}
	close(fd);
	return NULL;
}

static void *udp_echo(void *argument)
{
	int fd = (int)(intptr_t)argument;
	char buffer[2048];

	for (;;) {
		struct sockaddr_storage from;
		socklen_t length = sizeof(from);
		ssize_t n =
		    recvfrom(fd, buffer, sizeof(buffer), 0, (struct sockaddr *)&from, &length);
		if (n >= 0)
			sendto(fd, buffer, (size_t)n, 0, (struct sockaddr *)&from, length);
	}
	return NULL;
}

static int serve(int port)
{
	struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	int server = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0), on = 1;
	pthread_t thread;

	setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(server, (struct sockaddr *)&address, sizeof(address)) || listen(server, 255) ||
	    bind(udp, (struct sockaddr *)&address, sizeof(address))) {
		perror("net_bench server");
		return 1;
	}
	pthread_create(&thread, NULL, udp_echo, (void *)(intptr_t)udp);
	printf("BENCH ready net_bench %d\n", port);
	fflush(stdout);
	for (;;) {
		int client = accept(server, NULL, NULL);
		if (client < 0)
			continue;
		if (pthread_create(&thread, NULL, connection, (void *)(intptr_t)client)) {
			close(client);
			continue;
		}
		pthread_detach(thread);
	}
}

static int dial(const char *host, int port, int type)
{
	struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	int fd = socket(AF_INET, type, 0);
	struct timeval timeout = {10, 0};

	inet_pton(AF_INET, host, &address.sin_addr);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
	if (connect(fd, (struct sockaddr *)&address, sizeof(address))) {
		close(fd);
		return -1;
	}
	return fd;
}

static int bulk(const char *host, int port, uint64_t bytes, int sending)
{
	static char buffer[CHUNK];
	int fd = dial(host, port, SOCK_STREAM);
	uint64_t done = 0;

	if (fd < 0 || write(fd, sending ? "S" : "R", 1) != 1 ||
	    (!sending && write(fd, &bytes, sizeof(bytes)) != sizeof(bytes)))
		return perror("net_bench"), 1;
	double start = now_s();
	while (done < bytes && now_s() - start < 60) {
		size_t chunk = bytes - done < CHUNK ? bytes - done : CHUNK;
		ssize_t n = sending ? write(fd, buffer, chunk) : read(fd, buffer, chunk);
		if (n <= 0)
			break;
		done += (uint64_t)n;
	}
	if (sending)
		shutdown(fd, SHUT_WR), read(fd, buffer, 1); /* the sink has it all when it closes */
	double seconds = now_s() - start;
	close(fd);
	if (done < bytes)
		return fprintf(stderr, "net_bench: %llu of %llu bytes\n", (unsigned long long)done,
			       (unsigned long long)bytes),
		       1;
	printf("BENCH tcp_%s_mib_s %.1f\n", sending ? "send" : "receive",
	       bytes / 1048576.0 / seconds);
	return 0;
}

static int connect_rate(const char *host, int port, int count)
{
	double start = now_s();
	int done = 0;

	for (; done < count && now_s() - start < 60; done++) {
		int fd = dial(host, port, SOCK_STREAM);
		char byte;
		if (fd < 0)
			return perror("net_bench connect"), 1;
		write(fd, "C", 1);
		read(fd, &byte, 1); /* the server closes: end of file */
		close(fd);
	}
	printf("BENCH tcp_connect_per_s %.1f\n", done / (now_s() - start));
	return 0;
}

static int udp_latency(const char *host, int port, int count)
{
	int fd = dial(host, port, SOCK_DGRAM);
	double *rounds = calloc((size_t)count, sizeof(double));
	int done = 0;
	char buffer[64] = "ping";

	for (double start = now_s(); done < count && now_s() - start < 60; done++) {
		double sent = now_s();
		if (write(fd, buffer, 32) != 32 || read(fd, buffer, sizeof(buffer)) != 32)
			return perror("net_bench udp"), 1;
		rounds[done] = (now_s() - sent) * 1e6;
	}
	qsort(rounds, (size_t)done, sizeof(double), compare_doubles);
	printf("BENCH udp_round_trip_us %.1f\n", done ? rounds[done / 2] : 0.0);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "server"))
		return serve(argc > 2 ? atoi(argv[2]) : 5001);
	if (argc != 5) {
		fprintf(stderr, "usage: net_bench server [PORT] | send|receive HOST PORT MIB | "
				"connect|udp HOST PORT COUNT\n");
		return 2;
	}
	int port = atoi(argv[3]);
	long count = atol(argv[4]);
	if (!strcmp(argv[1], "send") || !strcmp(argv[1], "receive"))
		return bulk(argv[2], port, (uint64_t)count << 20, argv[1][0] == 's');
	if (!strcmp(argv[1], "connect"))
		return connect_rate(argv[2], port, (int)count);
	if (!strcmp(argv[1], "udp"))
		return udp_latency(argv[2], port, (int)count);
	return 2;
}
