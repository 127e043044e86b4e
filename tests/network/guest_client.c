// SPDX-License-Identifier: MIT
/* The guest as a client of the host, over QEMU's user network: an ICMP echo to the gateway
 * (10.0.2.2, a ping socket), an HTTP GET through 10.0.2.2 to a server on the host's loopback
 * (argv[1] is its port, argv[2] the path), whose body's length and FNV-1a hash it prints, and
 * what DHCP gave: the address of eth0 and /etc/resolv.conf. */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include "../integration/check.h"

static void show_address(void)
{
	struct ifreq request = {0};
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	char text[INET_ADDRSTRLEN], line[128];

	strcpy(request.ifr_name, "eth0");
	CHECK(ioctl(fd, SIOCGIFADDR, &request) == 0, "SIOCGIFADDR eth0: %s", strerror(errno));
	inet_ntop(AF_INET, &((struct sockaddr_in *)&request.ifr_addr)->sin_addr, text,
		  sizeof(text));
	printf("eth0 address %s\n", text);
	CHECK(ioctl(fd, SIOCGIFHWADDR, &request) == 0, "SIOCGIFHWADDR");
	unsigned char *mac = (unsigned char *)request.ifr_hwaddr.sa_data;
	printf("eth0 MAC %02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1], mac[2], mac[3], mac[4],
	       mac[5]);
	close(fd);
	FILE *resolv = fopen("/etc/resolv.conf", "r");
	CHECK(resolv != NULL, "/etc/resolv.conf exists");
	while (resolv && fgets(line, sizeof(line), resolv))
		printf("resolv.conf: %s", line);
	if (resolv)
		fclose(resolv);
}

static void ping_gateway(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	struct sockaddr_in gateway = {.sin_family = AF_INET};
	struct icmphdr request = {.type = ICMP_ECHO, .un.echo.sequence = htons(1)};
	char reply[128];
	struct timeval timeout = {5, 0};

	CHECK(fd >= 0, "ping socket: %s", strerror(errno));
	inet_pton(AF_INET, "10.0.2.2", &gateway.sin_addr);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
	CHECK(sendto(fd, &request, sizeof(request), 0, (struct sockaddr *)&gateway,
		     sizeof(gateway)) == sizeof(request),
	      "sendto: %s", strerror(errno));
	ssize_t count = recv(fd, reply, sizeof(reply), 0);
	CHECK(count >= 8 && ((struct icmphdr *)reply)->type == ICMP_ECHOREPLY,
	      "an echo reply from 10.0.2.2 (%zd: %s)", count, strerror(errno));
	if (count >= 8)
		printf("echo reply from 10.0.2.2, sequence %u\n",
		       ntohs(((struct icmphdr *)reply)->un.echo.sequence));
	close(fd);
}

static void http_get(int port, const char *path)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in host = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	char request[256], buffer[65536];
	size_t total = 0, body = 0;
	uint64_t hash = 1469598103934665603ull;
	char *end_of_headers = NULL;

	inet_pton(AF_INET, "10.0.2.2", &host.sin_addr);
	CHECK(connect(fd, (struct sockaddr *)&host, sizeof(host)) == 0, "connect: %s",
	      strerror(errno));
	int length =
	    snprintf(request, sizeof(request), "GET %s HTTP/1.0\r\nHost: 10.0.2.2\r\n\r\n", path);
	CHECK(write(fd, request, (size_t)length) == length, "write");
	static char head[4096];
	size_t head_length = 0;
	for (;;) {
		ssize_t count = read(fd, buffer, sizeof(buffer));
		if (count <= 0)
			break;
		total += (size_t)count;
		char *data = buffer;
		size_t size = (size_t)count;
		if (!end_of_headers) {
			size_t take = size < sizeof(head) - 1 - head_length
					  ? size
					  : sizeof(head) - 1 - head_length;
			memcpy(head + head_length, data, take);
			head_length += take;
			end_of_headers = strstr(head, "\r\n\r\n");
			if (!end_of_headers)
				continue;
			size_t header_bytes = (size_t)(end_of_headers + 4 - head);
			size_t already = head_length - take; /* head bytes from earlier reads */
			data += header_bytes - already;
			size -= header_bytes - already;
		}
		for (size_t i = 0; i < size; i++)
			hash = (hash ^ (uint8_t)data[i]) * 1099511628211ull;
		body += size;
	}
	CHECK(end_of_headers && !strncmp(head, "HTTP/1.0 200", 12), "a 200 response");
	printf("http body %zu bytes, fnv1a %016llx\n", body, (unsigned long long)hash);
	close(fd);
}

int main(int argc, char **argv)
{
	show_address();
	ping_gateway();
	if (argc > 2)
		http_get(atoi(argv[1]), argv[2]);
	return test_result();
}
