// SPDX-License-Identifier: MIT
/* host NAME|ADDRESS: NAME's addresses through getaddrinfo (musl reads /etc/hosts, then asks the
 * servers of /etc/resolv.conf), IPv4 first, each once, as "NAME has address A.B.C.D" and
 * "NAME has IPv6 address ...". Status 1 with "host: NAME: not found" (or the resolver's own
 * error) when it has none. A numeric address is looked up the other way (getnameinfo):
 * "1.0.0.127.in-addr.arpa domain name pointer localhost.". */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netdb.h>
#include <sys/socket.h>
#include "../command.h"
#include "network.h"

/* Prints NAME's addresses of FAMILY, skipping those printed just before (getaddrinfo gives
 * one per socket type unless told one). */
static void print_family(const char *name, const struct addrinfo *addresses, int family)
{
	char text[INET6_ADDRSTRLEN], last[INET6_ADDRSTRLEN] = "";

	for (const struct addrinfo *address = addresses; address; address = address->ai_next) {
		if (address->ai_family != family)
			continue;
		network_address_text(address->ai_addr, text, sizeof(text));
		if (!strcmp(text, last))
			continue;
		printf("%s has %saddress %s\n", name, family == AF_INET6 ? "IPv6 " : "", text);
		strcpy(last, text);
	}
}

/* The reverse name of a numeric address: "1.0.0.127.in-addr.arpa", or the nibbles of an IPv6
 * one under ip6.arpa. */
static void reverse_name(const struct addrinfo *address, char *out, size_t size)
{
	size_t used = 0;

	if (address->ai_family == AF_INET) {
		const unsigned char *bytes =
		    (const unsigned char *)&((struct sockaddr_in *)address->ai_addr)->sin_addr;
		snprintf(out, size, "%u.%u.%u.%u.in-addr.arpa", bytes[3], bytes[2], bytes[1],
			 bytes[0]);
		return;
	}
	const unsigned char *bytes =
	    (const unsigned char *)&((struct sockaddr_in6 *)address->ai_addr)->sin6_addr;
	for (int i = 15; i >= 0 && used + 4 < size; i--)
		used += (size_t)snprintf(out + used, size - used, "%x.%x.", bytes[i] & 15,
					 bytes[i] >> 4);
	snprintf(out + used, size - used, "ip6.arpa");
}

static int look_up_address(const char *text, const struct addrinfo *address)
{
	char name[NI_MAXHOST], reverse[80];

	reverse_name(address, reverse, sizeof(reverse));
	int error = getnameinfo(address->ai_addr, address->ai_addrlen, name, sizeof(name), NULL, 0,
				NI_NAMEREQD);
	if (error) {
		fprintf(stderr, "host: %s: %s\n", text,
			error == EAI_NONAME ? "not found" : gai_strerror(error));
		return 1;
	}
	printf("%s domain name pointer %s.\n", reverse, name);
	return 0;
}

int host_main(int argc, char **argv)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *addresses;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "host: usage: host NAME|ADDRESS\n");
		return 2;
	}
	struct addrinfo numeric = {.ai_flags = AI_NUMERICHOST}, *address;
	if (!getaddrinfo(argv[1], NULL, &numeric, &address)) {
		int status = look_up_address(argv[1], address);
		freeaddrinfo(address);
		return status;
	}
	int error = getaddrinfo(argv[1], NULL, &hints, &addresses);
	if (error) {
		fprintf(stderr, "host: %s: %s\n", argv[1],
			error == EAI_NONAME   ? "not found"
			: error == EAI_SYSTEM ? strerror(errno)
					      : gai_strerror(error));
		return 1;
	}
	print_family(argv[1], addresses, AF_INET);
	print_family(argv[1], addresses, AF_INET6);
	freeaddrinfo(addresses);
	return ferror(stdout) ? 1 : 0;
}
