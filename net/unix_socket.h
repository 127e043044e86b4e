/* SPDX-License-Identifier: MIT */
/* AF_UNIX sockets, inside the kernel (no lwIP): what net/unix_socket.c (the object, its names,
 * creation), net/unix_stream.c (SOCK_STREAM), net/unix_seqpacket.c (SOCK_SEQPACKET: a stream
 * connection carrying records) and net/unix_datagram.c (SOCK_DGRAM) share.
 * Everything runs in system calls with interrupts off (interrupts_save), which on one CPU is
 * the lock; blocking is socket_sleep on a socket's wait queue.
 *
 * Lifetime: a struct unix_socket is counted. Its file holds one reference (an accepted socket
 * waiting in a listener's queue holds it in the file's stead), a connected peer holds one, and
 * so does a thread sleeping on another socket's wait queue. The file's release makes it dead
 * (unbound, disconnected, every sleeper woken); the last put frees it and its struct socket. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lib/byte_ring.h"
#include "lib/list.h"
#include "net/socket.h"

#define UNIX_PATH_OFFSET 2   /* offsetof(struct sockaddr_un, sun_path) */
#define UNIX_ADDRESS_MAX 110 /* sizeof(struct sockaddr_un) */
/* A stream's receive ring: 16 KiB at first, doubled while a writer finds it full, up to 256 KiB
 * (the flow control's bound, as SO_SNDBUF on Linux): idle connections stay small. */
#define UNIX_RING_FIRST_ORDER 2
#define UNIX_RING_ORDER	      6
#define UNIX_RING_SIZE	      (4096u << UNIX_RING_ORDER)
#define UNIX_FIONREAD	      0x541b
#define UNIX_RECORD_HEADER    4 /* SOCK_SEQPACKET: each record's length before its bytes */

/* Shutdown bits, as Linux keeps them: a stream's SHUT_WR sets SEND here and RECEIVE on the
 * peer; a peer's close sets both. */
#define UNIX_SHUT_RECEIVE 1
#define UNIX_SHUT_SEND	  2

enum unix_state {
	UNIX_UNCONNECTED,
	UNIX_LISTENING,
	UNIX_CONNECTED, /* a stream: stays so when the peer goes (peer NULL then) */
};

struct unix_socket {
	struct socket *socket;
	unsigned references;
	bool dead;	 /* its file is gone */
	bool unaccepted; /* released from a listener's queue */
	enum unix_state state;
	unsigned shutdown; /* UNIX_SHUT_* */
	/* Its name (length UNIX_PATH_OFFSET: unnamed); bound ones are on the names list, a path
	 * name with its socket node (a reference on the inode). */
	struct socket_address address;
	struct inode *node;
	struct list_node bound_node;
	bool bound;
	/* A stream's other end, or a datagram socket's default destination (a reference). */
	struct unix_socket *peer;
	/* SOCK_STREAM and SOCK_SEQPACKET: what the peer sent, not yet read (allocated on
	 * connection), and for SOCK_SEQPACKET how many records that is. */
	struct byte_ring ring;
	unsigned ring_order; /* of its frames */
	unsigned records;
	/* Listening: the accepted-to-be connections (struct unix_socket by queue_node). */
	struct list_node pending;
	unsigned pending_count, backlog;
	struct list_node queue_node;
	/* SOCK_DGRAM: received datagrams (struct unix_datagram), their bytes. */
	struct list_node datagrams;
	size_t datagram_bytes;
};

extern const struct socket_operations unix_stream_operations;
extern const struct socket_operations unix_seqpacket_operations;
extern const struct socket_operations unix_datagram_operations;

static inline struct unix_socket *unix_of(struct socket *socket)
{
	return socket->private;
}

/* A new socket of `type` with one reference, or NULL. */
struct unix_socket *unix_socket_new(int type);
void unix_socket_get(struct unix_socket *local);
void unix_socket_put(struct unix_socket *local);
/* Its file is gone (or it was never accepted): unbinds it, runs the type's `close` on it,
 * wakes every sleeper, drops the reference. */
void unix_socket_release(struct unix_socket *local);

/* Checks an application's address: 0, or -EINVAL (length, family). */
int unix_address_check(const struct socket_address *address);
/* The bound socket of `type` an address names, with a reference: -ENOENT (no such path),
 * -ECONNREFUSED (nobody bound there), -EPROTOTYPE (a path bound by another type), or
 * another error of the path's lookup. */
int unix_socket_find(const struct socket_address *address, int type, struct unix_socket **result);
/* The address a receiver is told a message came from: nothing (length 0) for an unnamed sender
 * (or none). */
void unix_sender_address(const struct unix_socket *sender, struct socket_address *address);

/* Operations both types share (net/unix_socket.c). */
int unix_socket_bind(struct socket *socket, const struct socket_address *address);
int unix_socket_name(struct socket *socket, struct socket_address *address, bool peer);
int unix_socket_set_option(struct socket *socket, int level, int name, const void *value,
			   unsigned length);
int unix_socket_get_option(struct socket *socket, int level, int name, void *value,
			   unsigned *length);
void unix_socket_file_release(struct socket *socket);

/* The types' halves of a release (interrupts off): drop connections and queued data. */
void unix_stream_close(struct unix_socket *local);
void unix_datagram_close(struct unix_socket *local);
/* Gives a stream socket its receive ring: 0 or -ENOMEM. */
int unix_stream_allocate(struct unix_socket *local);
/* Doubles a full receive ring (its bytes kept): false at its largest or without memory. */
bool unix_stream_grow(struct unix_socket *local);
/* Connects two new stream sockets (socketpair). */
void unix_stream_join(struct unix_socket *first, struct unix_socket *second);

/* What SOCK_SEQPACKET shares with SOCK_STREAM (net/unix_stream.c), with interrupts off:
 * the connection's operations, and the pieces of a transfer. */
int unix_stream_listen(struct socket *socket, int backlog);
int unix_stream_accept(struct socket *socket, struct socket **accepted,
		       struct socket_address *peer);
int unix_stream_connect(struct socket *socket, const struct socket_address *address);
int unix_stream_shutdown(struct socket *socket, int how);
unsigned unix_stream_poll(struct socket *socket);
long unix_stream_ioctl(struct socket *socket, unsigned long request, void *argument);
/* Blocks a call on `waiter` that cannot go on yet, sleeping on `queue`'s wait queue: 0 to try
 * again, or what the call returns: what it did so far (`done`) if anything, else -EAGAIN (it
 * may not block, or its time is up) or -EINTR. */
long unix_stream_wait(struct socket *waiter, struct socket *queue, unsigned message_flags,
		      uint64_t deadline, size_t done);
/* The pending error (SO_ERROR: a reset), cleared. */
long unix_stream_take_error(struct socket *socket);
/* Whether a send must fail with EPIPE: shut down, or the peer gone or not reading. */
bool unix_stream_cannot_send(const struct unix_socket *local);
/* Copies what fits of the message from byte `done` on into the peer's ring; how much. */
size_t unix_stream_fill_peer(struct unix_socket *local, const struct socket_message *message,
			     size_t done);
/* Copies `length` bytes from `offset` in the ring into the message from byte `done` on. */
void unix_stream_copy_out(const struct byte_ring *ring, size_t offset,
			  const struct socket_message *message, size_t done, size_t length);
