/* SPDX-License-Identifier: MIT */
/* net_e1000: run with '--nic e1000 --net user:guestfwd=tcp:10.0.2.100:1234-cmd:cat'. The
 * e1000 driver's interface got its address from QEMU's DHCP server (eth0 is 10.0.2.15, its MAC
 * QEMU's default 52:54:00:12:34:56), and frames go both ways with the outside: an ICMP echo to
 * the host side (10.0.2.2) when QEMU can answer it, a TCP connection to a host port nothing
 * listens on (refused: a SYN out, a reset back), a UDP datagram of 1400 bytes to the host's
 * port 7 (answered by nobody, but sent), and 1 MiB through `cat` on the host (QEMU's guestfwd)
 * and back, byte-exact: both rings wrap many times. On Linux there is no such interface: the
 * test says SKIP. */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "check.h"

#define CLOSED_PORT 1 /* tcpmux: nothing listens there on the host */

static void check_interface(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq request = {0};
	static const unsigned char expected_mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

	strcpy(request.ifr_name, "eth0");
	CHECK(ioctl(fd, SIOCGIFADDR, &request) == 0, "SIOCGIFADDR eth0: errno %d", errno);
	struct sockaddr_in *address = (struct sockaddr_in *)&request.ifr_addr;
	CHECK(address->sin_addr.s_addr == inet_addr("10.0.2.15"), "eth0 is %s, not 10.0.2.15",
	      inet_ntoa(address->sin_addr));
	printf("eth0: %s\n", inet_ntoa(address->sin_addr));
	CHECK(ioctl(fd, SIOCGIFHWADDR, &request) == 0, "SIOCGIFHWADDR eth0: errno %d", errno);
	const unsigned char *mac = (const unsigned char *)request.ifr_hwaddr.sa_data;
	CHECK(!memcmp(mac, expected_mac, 6), "the MAC is %02x:%02x:%02x:%02x:%02x:%02x", mac[0],
	      mac[1], mac[2], mac[3], mac[4], mac[5]);
	printf("eth0 MAC: %02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1], mac[2], mac[3], mac[4],
	       mac[5]);
	close(fd);
}

/* QEMU answers an echo to its host address only where the host lets it open ICMP sockets:
 * no answer is reported, not failed. */
static void ping_host(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	struct sockaddr_in host = {.sin_family = AF_INET, .sin_addr.s_addr = inet_addr("10.0.2.2")};
	struct icmphdr echo = {.type = ICMP_ECHO, .un.echo.sequence = htons(1)};
	unsigned char reply[64];

	CHECK(fd >= 0, "socket(IPPROTO_ICMP): errno %d", errno);
	CHECK(sendto(fd, &echo, sizeof(echo), 0, (struct sockaddr *)&host, sizeof(host)) ==
		  sizeof(echo),
	      "sendto (ICMP echo): errno %d", errno);
	struct pollfd entry = {fd, POLLIN, 0};
	if (poll(&entry, 1, 2000) == 1) {
		ssize_t got = recv(fd, reply, sizeof(reply), 0);
		CHECK(got >= (ssize_t)sizeof(echo) && reply[0] == ICMP_ECHOREPLY,
		      "the answer to the echo: %zd bytes, type %d", got, reply[0]);
		printf("ICMP echo to 10.0.2.2 answered\n");
	} else {
		printf("ICMP echo to 10.0.2.2: no answer (QEMU may not ping from here)\n");
	}
	close(fd);
}

static void connect_refused(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in host = {.sin_family = AF_INET,
				   .sin_port = htons(CLOSED_PORT),
				   .sin_addr.s_addr = inet_addr("10.0.2.2")};

	errno = 0;
	int result = connect(fd, (struct sockaddr *)&host, sizeof(host));
	CHECK(result == -1 && errno == ECONNREFUSED,
	      "connect to a closed host port: %d, errno %d (expected ECONNREFUSED)", result, errno);
	if (result == -1 && errno == ECONNREFUSED)
		printf("TCP connect to 10.0.2.2:%d refused by the host\n", CLOSED_PORT);
	close(fd);
}

static void send_datagram(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in host = {
	    .sin_family = AF_INET, .sin_port = htons(7), .sin_addr.s_addr = inet_addr("10.0.2.2")};
	static char datagram[1400];

	memset(datagram, 'e', sizeof(datagram));
	CHECK(sendto(fd, datagram, sizeof(datagram), 0, (struct sockaddr *)&host, sizeof(host)) ==
		  sizeof(datagram),
	      "sendto (UDP): errno %d", errno);
	close(fd);
}

#define ECHO_TOTAL (1u << 20)

static unsigned char echo_pattern(size_t i)
{
	return (unsigned char)(i * 13 + (i >> 10));
}

static void *echo_writer(void *argument)
{
	int fd = *(int *)argument;
	static unsigned char buffer[32768];

	for (size_t sent = 0; sent < ECHO_TOTAL;) {
		for (size_t i = 0; i < sizeof(buffer); i++)
			buffer[i] = echo_pattern(sent + i);
		ssize_t written = write(fd, buffer, sizeof(buffer));
		if (written <= 0) {
			CHECK(0, "write to the echo: %zd, errno %d", written, errno);
			break;
		}
		sent += (size_t)written; /* whole buffers: a blocking socket writes all */
	}
	shutdown(fd, SHUT_WR);
	return NULL;
}

/* QEMU's guestfwd runs `cat` on the host for the connection: what goes out comes back. */
static void echo_through_host(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in echo = {.sin_family = AF_INET,
				   .sin_port = htons(1234),
				   .sin_addr.s_addr = inet_addr("10.0.2.100")};
	static unsigned char buffer[65536];
	size_t received = 0, wrong = 0;
	pthread_t writer;

	if (connect(fd, (struct sockaddr *)&echo, sizeof(echo))) {
		CHECK(0, "connect to the guestfwd echo: errno %d", errno);
		close(fd);
		return;
	}
	pthread_create(&writer, NULL, echo_writer, &fd);
	for (;;) {
		ssize_t got = read(fd, buffer, sizeof(buffer));
		if (got <= 0) {
			CHECK(got == 0, "read from the echo: errno %d", errno);
			break;
		}
		for (ssize_t i = 0; i < got; i++)
			wrong += buffer[i] != echo_pattern(received + (size_t)i);
		received += (size_t)got;
	}
	pthread_join(writer, NULL);
	CHECK(received == ECHO_TOTAL && !wrong, "the echo: %zu bytes back, %zu wrong", received,
	      wrong);
	printf("%zu bytes through the host's cat and back, %zu wrong\n", received, wrong);
	close(fd);
}

int main(void)
{
	struct utsname name;

	if (uname(&name) == 0 && strcmp(name.sysname, "Yolk") != 0) {
		printf("SKIP: not Yolk's e1000 on QEMU's user network\n");
		return test_result();
	}
	check_interface();
	ping_host();
	connect_refused();
	send_datagram();
	echo_through_host();
	return test_result();
}
