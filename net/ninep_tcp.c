// SPDX-License-Identifier: MIT
/* 9P over TCP (see net/ninep_tcp.h): the transport fs/ninep.c's client speaks through to a
 * server on the network, on a kernel socket (net/socket.h). 9P frames itself: every message
 * starts with size[4] type[1] tag[2]. One exchange at a time holds the connection (its
 * turn; waiters are woken oldest first): it sends the whole request and reads frames until the one
 * with its tag.
 *
 * A signal ends the wait for a turn (-EINTR), not an exchange begun: that ends with its reply,
 * or after a minute of silence from the server (-ETIMEDOUT). The byte stream must stay whole
 * across a timeout: what an exchange that timed out leaves is finished by the next one before
 * its own request. The rest of a request already begun is sent (kept in `unsent`); the rest of
 * a reply already begun is read and dropped (`discard`); a reply whose request was given up on
 * comes later with an old tag and is dropped too. What cannot be repaired (the server closed
 * or reset the connection, or broke the protocol) makes the connection broken: every later
 * exchange fails at once with the error it had. */
#include "net/ninep_tcp.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "kernel/signal.h"
#include "kernel/thread.h"
#include "lib/format.h"
#include "lib/string.h"
#include "lwip/ip_addr.h"
#include "mm/heap.h"
#include "net/inet.h"
#include "net/stack.h"

#define HEADER	       7 /* size[4] type[1] tag[2] */
#define TCP_NODELAY    1
#define TCP_KEEPIDLE   4
#define TCP_KEEPINTVL  5
#define TCP_KEEPCNT    6
#define TIMEOUT_NS     (60 * 1000000000ull) /* a server silent this long has gone */
#define DISCARD_BUFFER 512

struct ninep_tcp {
	struct socket *socket;
	bool busy; /* an exchange holds the connection */
	struct wait_queue turns;
	/* Left by an exchange that timed out, for the next one to finish first. */
	uint8_t *unsent;
	size_t unsent_length, unsent_at;
	uint8_t header[HEADER]; /* of the frame being read */
	size_t header_read;
	size_t discard; /* bytes of the current frame still to drop */
	int broken;	/* -errno once the stream cannot be trusted; 0 while it can */
	char name[32];	/* ADDRESS:PORT, for the log */
};

/* ---- the connection's turn ------------------------------------------------------------------- */

static int take_turn(struct ninep_tcp *connection)
{
	uint64_t flags = interrupts_save();
	int error = 0;

	while (connection->busy && !error)
		if (wait_queue_sleep(&connection->turns, 0) == -EINTR)
			error = -EINTR;
	if (!error)
		connection->busy = true;
	interrupts_restore(flags);
	return error;
}

static void end_turn(struct ninep_tcp *connection)
{
	uint64_t flags = interrupts_save();

	connection->busy = false;
	wait_queue_wake(&connection->turns, 1);
	interrupts_restore(flags);
}

/* ---- the byte stream ---------------------------------------------------------------------------
 */

/* An error that leaves the stream unusable becomes the connection's. -ETIMEDOUT (and -EINTR,
 * should a wait be interrupted) leaves it as it was: the next exchange goes on from there. */
static int fail(struct ninep_tcp *connection, int error)
{
	if (error == -EAGAIN)
		error = -ETIMEDOUT;
	if (error == -EPIPE || error == -ENOTCONN)
		error = -ECONNRESET;
	if (error != -EINTR && error != -ETIMEDOUT && !connection->broken) {
		connection->broken = error;
		pr_warn("9p: %s: the connection is lost (error %d)\n", connection->name, error);
	}
	return error;
}

