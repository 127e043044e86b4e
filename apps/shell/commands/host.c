// SPDX-License-Identifier: MIT
/* host NAME: NAME's addresses through getaddrinfo (musl reads /etc/hosts, then asks the
 * servers of /etc/resolv.conf), IPv4 first, each once, as "NAME has address A.B.C.D" and
 * "NAME has IPv6 address ...". Status 1 with "host: NAME: not found" (or the resolver's own
 * error) when it has none. */
#include <arpa/inet.h>
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

int host_main(int argc, char **argv)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *addresses;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "host: usage: host NAME\n");
		return 2;
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
