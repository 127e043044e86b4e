// SPDX-License-Identifier: MIT
/* ping [-c COUNT] [-i SECONDS] [-W SECONDS] [-s SIZE] HOST: ICMP echo requests through a ping
 * socket (socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), as Linux's iputils ping without
 * privileges), a line per reply, and the statistics when COUNT replies came, the last wait
 * (-W, 10 s) is over, or Ctrl-C stops it. The send time rides in the data (16 bytes of it at
 * least, as iputils does); the TTL is shown when the socket gives it (IP_RECVTTL). Status 0
 * when any reply came, 1 otherwise. */
#include <arpa/inet.h>
#include <math.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include "../command.h"
#include "network.h"

#define DEFAULT_SIZE 56
#define MAX_SIZE     (65535 - 20 - 8)

struct ping {
	int fd, family;
	const char *name; /* as given */
	struct sockaddr_storage target;
	socklen_t target_length;
	char address[INET6_ADDRSTRLEN];
	long count; /* -1: until Ctrl-C */
	double interval, wait;
	size_t size;
	unsigned long transmitted, received, duplicates, errors;
	double rtt_min, rtt_max, rtt_sum, rtt_sum2;
	bool has_ttl;
	unsigned char *packet, *reply;
	uint8_t seen[65536 / 8]; /* replies had, by sequence */
};

static double now_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static int options(int argc, char **argv, struct ping *ping)
{
	int option;
	char *end;

	while ((option = getopt(argc, argv, "c:i:W:s:")) != -1) {
		switch (option) {
		case 'c':
			ping->count = strtol(optarg, &end, 10);
			if (*end || ping->count <= 0) {
				fprintf(stderr, "ping: invalid count '%s'\n", optarg);
				return -1;
			}
			break;
		case 'i':
		case 'W':
			if (!network_parse_seconds(optarg,
						   option == 'i' ? &ping->interval : &ping->wait)) {
				fprintf(stderr, "ping: invalid time '%s'\n", optarg);
				return -1;
			}
			break;
		case 's':
			ping->size = (size_t)strtoul(optarg, &end, 10);
			if (*end || !*optarg || *optarg == '-' || ping->size > MAX_SIZE) {
				fprintf(stderr, "ping: invalid size '%s' (0 to %d)\n", optarg,
					MAX_SIZE);
				return -1;
			}
			break;
		default:
			return -1;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "ping: usage: ping [-c COUNT] [-i SECONDS] [-W SECONDS] [-s SIZE] "
				"HOST\n");
		return -1;
	}
	return 0;
}

/* The target's first IPv4 address (ping sockets for IPv6 are rarer), else its first. */
static int resolve(struct ping *ping, const char *host)
{
	struct addrinfo *addresses = network_resolve("ping", host, NULL, AF_UNSPEC, SOCK_DGRAM);
	const struct addrinfo *chosen = addresses;

	if (!addresses)
		return -1;
	for (const struct addrinfo *address = addresses; address; address = address->ai_next)
		if (address->ai_family == AF_INET) {
			chosen = address;
			break;
		}
	memcpy(&ping->target, chosen->ai_addr, chosen->ai_addrlen);
	ping->target_length = chosen->ai_addrlen;
	ping->family = chosen->ai_family;
	network_address_text(chosen->ai_addr, ping->address, sizeof(ping->address));
	freeaddrinfo(addresses);
	return 0;
}

static int open_socket(struct ping *ping)
{
	int on = 1;

	ping->fd = socket(ping->family, SOCK_DGRAM,
			  ping->family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6);
	if (ping->fd < 0) {
		fprintf(stderr, "ping: socket: %s\n", strerror(errno));
		return -1;
	}
	/* The TTL (hop limit) of each reply, where the kernel offers it. */
	ping->has_ttl =
	    ping->family == AF_INET
		? !setsockopt(ping->fd, IPPROTO_IP, IP_RECVTTL, &on, sizeof(on))
		: !setsockopt(ping->fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof(on));
	return 0;
}