/* Sends DATA whole; on a timeout after part of it, keeps the rest for later. */
static int send_all(struct ninep_tcp *connection, const uint8_t *data, size_t length)
{
	size_t done = 0;

	while (done < length) {
		long sent =
		    socket_send(connection->socket, data + done, length - done, MSG_NOSIGNAL);
		if (sent > 0) {
			done += (size_t)sent;
			continue;
		}
		if (done && (sent == -EINTR || sent == -EAGAIN)) {
			connection->unsent = heap_alloc(length - done);
			if (!connection->unsent)
				return fail(connection, -ENOMEM);
			memcpy(connection->unsent, data + done, length - done);
			connection->unsent_length = length - done;
			connection->unsent_at = 0;
		}
		return fail(connection, sent ? (int)sent : -ECONNRESET);
	}
	return 0;
}

/* Finishes sending a request an earlier exchange began. */
static int send_unsent(struct ninep_tcp *connection)
{
	while (connection->unsent) {
		size_t left = connection->unsent_length - connection->unsent_at;
		long sent =
		    socket_send(connection->socket, connection->unsent + connection->unsent_at,
				left, MSG_NOSIGNAL);
		if (sent <= 0)
			return fail(connection, sent ? (int)sent : -ECONNRESET);
		connection->unsent_at += (size_t)sent;
		if (connection->unsent_at == connection->unsent_length) {
			heap_free(connection->unsent);
			connection->unsent = NULL;
		}
	}
	return 0;
}

/* Reads up to LENGTH bytes (at least one) into DATA: the count, or -errno (end of stream:
 * the server closed the connection). */
static long receive_some(struct ninep_tcp *connection, void *data, size_t length)
{
	long received = socket_receive(connection->socket, data, length, 0);

	if (received > 0)
		return received;
	return fail(connection, received ? (int)received : -ECONNRESET);
}

/* Drops what is left of the current frame. */
static int drop_rest(struct ninep_tcp *connection)
{
	static uint8_t sink[DISCARD_BUFFER];

	while (connection->discard) {
		long received =
		    receive_some(connection, sink, MIN(connection->discard, sizeof(sink)));
		if (received < 0)
			return (int)received;
		connection->discard -= (size_t)received;
	}
	return 0;
}

/* Reads the next frame's header: its size (checked against CAPACITY) and tag. */
static int read_header(struct ninep_tcp *connection, size_t capacity, uint32_t *size, uint16_t *tag)
{
	while (connection->header_read < HEADER) {
		long received =
		    receive_some(connection, connection->header + connection->header_read,
				 HEADER - connection->header_read);
		if (received < 0)
			return (int)received;
		connection->header_read += (size_t)received;
	}
	connection->header_read = 0;
	memcpy(size, connection->header, 4);
	memcpy(tag, connection->header + 5, 2);
	if (*size < HEADER || *size > capacity) {
		pr_warn("9p: %s: a reply of %u bytes (at most %zu)\n", connection->name, *size,
			capacity);
		return fail(connection, -EIO);
	}
	return 0;
}

/* Reads the body of the frame whose header is in connection->header into REPLY. */
static long read_body(struct ninep_tcp *connection, uint8_t *reply, uint32_t size)
{
	size_t done = HEADER;

	memcpy(reply, connection->header, HEADER);
	while (done < size) {
		long received = receive_some(connection, reply + done, size - done);
		if (received < 0) {
			connection->discard = size - done; /* the next exchange drops the rest */
			return received;
		}
		done += (size_t)received;
	}
	return size;
}

/* ---- the transport ------------------------------------------------------------------------------
 */

static long exchange_in_turn(struct ninep_tcp *connection, const void *request, size_t length,
			     void *reply, size_t capacity)
{
	uint16_t tag, reply_tag;
	uint32_t size;
	int error;

	if (connection->broken)
		return connection->broken;
	if ((error = send_unsent(connection)) || (error = drop_rest(connection)))
		return error;
	if (length < HEADER)
		return -EINVAL;
	memcpy(&tag, (const uint8_t *)request + 5, 2);
	if ((error = send_all(connection, request, length)))
		return error;
	for (;;) {
		if ((error = read_header(connection, capacity, &size, &reply_tag)))
			return error;
		if (reply_tag == tag)
			return read_body(connection, reply, size);
		/* The reply to a request given up on (timed out): dropped. */
		connection->discard = size - HEADER;
		if ((error = drop_rest(connection)))
			return error;
	}
}

