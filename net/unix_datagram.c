// SPDX-License-Identifier: MIT
/* AF_UNIX SOCK_DGRAM (see net/unix_socket.h): each socket keeps a queue of the datagrams sent
 * to it, each a copy with its sender's name, bounded in bytes by its SO_RCVBUF. A sender whose
 * destination is full sleeps on the destination's wait queue (holding a reference on it) or
 * gets EAGAIN; nothing is dropped. A short receive truncates the datagram (MSG_TRUNC). */
#include "arch/x86_64/cpu.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "mm/heap.h"
#include "net/unix_socket.h"
#include "sys/user_memory.h"

struct unix_datagram {
	struct list_node node;
	size_t length;
	struct socket_address from;
	uint8_t data[];
};

static struct unix_datagram *first_datagram(const struct unix_socket *local)
{
	return list_entry(local->datagrams.next, struct unix_datagram, node);
}

static void drop_first(struct unix_socket *local)
{
	struct unix_datagram *datagram = first_datagram(local);

	list_remove(&datagram->node);
	local->datagram_bytes -= datagram->length;
	heap_free(datagram);
}

void unix_datagram_close(struct unix_socket *local)
{
	while (!list_empty(&local->datagrams))
		drop_first(local);
	if (local->peer)
		unix_socket_put(local->peer);
	local->peer = NULL;
}

static bool has_room(const struct unix_socket *local, size_t length)
{
	return list_empty(&local->datagrams) ||
	       local->datagram_bytes + length <= local->socket->receive_buffer;
}

static int datagram_connect(struct socket *socket, const struct socket_address *address)
{
	struct unix_socket *local = unix_of(socket), *target = NULL;
	uint64_t flags = interrupts_save();
	int error = 0;

	if (address->length < UNIX_PATH_OFFSET || address->family != AF_UNSPEC)
		error = unix_socket_find(address, SOCK_DGRAM, &target);
	if (!error) { /* AF_UNSPEC: disconnects */
		if (local->peer)
			unix_socket_put(local->peer);
		local->peer = target;
		local->state = target ? UNIX_CONNECTED : UNIX_UNCONNECTED;
	}
	interrupts_restore(flags);
	return error;
}

/* The destination of a send, with a reference: its address or the connected peer. */
static int destination(struct unix_socket *local, const struct socket_message *message,
		       struct unix_socket **result)
{
	if (message->address && message->address->length) /* a length of 0 is no address */
		return unix_socket_find(message->address, SOCK_DGRAM, result);
	if (!local->peer)
		return -ENOTCONN;
	if (local->peer->dead) { /* Linux: refused once, then not connected */
		unix_socket_put(local->peer);
		local->peer = NULL;
		local->state = UNIX_UNCONNECTED;
		return -ECONNREFUSED;
	}
	unix_socket_get(local->peer);
	*result = local->peer;
	return 0;
}

/* Waits for room in the destination's queue: 0 or -errno. */
static int wait_for_room(struct unix_socket *local, struct unix_socket *target,
			 const struct socket_message *message)
{
	uint64_t deadline = socket_deadline(local->socket, true);

	for (;;) {
		if (target->dead)
			return -ECONNREFUSED;
		if (target->shutdown & UNIX_SHUT_RECEIVE)
			return -EPIPE;
		if (target->peer && target->peer != local)
			return -EPERM; /* it takes datagrams from its peer only */
		if (has_room(target, message->total))
			return 0;
		if (socket_nonblocking(local->socket, message->flags))
			return -EAGAIN;
		int error = socket_sleep(target->socket, deadline);
		if (error)
			return error == -ETIMEDOUT ? -EAGAIN : error;
	}
}

static long deliver(struct unix_socket *local, struct unix_socket *target,
		    const struct socket_message *message)
{
	int error = wait_for_room(local, target, message);

	if (error)
		return error;
	struct unix_datagram *datagram = heap_alloc(sizeof(*datagram) + message->total);
	if (!datagram)
		return -ENOBUFS;
	datagram->length = message->total;
	unix_sender_address(local, &datagram->from);
	socket_message_copy_in(message, 0, datagram->data, message->total);
	list_add_tail(&target->datagrams, &datagram->node);
	target->datagram_bytes += message->total;
	socket_wake(target->socket);
	return (long)message->total;
}

