// SPDX-License-Identifier: MIT
/* AF_UNIX SOCK_STREAM (see net/unix_socket.h). A connection is two sockets pointing at each
 * other; each has a ring of what its peer sent (16 KiB, grown up to 256 KiB), which a send
 * fills in place from the application's buffers (a full ring blocks the writer: flow control,
 * nothing dropped) and a receive empties. connect() makes the server's end at once and queues it on
 * the listener, whose backlog, when full, blocks the connecting thread on the listener's wait
 * queue. A thread sleeps on its own socket; whoever changes what it waits for (data, room, a
 * shutdown, a close, a queued connection) wakes that socket. */
#include "arch/x86_64/cpu.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "net/unix_socket.h"
#include "sys/user_memory.h"

#define SOMAXCONN 4096
#define SIOCOUTQ  0x5411

long unix_stream_wait(struct socket *waiter, struct socket *queue, unsigned message_flags,
		      uint64_t deadline, size_t done)
{
	int error =
	    socket_nonblocking(waiter, message_flags) ? -EAGAIN : socket_sleep(queue, deadline);

	if (!error)
		return 0;
	return done ? (long)done : error == -ETIMEDOUT ? -EAGAIN : error;
}

long unix_stream_take_error(struct socket *socket)
{
	long error = socket->error;

	socket->error = 0;
	return error;
}

void unix_stream_join(struct unix_socket *first, struct unix_socket *second)
{
	unix_socket_get(second);
	first->peer = second;
	first->state = UNIX_CONNECTED;
	unix_socket_get(first);
	second->peer = first;
	second->state = UNIX_CONNECTED;
}

void unix_stream_close(struct unix_socket *local)
{
	struct list_node *node;

	while ((node = list_pop_head(&local->pending))) { /* connections nobody accepted */
		struct unix_socket *connection = list_entry(node, struct unix_socket, queue_node);
		connection->unaccepted = true;
		unix_socket_release(connection);
	}
	local->pending_count = 0;
	if (local->peer) {
		/* As Linux: a close that loses data (unread, or a connection never accepted) is a
		 * reset to the peer. */
		if (byte_ring_count(&local->ring) || local->unaccepted)
			local->peer->socket->error = -ECONNRESET;
		local->peer->shutdown = UNIX_SHUT_RECEIVE | UNIX_SHUT_SEND;
		socket_wake(local->peer->socket);
		unix_socket_put(local->peer);
		local->peer = NULL;
	}
}

int unix_stream_listen(struct socket *socket, int backlog)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t flags = interrupts_save();
	int error = 0;

	if (!local->bound || local->state == UNIX_CONNECTED) {
		error = -EINVAL;
	} else {
		local->backlog = (unsigned)backlog > SOMAXCONN ? SOMAXCONN : (unsigned)backlog;
		local->state = UNIX_LISTENING;
		socket->accepting = true;
		socket_wake(socket); /* connectors waiting for room see the new backlog */
	}
	interrupts_restore(flags);
	return error;
}

static int wait_for_connection(struct unix_socket *local)
{
	uint64_t deadline = socket_deadline(local->socket, false);

	while (list_empty(&local->pending)) {
		if (local->state != UNIX_LISTENING)
			return -EINVAL;
		int error = (int)unix_stream_wait(local->socket, local->socket, 0, deadline, 0);
		if (error)
			return error;
	}
	return 0;
}

int unix_stream_accept(struct socket *socket, struct socket **accepted, struct socket_address *peer)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t flags = interrupts_save();
	int error = local->state == UNIX_LISTENING ? wait_for_connection(local) : -EINVAL;

	if (!error) {
		struct unix_socket *connection =
		    list_entry(list_pop_head(&local->pending), struct unix_socket, queue_node);
		local->pending_count--;
		if (peer)
			*peer = connection->peer->address;
		*accepted = connection->socket;
		socket_wake(socket); /* a connector blocked on the full backlog */
	}
	interrupts_restore(flags);
	return error;
}

/* Waits (on the listener's queue, holding a reference) while its backlog is full. */
static int wait_for_backlog(struct unix_socket *client, struct unix_socket *listener)
{
	uint64_t deadline = socket_deadline(client->socket, true);

	for (;;) {
		if (listener->dead || listener->state != UNIX_LISTENING)
			return -ECONNREFUSED;
		if (listener->pending_count <= listener->backlog)
			return 0;
		int error = (int)unix_stream_wait(client->socket, listener->socket, 0, deadline, 0);
		if (error)
			return error;
	}
}