static long ninep_tcp_exchange(void *transport, const void *request, size_t request_length,
			       void *reply, size_t reply_capacity)
{
	struct ninep_tcp *connection = transport;
	int error = take_turn(connection);

	if (error)
		return error;
	/* Once begun, an exchange is finished or times out: a signal cutting it short would
	 * leave the operation undone, or done and reported as not, and an application signalled
	 * more often than a reply takes would never get one. */
	signal_hold();
	long result = exchange_in_turn(connection, request, request_length, reply, reply_capacity);
	signal_release();
	end_turn(connection);
	return result;
}

static void ninep_tcp_close(void *transport)
{
	struct ninep_tcp *connection = transport;

	socket_close(connection->socket);
	heap_free(connection->unsent);
	heap_free(connection);
}

static const struct ninep_transport_operations ninep_tcp_operations = {
    .exchange = ninep_tcp_exchange,
    .close = ninep_tcp_close,
};

/* ---- connecting ---------------------------------------------------------------------------- */

static void set_tcp_option(struct socket *socket, int level, int name, int value)
{
	socket_set_option(socket, level, name, &value, sizeof(value));
}

/* A socket connected to ADDRESS:PORT, with what a 9P connection wants: no Nagle delay (a
 * request is one write, its reply awaited), keep-alive probes (a server host that vanished is
 * noticed within a minute or two) and timeouts. */
static int connect_to(const ip_addr_t *ip, unsigned port, struct socket **result)
{
	struct socket_address address;
	int error = socket_create(AF_INET, SOCK_STREAM, 0, result);

	if (error)
		return error;
	struct socket *socket = *result;
	socket->receive_timeout_ns = socket->send_timeout_ns = TIMEOUT_NS;
	socket->no_signal = true;
	set_tcp_option(socket, IPPROTO_TCP, TCP_NODELAY, 1);
	set_tcp_option(socket, SOL_SOCKET, SO_KEEPALIVE, 1);
	set_tcp_option(socket, IPPROTO_TCP, TCP_KEEPIDLE, 30);
	set_tcp_option(socket, IPPROTO_TCP, TCP_KEEPINTVL, 10);
	set_tcp_option(socket, IPPROTO_TCP, TCP_KEEPCNT, 6);
	inet_address_out(socket, ip, (uint16_t)port, &address);
	error = socket_connect(socket, &address);
	if (error == -EINPROGRESS) /* the send timeout ran out first */
		error = -ETIMEDOUT;
	if (error)
		socket_close(socket);
	return error;
}

int ninep_tcp_mount(struct inode *target, const char *address, const struct ninep_options *options)
{
	struct ninep_tcp *connection;
	struct inode *root;
	ip_addr_t ip;

	if (!ip4addr_aton(address, ip_2_ip4(&ip)))
		return -EINVAL; /* a dotted IPv4 address, as Linux's 9p over TCP takes */
	IP_SET_TYPE_VAL(ip, IPADDR_TYPE_V4);
	if (!(connection = heap_alloc_zeroed(sizeof(*connection))))
		return -ENOMEM;
	wait_queue_init(&connection->turns);
	format_snprintf(connection->name, sizeof(connection->name), "%s:%u", address,
			options->port);
	int error = connect_to(&ip, options->port, &connection->socket);
	if (error) {
		pr_info("9p: cannot connect to %s (error %d)\n", connection->name, error);
		heap_free(connection);
		return error;
	}
	if ((error = ninep_attach(&ninep_tcp_operations, connection, options, &root))) {
		pr_info("9p: %s: cannot attach (error %d)\n", address, error);
		return error; /* the connection is closed */
	}
	error = vfs_mount(target, root);
	inode_put(root); /* on failure, the last reference: the connection closes */
	if (!error)
		pr_info("9p: %s mounted\n", connection->name);
	return error;
}
