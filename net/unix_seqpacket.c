// SPDX-License-Identifier: MIT
/* AF_UNIX SOCK_SEQPACKET (see net/unix_socket.h): a stream connection (net/unix_stream.c makes
 * it, listens, accepts, shuts down and polls) whose ring carries records, each its length
 * (UNIX_RECORD_HEADER bytes) then its bytes. A send waits until its whole record fits; a receive
 * takes one record, truncated (MSG_TRUNC) when the buffers are shorter. */
#include "arch/x86_64/cpu.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "lib/string.h"
#include "net/unix_socket.h"

static long seqpacket_send(struct socket *socket, struct socket_message *message)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t deadline = socket_deadline(socket, true);
	uint32_t length = (uint32_t)message->total;
	long result = 0;

	if (message->total > UNIX_RING_SIZE - UNIX_RECORD_HEADER)
		return -EMSGSIZE;
	uint64_t flags = interrupts_save();
	if (local->state != UNIX_CONNECTED) {
		result = -ENOTCONN;
		goto out;
	}
	for (;;) {
		if (socket->error) {
			result = unix_stream_take_error(socket);
			goto out;
		}
		if (unix_stream_cannot_send(local)) {
			socket_broken_pipe(socket, message->flags);
			result = -EPIPE;
			goto out;
		}
		struct byte_ring *ring = &local->peer->ring;
		while (ring->capacity - byte_ring_count(ring) < UNIX_RECORD_HEADER + length &&
		       unix_stream_grow(local->peer))
			;
		if (ring->capacity - byte_ring_count(ring) >= UNIX_RECORD_HEADER + length)
			break;
		if ((result = unix_stream_wait(socket, socket, message->flags, deadline, 0)))
			goto out;
	}
	byte_ring_write(&local->peer->ring, &length, UNIX_RECORD_HEADER);
	unix_stream_fill_peer(local, message, 0);
	local->peer->records++;
	socket_wake(local->peer->socket);
	result = (long)length;
out:
	interrupts_restore(flags);
	return result;
}

static uint32_t record_length(const struct byte_ring *ring)
{
	uint8_t header[UNIX_RECORD_HEADER];
	size_t copied = 0, span_length;
	uint32_t length;

	while (copied < sizeof(header)) {
		const uint8_t *span = byte_ring_stored_span(ring, copied, &span_length);
		for (size_t i = 0; i < span_length && copied < sizeof(header); i++)
			header[copied++] = span[i];
	}
	memcpy(&length, header, sizeof(length));
	return length;
}

/* Takes (or with MSG_PEEK copies) the oldest record into the message: what the call returns. */
static long take_record(struct unix_socket *local, struct socket_message *message)
{
	uint32_t length = record_length(&local->ring);
	size_t copied = MIN((size_t)length, message->total);

	unix_stream_copy_out(&local->ring, UNIX_RECORD_HEADER, message, 0, copied);
	if (copied < length)
		message->flags_out |= MSG_TRUNC;
	if (!(message->flags & MSG_PEEK)) {
		byte_ring_discard(&local->ring, UNIX_RECORD_HEADER + length);
		local->records--;
		if (local->peer && !local->peer->dead)
			socket_wake(local->peer->socket); /* room for its writers */
	}
	return (long)(message->flags & MSG_TRUNC ? length : copied);
}

static long seqpacket_receive(struct socket *socket, struct socket_message *message)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t deadline = socket_deadline(socket, false);
	long result = 0;
	uint64_t flags = interrupts_save();

	if (local->state != UNIX_CONNECTED) {
		result = local->state == UNIX_LISTENING ? -EINVAL : -ENOTCONN;
		goto out;
	}
	if (message->address)
		unix_sender_address(local->peer, message->address);
	while (!local->records) {
		if (local->shutdown & UNIX_SHUT_RECEIVE) {
			result =
			    unix_stream_take_error(socket); /* a reset once, then end of file */
			goto out;
		}
		if ((result = unix_stream_wait(socket, socket, message->flags, deadline, 0)))
			goto out;
	}
	result = take_record(local, message);
out:
	interrupts_restore(flags);
	return result;
}

const struct socket_operations unix_seqpacket_operations = {
    .bind = unix_socket_bind,
    .listen = unix_stream_listen,
    .accept = unix_stream_accept,
    .connect = unix_stream_connect,
    .send = seqpacket_send,
    .receive = seqpacket_receive,
    .shutdown = unix_stream_shutdown,
    .name = unix_socket_name,
    .set_option = unix_socket_set_option,
    .get_option = unix_socket_get_option,
    .poll = unix_stream_poll,
    .ioctl = unix_stream_ioctl,
    .release = unix_socket_file_release,
};