/* The server's end, connected to the client and queued on the listener. */
static int queue_connection(struct unix_socket *client, struct unix_socket *listener)
{
	struct unix_socket *server = unix_socket_new(listener->socket->type);

	if (!server)
		return -ENOMEM;
	if (unix_stream_allocate(server) || unix_stream_allocate(client)) {
		unix_socket_put(server);
		return -ENOMEM;
	}
	server->address = listener->address;
	server->socket->no_signal = listener->socket->no_signal;
	unix_stream_join(client, server);
	list_add_tail(&listener->pending, &server->queue_node);
	listener->pending_count++;
	socket_wake(listener->socket);
	return 0;
}

int unix_stream_connect(struct socket *socket, const struct socket_address *address)
{
	struct unix_socket *local = unix_of(socket), *listener;
	uint64_t flags = interrupts_save();
	int error = local->state == UNIX_CONNECTED ? -EISCONN
		    : local->state == UNIX_LISTENING
			? -EINVAL
			: unix_socket_find(address, socket->type, &listener);

	if (error)
		goto out;
	error = wait_for_backlog(local, listener);
	if (!error)
		error =
		    local->state == UNIX_CONNECTED ? -EISCONN : queue_connection(local, listener);
	unix_socket_put(listener);
out:
	interrupts_restore(flags);
	return error;
}

bool unix_stream_cannot_send(const struct unix_socket *local)
{
	return (local->shutdown & UNIX_SHUT_SEND) || !local->peer || local->peer->dead ||
	       (local->peer->shutdown & UNIX_SHUT_RECEIVE);
}

size_t unix_stream_fill_peer(struct unix_socket *local, const struct socket_message *message,
			     size_t done)
{
	struct byte_ring *ring = &local->peer->ring;
	size_t copied = 0, room;

	while (done + copied < message->total) {
		void *span = byte_ring_room_span(ring, &room);
		if (!room && unix_stream_grow(local->peer))
			continue;
		if (!room)
			break;
		room = MIN(room, message->total - done - copied);
		socket_message_copy_in(message, done + copied, span, room);
		byte_ring_commit(ring, room);
		copied += room;
	}
	return copied;
}

static long stream_send(struct socket *socket, struct socket_message *message)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t deadline = socket_deadline(socket, true);
	size_t done = 0;
	long result = 0;

	if (message->address && message->address->length) /* a length of 0 is no address */
		return local->state == UNIX_CONNECTED ? -EISCONN : -EOPNOTSUPP;
	uint64_t flags = interrupts_save();
	if (local->state != UNIX_CONNECTED) {
		result = -ENOTCONN;
		goto out;
	}
	do {
		if (socket->error) { /* the peer reset the connection: no SIGPIPE */
			result = done ? (long)done : unix_stream_take_error(socket);
			goto out;
		}
		if (unix_stream_cannot_send(local)) {
			socket_broken_pipe(socket, message->flags);
			result = done ? (long)done : -EPIPE;
			goto out;
		}
		size_t copied = unix_stream_fill_peer(local, message, done);
		if (copied) {
			done += copied;
			socket_wake(local->peer->socket);
			continue;
		}
		if ((result = unix_stream_wait(socket, socket, message->flags, deadline, done)))
			goto out;
	} while (done < message->total);
	result = (long)done;
out:
	interrupts_restore(flags);
	return result;
}

void unix_stream_copy_out(const struct byte_ring *ring, size_t offset,
			  const struct socket_message *message, size_t done, size_t length)
{
	size_t copied = 0, span_length;

	while (copied < length) {
		const void *span = byte_ring_stored_span(ring, offset + copied, &span_length);
		span_length = MIN(span_length, length - copied);
		socket_message_copy_out(message, done + copied, span, span_length);
		copied += span_length;
	}
}

/* One step of a receive: takes (or with MSG_PEEK, copies once enough is there) what the ring
 * has; true when the receive is complete. */
static bool take_some(struct unix_socket *local, struct socket_message *message, size_t target,
		      size_t *done)
{
	size_t have = byte_ring_count(&local->ring);
	bool end = local->shutdown & UNIX_SHUT_RECEIVE;

	if (message->flags & MSG_PEEK) {
		if (have < target && !end)
			return false;
		*done = MIN(have, message->total);
		unix_stream_copy_out(&local->ring, 0, message, 0, *done);
		return true;
	}
	size_t length = MIN(have, message->total - *done);
	if (length) {
		unix_stream_copy_out(&local->ring, 0, message, *done, length);
		byte_ring_discard(&local->ring, length);
		*done += length;
		if (local->peer && !local->peer->dead)
			socket_wake(local->peer->socket); /* room for its writers */
	}
	return *done >= target || end;
}

