// SPDX-License-Identifier: MIT
/* ifconfig [-a] [INTERFACE]: the network interfaces as Linux's ifconfig shows them, found as
 * a Linux program finds them: their names and counters in /proc/net/dev, their flags, MTU,
 * addresses and MAC through the SIOCGIF* ioctls on an inet socket. Showing only: setting
 * addresses is not supported. */
#include <arpa/inet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include "../command.h"

struct interface_counters {
	unsigned long long receive_bytes, receive_packets, receive_errors, receive_dropped;
	unsigned long long receive_fifo, receive_frame;
	unsigned long long transmit_bytes, transmit_packets, transmit_errors, transmit_dropped;
	unsigned long long transmit_fifo, collisions, carrier;
};

/* One line of /proc/net/dev: "  eth0: 1234 5 0 0 0 0 0 0 5678 6 0 0 0 0 0 0". */
static bool parse_dev_line(char *line, char *name, size_t size, struct interface_counters *c)
{
	char *colon = strchr(line, ':');
	unsigned long long ignored;

	if (!colon)
		return false;
	*colon = '\0';
	while (*line == ' ')
		line++;
	if (strlen(line) >= size)
		return false;
	strcpy(name, line);
	return sscanf(colon + 1,
		      "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu "
		      "%llu %llu",
		      &c->receive_bytes, &c->receive_packets, &c->receive_errors,
		      &c->receive_dropped, &c->receive_fifo, &c->receive_frame, &ignored, &ignored,
		      &c->transmit_bytes, &c->transmit_packets, &c->transmit_errors,
		      &c->transmit_dropped, &c->transmit_fifo, &c->collisions, &c->carrier) == 15;
}

/* "(1.5 KB)": net-tools' way, in powers of 1000. */
static void human_bytes(unsigned long long bytes, char *out, size_t size)
{
	static const char *const units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
	double value = (double)bytes;
	unsigned unit = 0;

	while (value >= 1000 && unit < sizeof(units) / sizeof(units[0]) - 1) {
		value /= 1000;
		unit++;
	}
	snprintf(out, size, "%.1f %s", value, units[unit]);
}

static void print_flags(int flags)
{
	static const struct {
		int bit;
		const char *name;
	} names[] = {
	    {IFF_UP, "UP"},
	    {IFF_BROADCAST, "BROADCAST"},
	    {IFF_DEBUG, "DEBUG"},
	    {IFF_LOOPBACK, "LOOPBACK"},
	    {IFF_POINTOPOINT, "POINTOPOINT"},
	    {IFF_RUNNING, "RUNNING"},
	    {IFF_NOARP, "NOARP"},
	    {IFF_PROMISC, "PROMISC"},
	    {IFF_ALLMULTI, "ALLMULTI"},
	    {IFF_MULTICAST, "MULTICAST"},
	};
	const char *separator = "";

	printf("flags=%d<", flags);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit) {
			printf("%s%s", separator, names[i].name);
			separator = ",";
		}
	printf(">");
}

/* The IPv4 address a SIOCGIF* request puts in REQUEST, as text; false when it failed. */
static bool ipv4_of(int fd, unsigned long request_number, struct ifreq *request, char *out)
{
	if (ioctl(fd, request_number, request))
		return false;
	inet_ntop(AF_INET, &((struct sockaddr_in *)&request->ifr_addr)->sin_addr, out,
		  INET_ADDRSTRLEN);
	return true;
}

static void print_addresses(int fd, const char *name, int flags)
{
	struct ifreq request = {0};
	char address[INET_ADDRSTRLEN], mask[INET_ADDRSTRLEN], broadcast[INET_ADDRSTRLEN];

	snprintf(request.ifr_name, sizeof(request.ifr_name), "%s", name);
	if (!ipv4_of(fd, SIOCGIFADDR, &request, address) || !strcmp(address, "0.0.0.0"))
		return;
	printf("        inet %s", address);
	if (ipv4_of(fd, SIOCGIFNETMASK, &request, mask))
		printf("  netmask %s", mask);
	if ((flags & IFF_BROADCAST) && ipv4_of(fd, SIOCGIFBRDADDR, &request, broadcast))
		printf("  broadcast %s", broadcast);
	printf("\n");
}

