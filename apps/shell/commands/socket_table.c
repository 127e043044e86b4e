// SPDX-License-Identifier: MIT
/* The lines of /proc/net/tcp and friends (see socket_table.h). Linux prints an address as
 * the 32-bit words of its bytes in memory order, in hexadecimal: on x86-64, 127.0.0.1 is
 * 0100007F. Ports are plain hexadecimal numbers. */
#include "socket_table.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

/* "0100007F:0050" (or 32 digits for IPv6) into ENDPOINT; advances *TEXT past it. */
static bool parse_endpoint(const char **text, bool six, struct socket_endpoint *endpoint)
{
	unsigned words[4] = {0, 0, 0, 0}, port;
	int used = 0;

	memset(endpoint, 0, sizeof(*endpoint));
	if (six ? sscanf(*text, " %8x%8x%8x%8x:%4x%n", &words[0], &words[1], &words[2], &words[3],
			 &port, &used) != 5
		: sscanf(*text, " %8x:%4x%n", &words[0], &port, &used) != 2)
		return false;
	/* Each word's bytes, least significant first: memory order on x86-64. */
	for (unsigned i = 0; i < (six ? 4u : 1u); i++)
		for (unsigned b = 0; b < 4; b++)
			endpoint->address[i * 4 + b] = (uint8_t)(words[i] >> (8 * b));
	endpoint->port = (uint16_t)port;
	*text += used;
	return **text == ' ';
}

bool socket_table_parse(const char *line, bool six, struct socket_row *row)
{
	unsigned slot;
	int used = 0;

	memset(row, 0, sizeof(*row));
	row->six = six;
	if (sscanf(line, " %u: %n", &slot, &used) != 1 || !used)
		return false;
	line += used;
	if (!parse_endpoint(&line, six, &row->local) || !parse_endpoint(&line, six, &row->remote))
		return false;
	return sscanf(line, " %x %lx:%lx", &row->state, &row->send_queue, &row->receive_queue) == 3;
}

void socket_table_endpoint(const struct socket_endpoint *endpoint, bool six, char *out, size_t size)
{
	char address[INET6_ADDRSTRLEN];

	inet_ntop(six ? AF_INET6 : AF_INET, endpoint->address, address, sizeof(address));
	if (endpoint->port)
		snprintf(out, size, "%s:%u", address, endpoint->port);
	else
		snprintf(out, size, "%s:*", address);
}

const char *socket_table_tcp_state(unsigned state)
{
	static const char *const names[] = {
	    [1] = "ESTABLISHED", [2] = "SYN_SENT",  [3] = "SYN_RECV", [4] = "FIN_WAIT1",
	    [5] = "FIN_WAIT2",	 [6] = "TIME_WAIT", [7] = "CLOSE",    [8] = "CLOSE_WAIT",
	    [9] = "LAST_ACK",	 [10] = "LISTEN",   [11] = "CLOSING", [12] = "NEW_SYN_RECV",
	};

	return state < sizeof(names) / sizeof(names[0]) && names[state] ? names[state] : "UNKNOWN";
}
