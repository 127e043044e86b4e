// SPDX-License-Identifier: MIT
/* Helpers the network commands share (apps/shell/commands/network.c): names to addresses
 * through getaddrinfo, connecting with a timeout that Ctrl-C cuts short, and addresses as
 * text. Errors are reported on the command's stderr as "COMMAND: ...". */
#ifndef YOLK_SHELL_COMMANDS_NETWORK_H
#define YOLK_SHELL_COMMANDS_NETWORK_H

#include <netdb.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/* The addresses of HOST (a name or a numeric address) for SOCKTYPE and PORT (NULL: none),
 * of FAMILY (AF_UNSPEC: any); NULL after reporting why there are none. */
struct addrinfo *network_resolve(const char *command, const char *host, const char *port,
				 int family, int socktype);
/* A socket connected to one of ADDRESSES (each tried in turn), from LOCAL_PORT (0: any),
 * waiting at most TIMEOUT_MS for each (-1: the system's own timeout); -1 after reporting the
 * last failure as "COMMAND: connect to HOST port PORT: reason". */
int network_connect(const char *command, const struct addrinfo *addresses, const char *host,
		    const char *port, unsigned local_port, int timeout_ms);
/* "10.0.2.2" or "::1" (without the port). */
void network_address_text(const struct sockaddr *address, char *out, size_t size);
/* Parses a port number (1-65535); false when TEXT is not one. */
bool network_parse_port(const char *text, unsigned *port);
/* Parses seconds (fractions allowed, positive); false when TEXT is not such a number. */
bool network_parse_seconds(const char *text, double *seconds);

#endif
