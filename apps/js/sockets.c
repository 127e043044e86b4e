// SPDX-License-Identifier: MIT
/* The http module's native half: non-blocking TCP sockets (listen, accept, connect, read,
 * write, close) that runtime/http.js drives from the event loop's epoll. A member of
 * libyolk-js.a of its own: only images that call js_sockets_register link it, and with it
 * (socket() being called) the network stack. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "interpreter.h"

#define READ_SIZE (64 * 1024)

static void push_address(duk_context *context, const struct sockaddr_storage *address)
{
	char text[INET6_ADDRSTRLEN] = "";
	int port = 0;

	if (address->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)address;

		inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
		port = ntohs(in->sin_port);
	} else if (address->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)address;

		inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof(text));
		port = ntohs(in6->sin6_port);
	}
	duk_push_object(context);
	duk_push_string(context, text);
	duk_put_prop_string(context, -2, "address");
	duk_push_string(context, address->ss_family == AF_INET6 ? "IPv6" : "IPv4");
	duk_put_prop_string(context, -2, "family");
	duk_push_int(context, port);
	duk_put_prop_string(context, -2, "port");
}

/* Resolves HOST (a name or an address) and PORT into ADDRESS; throws on failure. */
static socklen_t resolve(duk_context *context, const char *host, int port,
			 struct sockaddr_storage *address)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *found;
	char service[16];
	socklen_t length;
	int error;

	snprintf(service, sizeof(service), "%d", port);
	error = getaddrinfo(host, service, &hints, &found);
	if (error) {
		duk_push_error_object(context, DUK_ERR_ERROR, "getaddrinfo ENOTFOUND %s (%s)", host,
				      gai_strerror(error));
		duk_push_string(context, "ENOTFOUND");
		duk_put_prop_string(context, -2, "code");
		duk_push_string(context, host);
		duk_put_prop_string(context, -2, "hostname");
		(void)duk_throw(context);
	}
	length = found->ai_addrlen;
	memcpy(address, found->ai_addr, length);
	freeaddrinfo(found);
	return length;
}

/* listen(host, port, backlog) -> {fd, address, family, port} */
static duk_ret_t native_listen(duk_context *context)
{
	const char *host = duk_get_string_default(context, 0, "0.0.0.0");
	int port = duk_require_int(context, 1), one = 1, descriptor;
	struct sockaddr_storage address;
	socklen_t length = resolve(context, host, port, &address);

	descriptor = socket(address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (descriptor < 0)
		return js_throw_errno(context, errno, "socket", NULL);
	setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(descriptor, (struct sockaddr *)&address, length) ||
	    listen(descriptor, duk_get_int_default(context, 2, 511))) {
		int error = errno;

		close(descriptor);
		return js_throw_errno(context, error, "listen", NULL);
	}
	length = sizeof(address);
	getsockname(descriptor, (struct sockaddr *)&address, &length);
	push_address(context, &address);
	duk_push_int(context, descriptor);
	duk_put_prop_string(context, -2, "fd");
	return 1;
}

/* accept(fd) -> {fd, address, family, port}, or null when none is waiting */
static duk_ret_t native_accept(duk_context *context)
{
	struct sockaddr_storage address;
	socklen_t length = sizeof(address);
	int descriptor = accept4(duk_require_int(context, 0), (struct sockaddr *)&address, &length,
				 SOCK_NONBLOCK | SOCK_CLOEXEC);
	int one = 1;

	if (descriptor < 0) {
		if (errno == EAGAIN || errno == EINTR || errno == ECONNABORTED)
			return duk_push_null(context), 1;
		return js_throw_errno(context, errno, "accept", NULL);
	}
	setsockopt(descriptor, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	push_address(context, &address);
	duk_push_int(context, descriptor);
	duk_put_prop_string(context, -2, "fd");
	return 1;
}

/* connect(host, port) -> fd, the connection under way (wait until writable, then
 * connectResult) */
static duk_ret_t native_connect(duk_context *context)
{
	const char *host = duk_require_string(context, 0);
	struct sockaddr_storage address;
	socklen_t length = resolve(context, host, duk_require_int(context, 1), &address);
	int descriptor = socket(address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;

	if (descriptor < 0)
		return js_throw_errno(context, errno, "socket", NULL);
	setsockopt(descriptor, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(descriptor, (struct sockaddr *)&address, length) && errno != EINPROGRESS) {
		int error = errno;

		close(descriptor);
		return js_throw_errno(context, error, "connect", host);
	}
	duk_push_int(context, descriptor);
	return 1;
}

/* connectResult(fd, host): throws the connection's error, if it failed */
static duk_ret_t native_connect_result(duk_context *context)
{
	int error = 0;
	socklen_t length = sizeof(error);

	if (getsockopt(duk_require_int(context, 0), SOL_SOCKET, SO_ERROR, &error, &length))
		error = errno;
	if (error)
		return js_throw_errno(context, error, "connect", duk_get_string(context, 1));
	return 0;
}

/* read(fd) -> a Buffer, null (nothing yet) or an empty Buffer (the end) */
static duk_ret_t native_read(duk_context *context)
{
	int descriptor = duk_require_int(context, 0);
	char *data = duk_push_dynamic_buffer(context, READ_SIZE);
	ssize_t got = read(descriptor, data, READ_SIZE);

	if (got < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return duk_push_null(context), 1;
		return js_throw_errno(context, errno, "read", NULL);
	}
	duk_resize_buffer(context, -1, (duk_size_t)got);
	duk_push_buffer_object(context, -1, 0, (duk_size_t)got, DUK_BUFOBJ_NODEJS_BUFFER);
	return 1;
}

/* write(fd, data, offset) -> bytes written from OFFSET (0 when the socket is full) */
static duk_ret_t native_write(duk_context *context)
{
	int descriptor = duk_require_int(context, 0);
	duk_size_t length, offset = duk_get_uint_default(context, 2, 0);
	const char *data = duk_is_string(context, 1) ? duk_get_lstring(context, 1, &length)
						     : duk_require_buffer_data(context, 1, &length);
	ssize_t written;

	if (offset > length)
		return duk_range_error(context, "offset %lu past the data", (unsigned long)offset);
	written = send(descriptor, data + offset, length - offset, MSG_NOSIGNAL);
	if (written < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return duk_push_int(context, 0), 1;
		return js_throw_errno(context, errno, "write", NULL);
	}
	duk_push_number(context, (double)written);
	return 1;
}

static duk_ret_t native_shutdown(duk_context *context)
{
	shutdown(duk_require_int(context, 0), SHUT_WR);
	return 0;
}

static duk_ret_t native_close(duk_context *context)
{
	close(duk_require_int(context, 0));
	return 0;
}

void js_sockets_register(void *duktape_context)
{
	static const duk_function_list_entry functions[] = {
	    {"listen", native_listen, 3},
	    {"accept", native_accept, 1},
	    {"connect", native_connect, 2},
	    {"connectResult", native_connect_result, 2},
	    {"read", native_read, 1},
	    {"write", native_write, 3},
	    {"shutdown", native_shutdown, 1},
	    {"close", native_close, 1},
	    {NULL, NULL, 0},
	};
	duk_context *context = duktape_context;

	duk_push_object(context);
	duk_put_function_list(context, -1, functions);
	duk_put_prop_string(context, -2, "sockets");
}
