// SPDX-License-Identifier: MIT
/* Helpers the network commands share (see network.h). */
#include "network.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include "../command.h"

struct addrinfo *network_resolve(const char *command, const char *host, const char *port,
				 int family, int socktype)
{
	struct addrinfo hints = {.ai_family = family, .ai_socktype = socktype}, *result = NULL;
	int error = getaddrinfo(host, port, &hints, &result);

	if (error) {
		fprintf(stderr, "%s: %s: %s\n", command, host,
			error == EAI_SYSTEM ? strerror(errno) : gai_strerror(error));
		return NULL;
	}
	return result;
}

/* Waits for a non-blocking connect on FD; 0 or an errno value. */
static int finish_connect(int fd, int timeout_ms)
{
	struct pollfd wait = {fd, POLLOUT, 0};
	int error = 0;
	socklen_t length = sizeof(error);

	for (;;) {
		int ready = poll(&wait, 1, timeout_ms);
		if (ready > 0)
			break;
		if (!ready)
			return ETIMEDOUT;
		if (errno != EINTR || command_interrupted())
			return errno;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length))
		return errno;
	return error;
}

/* Binds FD to LOCAL_PORT on every address of FAMILY; 0 or an errno value. */
static int bind_port(int fd, int family, unsigned local_port)
{
	struct sockaddr_in6 any6 = {.sin6_family = AF_INET6, .sin6_port = htons(local_port)};
	struct sockaddr_in any4 = {.sin_family = AF_INET, .sin_port = htons(local_port)};
	int on = 1;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (family == AF_INET6 ? bind(fd, (struct sockaddr *)&any6, sizeof(any6))
			       : bind(fd, (struct sockaddr *)&any4, sizeof(any4)))
		return errno;
	return 0;
}

/* A socket connected to ADDRESS from LOCAL_PORT (0: any), or -1 with errno set. */
static int connect_one(const struct addrinfo *address, unsigned local_port, int timeout_ms)
{
	int fd = socket(address->ai_family, address->ai_socktype, address->ai_protocol);
	int error = 0;

	if (fd < 0)
		return -1;
	if (local_port && (error = bind_port(fd, address->ai_family, local_port))) {
		close(fd);
		errno = error;
		return -1;
	}
	int flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (connect(fd, address->ai_addr, address->ai_addrlen))
		error = errno == EINPROGRESS ? finish_connect(fd, timeout_ms) : errno;
	fcntl(fd, F_SETFL, flags);
	if (error) {
		close(fd);
		errno = error;
		return -1;
	}
	return fd;
}

int network_connect(const char *command, const struct addrinfo *addresses, const char *host,
		    const char *port, unsigned local_port, int timeout_ms)
{
	int error = EADDRNOTAVAIL;

	for (const struct addrinfo *address = addresses; address; address = address->ai_next) {
		int fd = connect_one(address, local_port, timeout_ms);
		if (fd >= 0)
			return fd;
		error = errno;
		if (command_interrupted())
			return -1;
	}
	fprintf(stderr, "%s: connect to %s port %s: %s\n", command, host, port, strerror(error));
	return -1;
}

void network_address_text(const struct sockaddr *address, char *out, size_t size)
{
	const void *bytes = address->sa_family == AF_INET6
				? (const void *)&((const struct sockaddr_in6 *)address)->sin6_addr
				: (const void *)&((const struct sockaddr_in *)address)->sin_addr;

	if (!inet_ntop(address->sa_family, bytes, out, (socklen_t)size))
		snprintf(out, size, "?");
}

bool network_parse_port(const char *text, unsigned *port)
{
	char *end;
	long value = strtol(text, &end, 10);

	if (!*text || *end || value < 1 || value > 65535)
		return false;
	*port = (unsigned)value;
	return true;
}

bool network_parse_seconds(const char *text, double *seconds)
{
	char *end;

	*seconds = strtod(text, &end);
	return *text && !*end && isfinite(*seconds) && *seconds > 0 && *seconds < 1e6;
}