static long datagram_send(struct socket *socket, struct socket_message *message)
{
	struct unix_socket *local = unix_of(socket), *target;
	long result;

	if (message->total > socket->send_buffer)
		return -EMSGSIZE;
	uint64_t flags = interrupts_save();
	if (local->shutdown & UNIX_SHUT_SEND)
		result = -EPIPE;
	else if (!(result = destination(local, message, &target))) {
		result = deliver(local, target, message);
		unix_socket_put(target);
	}
	if (result == -EPIPE)
		socket_broken_pipe(socket, message->flags);
	interrupts_restore(flags);
	return result;
}

static int wait_for_datagram(struct unix_socket *local, unsigned message_flags)
{
	uint64_t deadline = socket_deadline(local->socket, false);

	while (list_empty(&local->datagrams)) {
		if (local->shutdown & UNIX_SHUT_RECEIVE)
			return 1; /* end of file */
		if (socket_nonblocking(local->socket, message_flags))
			return -EAGAIN;
		int error = socket_sleep(local->socket, deadline);
		if (error)
			return error == -ETIMEDOUT ? -EAGAIN : error;
	}
	return 0;
}

static long datagram_receive(struct socket *socket, struct socket_message *message)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t flags = interrupts_save();
	long result = wait_for_datagram(local, message->flags);

	if (result) {
		result = result > 0 ? 0 : result;
		goto out;
	}
	struct unix_datagram *datagram = first_datagram(local);
	size_t copied = socket_message_copy_out(message, 0, datagram->data,
						MIN(datagram->length, message->total));
	if (copied < datagram->length)
		message->flags_out |= MSG_TRUNC;
	if (message->address)
		*message->address = datagram->from;
	/* With MSG_TRUNC the whole length, as Linux does. */
	result = (long)(message->flags & MSG_TRUNC ? datagram->length : copied);
	if (!(message->flags & MSG_PEEK)) {
		drop_first(local);
		socket_wake(socket); /* senders waiting for room sleep here */
		if (local->peer && !local->peer->dead)
			socket_wake(local->peer->socket); /* its pollers waiting for POLLOUT */
	}
out:
	interrupts_restore(flags);
	return result;
}

static int datagram_shutdown(struct socket *socket, int how)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t flags = interrupts_save();

	local->shutdown |= how == SHUT_RD   ? UNIX_SHUT_RECEIVE
			   : how == SHUT_WR ? UNIX_SHUT_SEND
					    : UNIX_SHUT_RECEIVE | UNIX_SHUT_SEND;
	socket_wake(socket);
	interrupts_restore(flags);
	return 0;
}

static unsigned datagram_poll(struct socket *socket)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t flags = interrupts_save();
	unsigned events = 0;

	if (!list_empty(&local->datagrams))
		events |= POLL_IN | POLL_RDNORM;
	if (local->shutdown & UNIX_SHUT_RECEIVE)
		events |= POLL_IN | POLL_RDNORM | POLL_RDHUP;
	if (local->shutdown == (UNIX_SHUT_RECEIVE | UNIX_SHUT_SEND))
		events |= POLL_HUP;
	/* Writable with a quarter of the peer's queue free, as Linux reports room. */
	if (!local->peer || local->peer->dead ||
	    has_room(local->peer, local->peer->socket->receive_buffer / 4))
		events |= POLL_OUT | POLL_WRNORM;
	interrupts_restore(flags);
	return events;
}

static long datagram_ioctl(struct socket *socket, unsigned long request, void *argument)
{
	struct unix_socket *local = unix_of(socket);
	int value = 0;

	if (request != UNIX_FIONREAD)
		return -ENOTTY;
	/* Linux: the size of the next datagram. */
	uint64_t flags = interrupts_save();
	if (!list_empty(&local->datagrams))
		value = (int)first_datagram(local)->length;
	interrupts_restore(flags);
	return copy_to_user(argument, &value, sizeof(value));
}

static int datagram_listen(struct socket *socket, int backlog)
{
	(void)socket, (void)backlog;
	return -EOPNOTSUPP;
}

static int datagram_accept(struct socket *socket, struct socket **accepted,
			   struct socket_address *peer)
{
	(void)socket, (void)accepted, (void)peer;
	return -EOPNOTSUPP;
}

const struct socket_operations unix_datagram_operations = {
    .bind = unix_socket_bind,
    .listen = datagram_listen,
    .accept = datagram_accept,
    .connect = datagram_connect,
    .send = datagram_send,
    .receive = datagram_receive,
    .shutdown = datagram_shutdown,
    .name = unix_socket_name,
    .set_option = unix_socket_set_option,
    .get_option = unix_socket_get_option,
    .poll = datagram_poll,
    .ioctl = datagram_ioctl,
    .release = unix_socket_file_release,
};
