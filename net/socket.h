/* SPDX-License-Identifier: MIT */
/* Sockets: the object behind a socket file descriptor, whatever its family. sys/socket.c
 * decodes the Linux ABI (copies addresses and option values in and out, checks the buffers of
 * a message) and calls the family's operations through these types; net/socket.c makes the
 * file, keeps the options every family shares (SOL_SOCKET) and the waiting. Families:
 * net/inet_tcp.c, net/inet_udp.c, net/inet_ping.c (lwIP), net/unix_socket.c (in the kernel).
 * Everything here runs in system calls; a family that lwIP drives takes the network lock
 * (net/stack.h) around lwIP calls. Operations return 0, a count, or -errno. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fs/devices.h"
#include "fs/poll.h"
#include "fs/vfs.h"
#include "include/uapi/linux.h"
#include "kernel/thread.h"

/* Linux's values. */
#define AF_UNSPEC 0
#define AF_UNIX	  1
#define AF_INET	  2
#define AF_INET6  10

#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_RAW       3
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK  04000
#define SOCK_CLOEXEC   02000000

#define MSG_OOB		 0x1
#define MSG_PEEK	 0x2
#define MSG_DONTROUTE	 0x4
#define MSG_CTRUNC	 0x8
#define MSG_TRUNC	 0x20
#define MSG_DONTWAIT	 0x40
#define MSG_EOR		 0x80
#define MSG_WAITALL	 0x100
#define MSG_NOSIGNAL	 0x4000
#define MSG_MORE	 0x8000
#define MSG_WAITFORONE	 0x10000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SHUT_RD	  0
#define SHUT_WR	  1
#define SHUT_RDWR 2

#define SOL_SOCKET    1
#define SO_DEBUG      1
#define SO_REUSEADDR  2
#define SO_TYPE	      3
#define SO_ERROR      4
#define SO_DONTROUTE  5
#define SO_BROADCAST  6
#define SO_SNDBUF     7
#define SO_RCVBUF     8
#define SO_KEEPALIVE  9
#define SO_OOBINLINE  10
#define SO_LINGER     13
#define SO_REUSEPORT  15
#define SO_PASSCRED   16
#define SO_PEERCRED   17
#define SO_RCVLOWAT   18
#define SO_SNDLOWAT   19
#define SO_RCVTIMEO   20
#define SO_SNDTIMEO   21
#define SO_ACCEPTCONN 30
#define SO_PROTOCOL   38
#define SO_DOMAIN     39

/* The largest address any family has (struct sockaddr_storage). */
#define SOCKET_ADDRESS_MAX 128

/* An address in kernel memory, as the application's struct sockaddr_* bytes. */
struct socket_address {
	uint32_t length;
	union {
		uint16_t family;
		uint8_t bytes[SOCKET_ADDRESS_MAX];
	};
};

/* One send or receive: the application's buffers (already checked by sys/socket.c for the
 * direction of the transfer), the peer's address (to send to, or filled in on receipt: NULL
 * when the caller gave none), MSG_* flags in, and on receipt the MSG_TRUNC/MSG_CTRUNC/MSG_EOR
 * flags out. */
struct socket_message {
	const struct linux_iovec *vector;
	int count;
	size_t total; /* the sum of the vector's lengths */
	struct socket_address *address;
	unsigned flags;
	unsigned flags_out;
};

struct socket;

struct socket_operations {
	int (*bind)(struct socket *socket, const struct socket_address *address);
	int (*listen)(struct socket *socket, int backlog);
	/* A connection from the queue, as a new socket (without a file yet); its peer's address
	 * into `peer` (may be NULL). Blocks unless the socket is non-blocking. */
	int (*accept)(struct socket *socket, struct socket **accepted, struct socket_address *peer);
	int (*connect)(struct socket *socket, const struct socket_address *address);
	long (*send)(struct socket *socket, struct socket_message *message);
	long (*receive)(struct socket *socket, struct socket_message *message);
	int (*shutdown)(struct socket *socket, int how);
	/* getsockname (peer false) and getpeername (peer true). */
	int (*name)(struct socket *socket, struct socket_address *address, bool peer);
	/* Options other than the SOL_SOCKET ones net/socket.c keeps; the value in kernel memory.
	 * -ENOPROTOOPT for an option the family does not have. */
	int (*set_option)(struct socket *socket, int level, int name, const void *value,
			  unsigned length);
	int (*get_option)(struct socket *socket, int level, int name, void *value,
			  unsigned *length);
	/* POLL_* events now (net/socket.c has registered the poller on socket->pollers, and
	 * holds the network lock: this only reads, and calls nothing that sends). */
	unsigned (*poll)(struct socket *socket);
	/* Requests the family answers (FIONREAD, SIOC*): the argument is the application's
	 * pointer, unchecked. -ENOTTY otherwise. */
	long (*ioctl)(struct socket *socket, unsigned long request, void *argument);
	/* The last file reference is gone: close (lingering data is still delivered), free. */
	void (*release)(struct socket *socket);
};