static long stream_receive(struct socket *socket, struct socket_message *message)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t deadline = socket_deadline(socket, false);
	size_t target = message->flags & MSG_WAITALL ? message->total : 1, done = 0;
	long result = 0;
	uint64_t flags = interrupts_save();

	if (local->state != UNIX_CONNECTED) {
		result = -EINVAL; /* Linux's answer, listening or not connected */
		goto out;
	}
	if (message->address)
		unix_sender_address(local->peer, message->address);
	while (message->total && !take_some(local, message, target, &done)) {
		if ((result = unix_stream_wait(socket, socket, message->flags, deadline, done)))
			goto out;
	}
	/* The data first, then a reset once, then end of file. */
	result = done || !socket->error ? (long)done : unix_stream_take_error(socket);
out:
	interrupts_restore(flags);
	return result;
}

int unix_stream_shutdown(struct socket *socket, int how)
{
	struct unix_socket *local = unix_of(socket);
	unsigned bits = how == SHUT_RD	 ? UNIX_SHUT_RECEIVE
			: how == SHUT_WR ? UNIX_SHUT_SEND
					 : UNIX_SHUT_RECEIVE | UNIX_SHUT_SEND;
	uint64_t flags = interrupts_save();

	local->shutdown |= bits;
	if (local->peer && !local->peer->dead) {
		/* What this end will not read, the peer may not send, and the other way round. */
		local->peer->shutdown |= (bits & UNIX_SHUT_RECEIVE ? UNIX_SHUT_SEND : 0) |
					 (bits & UNIX_SHUT_SEND ? UNIX_SHUT_RECEIVE : 0);
		socket_wake(local->peer->socket);
	}
	socket_wake(socket);
	interrupts_restore(flags);
	return 0;
}

static unsigned connected_events(const struct unix_socket *local)
{
	unsigned events = 0;
	bool room = false;

	if (byte_ring_count(&local->ring))
		events |= POLL_IN | POLL_RDNORM;
	if (local->shutdown & UNIX_SHUT_RECEIVE)
		events |= POLL_IN | POLL_RDNORM | POLL_RDHUP;
	if (local->shutdown == (UNIX_SHUT_RECEIVE | UNIX_SHUT_SEND))
		events |= POLL_HUP;
	if (!unix_stream_cannot_send(local)) /* room now, or once the ring has grown */
		room = byte_ring_count(&local->peer->ring) < UNIX_RING_SIZE;
	if (room || unix_stream_cannot_send(local)) /* a write would not block (it may fail) */
		events |= POLL_OUT | POLL_WRNORM;
	if (local->socket->error)
		events |= POLL_ERR;
	return events;
}

unsigned unix_stream_poll(struct socket *socket)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t flags = interrupts_save();
	unsigned events;

	if (local->state == UNIX_LISTENING)
		events = list_empty(&local->pending) ? 0 : POLL_IN | POLL_RDNORM;
	else if (local->state == UNIX_CONNECTED)
		events = connected_events(local);
	else
		events = POLL_OUT | POLL_WRNORM | POLL_HUP; /* as Linux: never connected */
	interrupts_restore(flags);
	return events;
}

long unix_stream_ioctl(struct socket *socket, unsigned long request, void *argument)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t flags = interrupts_save();
	int value = 0;
	long error = 0;

	if (request != UNIX_FIONREAD && request != SIOCOUTQ)
		error = -ENOTTY;
	else if (local->state == UNIX_LISTENING)
		error = -EINVAL;
	else if (request == UNIX_FIONREAD && local->ring.data) /* a record's header is no data */
		value = (int)(byte_ring_count(&local->ring) - UNIX_RECORD_HEADER * local->records);
	else if (request == SIOCOUTQ && local->peer && !local->peer->dead)
		value = (int)byte_ring_count(&local->peer->ring);
	interrupts_restore(flags);
	return error ? error : copy_to_user(argument, &value, sizeof(value));
}

const struct socket_operations unix_stream_operations = {
    .bind = unix_socket_bind,
    .listen = unix_stream_listen,
    .accept = unix_stream_accept,
    .connect = unix_stream_connect,
    .send = stream_send,
    .receive = stream_receive,
    .shutdown = unix_stream_shutdown,
    .name = unix_socket_name,
    .set_option = unix_socket_set_option,
    .get_option = unix_socket_get_option,
    .poll = unix_stream_poll,
    .ioctl = unix_stream_ioctl,
    .release = unix_socket_file_release,
};