static void send_request(struct ping *ping)
{
	unsigned sequence = (unsigned)(ping->transmitted + 1) & 0xffff;
	struct icmphdr *header = (struct icmphdr *)ping->packet;
	struct timespec sent;

	memset(header, 0, sizeof(*header));
	header->type = ping->family == AF_INET ? ICMP_ECHO : ICMP6_ECHO_REQUEST;
	header->un.echo.sequence = htons((uint16_t)sequence);
	for (size_t i = 0; i < ping->size; i++)
		ping->packet[8 + i] = (unsigned char)i;
	if (ping->size >= sizeof(sent)) {
		clock_gettime(CLOCK_MONOTONIC, &sent);
		memcpy(ping->packet + 8, &sent, sizeof(sent));
	}
	ping->seen[sequence / 8] &= (uint8_t) ~(1u << (sequence % 8));
	ping->transmitted++;
	if (sendto(ping->fd, ping->packet, 8 + ping->size, 0, (struct sockaddr *)&ping->target,
		   ping->target_length) < 0) {
		if (errno == EINTR && command_interrupted())
			return;
		fprintf(stderr, "ping: sendto %s: %s\n", ping->address, strerror(errno));
		ping->errors++;
	}
}

/* The TTL from the reply's control messages, or -1. */
static int reply_ttl(struct msghdr *message)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(message); c; c = CMSG_NXTHDR(message, c))
		if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) ||
		    (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT)) {
			int ttl;
			memcpy(&ttl, CMSG_DATA(c), sizeof(ttl));
			return ttl;
		}
	return -1;
}

static void print_time(double milliseconds)
{
	int decimals = milliseconds < 1 ? 3 : milliseconds < 10 ? 2 : milliseconds < 100 ? 1 : 0;

	printf(" time=%.*f ms", decimals, milliseconds);
}

/* Accounts for and prints one reply of LENGTH bytes (ICMP header and data). */
static void take_reply(struct ping *ping, size_t length, int ttl, const char *from)
{
	const struct icmphdr *header = (const struct icmphdr *)ping->reply;
	unsigned sequence = ntohs(header->un.echo.sequence);
	bool duplicate = ping->seen[sequence / 8] & (1u << (sequence % 8));
	struct timespec sent;
	double rtt = -1;

	if (length < 8 ||
	    header->type != (ping->family == AF_INET ? ICMP_ECHOREPLY : ICMP6_ECHO_REPLY))
		return;
	if (ping->size >= sizeof(sent) && length >= 8 + sizeof(sent)) {
		memcpy(&sent, ping->reply + 8, sizeof(sent));
		rtt = (now_seconds() - ((double)sent.tv_sec + (double)sent.tv_nsec / 1e9)) * 1000;
	}
	if (duplicate) {
		ping->duplicates++;
	} else {
		ping->seen[sequence / 8] |= (uint8_t)(1u << (sequence % 8));
		ping->received++;
		if (rtt >= 0) {
			ping->rtt_min =
			    ping->received == 1 || rtt < ping->rtt_min ? rtt : ping->rtt_min;
			ping->rtt_max = rtt > ping->rtt_max ? rtt : ping->rtt_max;
			ping->rtt_sum += rtt;
			ping->rtt_sum2 += rtt * rtt;
		}
	}
	printf("%zu bytes from %s: icmp_seq=%u", length, from, sequence);
	if (ttl >= 0)
		printf(" ttl=%d", ttl);
	if (rtt >= 0)
		print_time(rtt);
	printf("%s\n", duplicate ? " (DUP!)" : "");
	fflush(stdout);
}