static void print_hardware(int fd, const char *name)
{
	struct ifreq request = {0};

	snprintf(request.ifr_name, sizeof(request.ifr_name), "%s", name);
	if (ioctl(fd, SIOCGIFHWADDR, &request))
		return;
	const unsigned char *mac = (const unsigned char *)request.ifr_hwaddr.sa_data;
	if (request.ifr_hwaddr.sa_family == ARPHRD_LOOPBACK)
		printf("        loop  (Local Loopback)\n");
	else if (request.ifr_hwaddr.sa_family == ARPHRD_ETHER)
		printf("        ether %02x:%02x:%02x:%02x:%02x:%02x  (Ethernet)\n", mac[0], mac[1],
		       mac[2], mac[3], mac[4], mac[5]);
}

static void print_counters(const struct interface_counters *c)
{
	char received[32], sent[32];

	human_bytes(c->receive_bytes, received, sizeof(received));
	human_bytes(c->transmit_bytes, sent, sizeof(sent));
	printf("        RX packets %llu  bytes %llu (%s)\n", c->receive_packets, c->receive_bytes,
	       received);
	printf("        RX errors %llu  dropped %llu  overruns %llu  frame %llu\n",
	       c->receive_errors, c->receive_dropped, c->receive_fifo, c->receive_frame);
	printf("        TX packets %llu  bytes %llu (%s)\n", c->transmit_packets, c->transmit_bytes,
	       sent);
	printf("        TX errors %llu  dropped %llu overruns %llu  carrier %llu  collisions "
	       "%llu\n",
	       c->transmit_errors, c->transmit_dropped, c->transmit_fifo, c->carrier,
	       c->collisions);
}

/* One interface's paragraph; -1 (reported) when the kernel does not know it. */
static int show(int fd, const char *name, const struct interface_counters *counters)
{
	struct ifreq request = {0};

	snprintf(request.ifr_name, sizeof(request.ifr_name), "%s", name);
	if (ioctl(fd, SIOCGIFFLAGS, &request)) {
		fprintf(stderr, "ifconfig: %s: error fetching interface information: %s\n", name,
			errno == ENODEV ? "Device not found" : strerror(errno));
		return -1;
	}
	int flags = request.ifr_flags;
	printf("%s: ", name);
	print_flags(flags);
	if (!ioctl(fd, SIOCGIFMTU, &request))
		printf("  mtu %d", request.ifr_mtu);
	printf("\n");
	print_addresses(fd, name, flags);
	print_hardware(fd, name);
	if (counters)
		print_counters(counters);
	printf("\n");
	return ferror(stdout) ? -1 : 0;
}

/* Every interface of /proc/net/dev, or only WANTED; 0, or 1 after an error. */
static int show_all(int fd, const char *wanted)
{
	FILE *dev = fopen("/proc/net/dev", "r");
	struct interface_counters counters;
	char line[512], name[IFNAMSIZ + 1];
	int status = 0;
	bool found = false;

	if (!dev) {
		fprintf(stderr, "ifconfig: /proc/net/dev: %s\n", strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), dev))
		if (parse_dev_line(line, name, sizeof(name), &counters) &&
		    (!wanted || !strcmp(name, wanted))) {
			found = true;
			if (show(fd, name, &counters))
				status = 1;
		}
	fclose(dev);
	/* An interface the kernel knows but does not list: shown without counters. */
	if (wanted && !found && show(fd, wanted, NULL))
		status = 1;
	return status;
}

int ifconfig_main(int argc, char **argv)
{
	int option;

	while ((option = getopt(argc, argv, "a")) != -1)
		if (option == '?')
			return 2;
	if (argc - optind > 1) {
		fprintf(stderr, "ifconfig: only showing interfaces is supported\n");
		return 2;
	}
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		fprintf(stderr, "ifconfig: socket: %s\n", strerror(errno));
		return 1;
	}
	int status = show_all(fd, optind < argc ? argv[optind] : NULL);
	close(fd);
	return status;
}