struct socket {
	int family, type, protocol;
	const struct socket_operations *ops;
	struct file *file; /* its file (no reference), NULL until it has one */
	uint64_t receive_timeout_ns, send_timeout_ns; /* 0: wait for ever */
	uint32_t receive_buffer, send_buffer;	      /* SO_RCVBUF, SO_SNDBUF as set */
	int error;				      /* the pending SO_ERROR */
	bool reuse_address, reuse_port, keepalive, broadcast, accepting, no_signal;
	struct {
		bool on;
		int seconds;
	} linger;
	struct poll_waiters pollers;
	struct wait_queue waiters; /* threads blocked in its operations */
	void *private;		   /* the family's own state */
};

/* A socket of `family`, `type` (without SOCK_NONBLOCK/SOCK_CLOEXEC) and `protocol`, without a
 * file: what socket(2) makes before it installs one, and what the kernel uses itself. */
int socket_create(int family, int type, int protocol, struct socket **result);

/* Sockets the kernel uses itself (the 9P transport, net/ninep_tcp.c): no file, no descriptor,
 * buffers in kernel memory. They block as the application's do (signals end a wait with
 * -EINTR, SO_RCVTIMEO/SO_SNDTIMEO as receive_timeout_ns/send_timeout_ns with -EAGAIN), and
 * return 0, a count or -errno; socket_close releases the socket. */
int socket_connect(struct socket *socket, const struct socket_address *address);
long socket_send(struct socket *socket, const void *data, size_t length, unsigned flags);
long socket_receive(struct socket *socket, void *data, size_t length, unsigned flags);
void socket_close(struct socket *socket);

/* Families: make a socket of `type` (without SOCK_NONBLOCK/SOCK_CLOEXEC) and `protocol`. */
int inet_socket_create(int family, int type, int protocol, struct socket **result);
int unix_socket_create(int type, int protocol, struct socket **result);
int unix_socket_pair(int type, int protocol, struct socket **first, struct socket **second);

/* A zeroed socket with its wait queue and pollers set up, or NULL. */
struct socket *socket_new(int family, int type, int protocol, const struct socket_operations *ops);
/* Frees what socket_new allocated (families call it from release). */
void socket_free(struct socket *socket);
/* Wraps a socket in an open file (O_RDWR, plus O_NONBLOCK if asked); on failure the socket is
 * released. */
int socket_open_file(struct socket *socket, unsigned flags, struct file **result);
/* The socket behind a file, or NULL when the file is no socket. */
struct socket *socket_of(const struct file *file);
/* Whether an operation with these MSG_* flags may block on this socket. */
bool socket_nonblocking(const struct socket *socket, unsigned message_flags);
/* Wakes threads blocked on the socket and its pollers: state changed. */
void socket_wake(struct socket *socket);
/* Blocks until woken by socket_wake, the deadline (monotonic ns, 0 none) or a signal (or
 * returns 0 at once when delivering looped-back frames changed something: callers loop):
 * 0, -ETIMEDOUT (the caller turns it into -EAGAIN or -EWOULDBLOCK), or -EINTR. Called with
 * interrupts (and so the network lock) held; they are held again on return. */
int socket_sleep(struct socket *socket, uint64_t deadline_ns);
/* What an operation that cannot go on yet does: -EAGAIN on a non-blocking socket (or with
 * MSG_DONTWAIT), else socket_sleep. */
int socket_wait(struct socket *socket, unsigned message_flags, uint64_t deadline_ns);
/* The deadline for a receive or a send starting now (0: none), from SO_RCVTIMEO/SO_SNDTIMEO. */
uint64_t socket_deadline(const struct socket *socket, bool sending);
/* SIGPIPE to the calling thread for a write on a closed stream, unless MSG_NOSIGNAL. */
void socket_broken_pipe(const struct socket *socket, unsigned message_flags);
/* SOL_SOCKET options (the others go to the family). */
int socket_set_option(struct socket *socket, int level, int name, const void *value,
		      unsigned length);
int socket_get_option(struct socket *socket, int level, int name, void *value, unsigned *length);
/* For get_option: an int option's value into the caller's buffer of *length bytes (cut to
 * that, as Linux does), *length set to what was written; 0. */
int socket_option_int(void *value, unsigned *length, int number);

/* Copies between the application's buffers of a message and kernel memory, from byte
 * `offset` of the message on; returns what was copied. */
size_t socket_message_copy_out(const struct socket_message *message, size_t offset,
			       const void *data, size_t length);
size_t socket_message_copy_in(const struct socket_message *message, size_t offset, void *data,
			      size_t length);