/* Takes every reply waiting on the socket. */
static void receive_replies(struct ping *ping)
{
	for (;;) {
		struct sockaddr_storage from;
		char control[128], text[INET6_ADDRSTRLEN];
		struct iovec data = {ping->reply, 8 + ping->size + 64};
		struct msghdr message = {.msg_name = &from,
					 .msg_namelen = sizeof(from),
					 .msg_iov = &data,
					 .msg_iovlen = 1,
					 .msg_control = control,
					 .msg_controllen = sizeof(control)};
		ssize_t length = recvmsg(ping->fd, &message, MSG_DONTWAIT);

		if (length < 0)
			return;
		network_address_text((struct sockaddr *)&from, text, sizeof(text));
		take_reply(ping, (size_t)length, ping->has_ttl ? reply_ttl(&message) : -1, text);
	}
}

static void print_statistics(const struct ping *ping, double elapsed)
{
	printf("\n--- %s ping statistics ---\n", ping->name);
	printf("%lu packets transmitted, %lu received, ", ping->transmitted, ping->received);
	if (ping->duplicates)
		printf("+%lu duplicates, ", ping->duplicates);
	if (ping->errors)
		printf("+%lu errors, ", ping->errors);
	printf("%lu%% packet loss, time %.0fms\n",
	       ping->transmitted ? (ping->transmitted - ping->received) * 100 / ping->transmitted
				 : 0,
	       elapsed * 1000);
	if (ping->received && ping->size >= sizeof(struct timespec)) {
		double average = ping->rtt_sum / (double)ping->received;
		double variance = ping->rtt_sum2 / (double)ping->received - average * average;
		printf("rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms\n", ping->rtt_min, average,
		       ping->rtt_max, sqrt(variance > 0 ? variance : 0));
	}
}

/* Sends every INTERVAL and takes the replies until COUNT came, the last wait is over, or
 * Ctrl-C. */
static void run(struct ping *ping)
{
	double start = now_seconds(), next_send = start, last_send = start;

	while (!command_interrupted()) {
		double now = now_seconds();
		bool sending = ping->count < 0 || (long)ping->transmitted < ping->count;

		if (sending && now >= next_send) {
			send_request(ping);
			last_send = now;
			next_send += ping->interval;
			continue;
		}
		if (ping->count >= 0 && (long)ping->received >= ping->count)
			break;
		double until = sending ? next_send : last_send + ping->wait;
		if (!sending && now >= until)
			break;
		struct pollfd wait = {ping->fd, POLLIN, 0};
		int ready = poll(&wait, 1, (int)ceil((until - now) * 1000));
		if (ready > 0)
			receive_replies(ping);
	}
	print_statistics(ping, now_seconds() - start);
}

int ping_main(int argc, char **argv)
{
	struct ping *ping = calloc(1, sizeof(*ping));
	int status = 1;

	if (!ping) {
		fprintf(stderr, "ping: out of memory\n");
		return 1;
	}
	ping->fd = -1;
	ping->count = -1;
	ping->interval = 1;
	ping->wait = 10;
	ping->size = DEFAULT_SIZE;
	if (options(argc, argv, ping)) {
		free(ping);
		return 2;
	}
	ping->packet = malloc(8 + ping->size);
	ping->reply = malloc(8 + ping->size + 64);
	if (!ping->packet || !ping->reply) {
		fprintf(stderr, "ping: out of memory\n");
		goto out;
	}
	ping->name = argv[optind];
	if (resolve(ping, ping->name) || open_socket(ping))
		goto out;
	if (ping->family == AF_INET)
		printf("PING %s (%s) %zu(%zu) bytes of data.\n", argv[optind], ping->address,
		       ping->size, ping->size + 28);
	else
		printf("PING %s(%s) %zu data bytes\n", argv[optind], ping->address, ping->size);
	fflush(stdout);
	command_keep_status_on_interrupt();
	run(ping);
	status = ping->received ? 0 : 1;
out:
	if (ping->fd >= 0)
		close(ping->fd);
	free(ping->packet);
	free(ping->reply);
	free(ping);
	return status;
}
