// SPDX-License-Identifier: MIT
/* netstat [-t] [-u] [-l] [-a] [-n]: the TCP and UDP sockets of /proc/net/tcp, tcp6, udp and
 * udp6 as net-tools' netstat prints them: protocol, Recv-Q, Send-Q, local and foreign
 * address:port, state. As there: connected sockets by default, -l the listening ones only
 * (for UDP, those without a peer), -a both; -t and -u choose the protocols (both when
 * neither is given). Addresses are always numeric (-n is accepted). */
#include "../command.h"
#include "socket_table.h"

struct netstat_options {
	bool tcp, udp, listening, connected;
};

static bool is_server(const struct socket_row *row, bool tcp)
{
	static const uint8_t zero[16];

	if (tcp)
		return row->state == SOCKET_TABLE_LISTEN;
	return !row->remote.port && !memcmp(row->remote.address, zero, sizeof(zero));
}

static void print_row(const char *protocol, const struct socket_row *row, bool tcp)
{
	char local[64], remote[64];
	const char *state = tcp ? socket_table_tcp_state(row->state)
			    : row->state == SOCKET_TABLE_ESTABLISHED ? "ESTABLISHED"
								     : "";

	socket_table_endpoint(&row->local, row->six, local, sizeof(local));
	socket_table_endpoint(&row->remote, row->six, remote, sizeof(remote));
	printf("%-5s %6lu %6lu %-23s %-23s %s\n", protocol, row->receive_queue, row->send_queue,
	       local, remote, state);
}

/* The sockets of /proc/net/PROTOCOL that OPTIONS asks for; -1 (reported) when it cannot be
 * read. */
static int list(const char *protocol, bool tcp, bool six, const struct netstat_options *options)
{
	char path[32], line[512];
	struct socket_row row;

	snprintf(path, sizeof(path), "/proc/net/%s", protocol);
	FILE *file = fopen(path, "r");
	if (!file) {
		fprintf(stderr, "netstat: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), file))
		if (socket_table_parse(line, six, &row) &&
		    (is_server(&row, tcp) ? options->listening : options->connected))
			print_row(protocol, &row, tcp);
	fclose(file);
	return 0;
}

int netstat_main(int argc, char **argv)
{
	struct netstat_options options = {false, false, false, true};
	int option, status = 0;

	while ((option = getopt(argc, argv, "tulan")) != -1) {
		if (option == '?')
			return 2;
		options.tcp |= option == 't';
		options.udp |= option == 'u';
		if (option == 'l')
			options.listening = true, options.connected = false;
		if (option == 'a')
			options.listening = options.connected = true;
	}
	if (optind < argc) {
		fprintf(stderr, "netstat: unexpected '%s'\n", argv[optind]);
		return 2;
	}
	if (!options.tcp && !options.udp)
		options.tcp = options.udp = true;
	printf("Active Internet connections (%s)\n", !options.connected	 ? "only servers"
						     : options.listening ? "servers and established"
									 : "w/o servers");
	printf("Proto Recv-Q Send-Q Local Address           Foreign Address         State\n");
	if (options.tcp &&
	    (list("tcp", true, false, &options) | list("tcp6", true, true, &options)))
		status = 1;
	if (options.udp &&
	    (list("udp", false, false, &options) | list("udp6", false, true, &options)))
		status = 1;
	return ferror(stdout) ? 1 : status;
}
