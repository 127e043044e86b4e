// SPDX-License-Identifier: MIT
/* The lines of /proc/net/tcp, tcp6, udp and udp6 (Linux's format) for netstat
 * (apps/shell/commands/socket_table.c): one socket's addresses, state and queues, and the
 * way netstat prints them. Pure, unit-tested on the host (tests/unit/test_shell_network.c). */
#ifndef YOLK_SHELL_COMMANDS_SOCKET_TABLE_H
#define YOLK_SHELL_COMMANDS_SOCKET_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Linux's TCP states, as /proc/net/tcp numbers them. */
enum {
	SOCKET_TABLE_ESTABLISHED = 1,
	SOCKET_TABLE_CLOSE = 7,
	SOCKET_TABLE_LISTEN = 10,
};

struct socket_endpoint {
	uint8_t address[16]; /* network order: 4 bytes for IPv4, 16 for IPv6 */
	uint16_t port;
};

struct socket_row {
	bool six;
	struct socket_endpoint local, remote;
	unsigned state;
	unsigned long send_queue, receive_queue;
};

/* Parses one line of /proc/net/tcp (SIX false) or tcp6 (true), or their udp twins, into
 * ROW; false for the header line or a malformed one. */
bool socket_table_parse(const char *line, bool six, struct socket_row *row);
/* "10.0.2.15:80", "0.0.0.0:*" (port 0), "::1:22", ":::*": netstat -n's way. */
void socket_table_endpoint(const struct socket_endpoint *endpoint, bool six, char *out,
			   size_t size);
/* "ESTABLISHED", "LISTEN", ... for a TCP state number; "UNKNOWN" for others. */
const char *socket_table_tcp_state(unsigned state);

#endif
