// SPDX-License-Identifier: MIT
/* Socket files (see net/socket.h): the file operations every socket shares, which turn read,
 * write and poll into the family's receive, send and poll; the SOL_SOCKET options; blocking
 * with SO_RCVTIMEO/SO_SNDTIMEO and signals. */
#include "net/socket.h"
#include "arch/x86_64/cpu.h"
#include "fs/devices.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "net/stack.h"

#define SIGNAL_PIPE 13
/* SO_RCVBUF/SO_SNDBUF: Linux's limits (SOCK_MIN_RCVBUF, the default rmem_max of 4 MiB). */
#define CLAMP_BUFFER(n) ((n) < 2304 ? 2304 : (n) > (4 << 20) ? (4 << 20) : (n))

struct linux_linger {
	int on, seconds;
};

static struct superblock socket_superblock = {.type = "sockfs"};

struct socket *socket_new(int family, int type, int protocol, const struct socket_operations *ops)
{
	struct socket *socket = heap_alloc_zeroed(sizeof(*socket));

	if (!socket)
		return NULL;
	socket->family = family;
	socket->type = type;
	socket->protocol = protocol;
	socket->ops = ops;
	socket->receive_buffer = 256 * 1024;
	socket->send_buffer = 256 * 1024;
	poll_waiters_init(&socket->pollers);
	wait_queue_init(&socket->waiters);
	return socket;
}

void socket_free(struct socket *socket)
{
	heap_free(socket);
}

int socket_create(int family, int type, int protocol, struct socket **result)
{
	switch (family) {
	case AF_INET:
	case AF_INET6:
		return inet_socket_create(family, type, protocol, result);
	case AF_UNIX:
		return unix_socket_create(type, protocol, result);
	}
	return -EAFNOSUPPORT;
}

int socket_connect(struct socket *socket, const struct socket_address *address)
{
	return socket->ops->connect(socket, address);
}

long socket_send(struct socket *socket, const void *data, size_t length, unsigned flags)
{
	struct linux_iovec one = {(void *)data, length};
	struct socket_message message = {
	    .vector = &one, .count = 1, .total = length, .flags = flags};

	return socket->ops->send(socket, &message);
}

long socket_receive(struct socket *socket, void *data, size_t length, unsigned flags)
{
	struct linux_iovec one = {data, length};
	struct socket_message message = {
	    .vector = &one, .count = 1, .total = length, .flags = flags};

	return socket->ops->receive(socket, &message);
}

void socket_close(struct socket *socket)
{
	socket->ops->release(socket);
}

static long socket_file_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	(void)offset;
	return socket_receive(file->private, buffer, count, 0);
}

static long socket_file_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	(void)offset;
	return socket_send(file->private, buffer, count, 0);
}

static unsigned socket_file_poll(struct file *file, struct poll_table *table)
{
	struct socket *socket = file->private;

	poll_wait(&socket->pollers, table);
	/* Frames looped back and not yet delivered would wake this very poller before it
	 * sleeps, and be lost: deliver them first (polling itself sends nothing, so that is all
	 * the lock's release would do: the family's poll runs under it without releasing). */
	uint64_t flags = net_lock();
	net_deliver_looped();
	unsigned events = socket->ops->poll(socket);
	interrupts_restore(flags);
	return events;
}

static long socket_file_ioctl(struct file *file, unsigned long request, void *argument)
{
	struct socket *socket = file->private;

	return socket->ops->ioctl ? socket->ops->ioctl(socket, request, argument) : -ENOTTY;
}

static void socket_file_release(struct file *file)
{
	struct socket *socket = file->private;

	socket->file = NULL;
	socket->ops->release(socket);
}

static const struct file_operations socket_file_operations = {
    .read = socket_file_read,
    .write = socket_file_write,
    .poll = socket_file_poll,
    .ioctl = socket_file_ioctl,
    .release = socket_file_release,
    .stream = true,
};

int socket_open_file(struct socket *socket, unsigned flags, struct file **result)
{
	struct inode *inode = inode_create(&socket_superblock, S_IFSOCK | 0777);
	int error = -ENOMEM;

	if (!inode)
		goto err_release_socket;
	inode->file_ops = &socket_file_operations;
	*result = file_open_inode(inode, O_RDWR | (flags & O_NONBLOCK), &error);
	inode_put(inode);
	if (!*result)
		goto err_release_socket;
	(*result)->private = socket;
	socket->file = *result;
	return 0;
err_release_socket:
	socket->ops->release(socket);
	return error;
}

struct socket *socket_of(const struct file *file)
{
	return file->ops == &socket_file_operations ? file->private : NULL;
}

bool socket_nonblocking(const struct socket *socket, unsigned message_flags)
{
	return (message_flags & MSG_DONTWAIT) ||
	       (socket->file && (socket->file->flags & O_NONBLOCK));
}

void socket_wake(struct socket *socket)
{
	wait_queue_wake(&socket->waiters, ~0u);
	poll_notify(&socket->pollers);
}

int socket_sleep(struct socket *socket, uint64_t deadline_ns)
{
	if (signal_interrupts(thread_current()))
		return -EINTR;
	if (net_flush())
		return 0; /* looped frames were delivered: the caller looks again */
	return wait_queue_sleep(&socket->waiters, deadline_ns);
}

int socket_wait(struct socket *socket, unsigned message_flags, uint64_t deadline_ns)
{
	return socket_nonblocking(socket, message_flags) ? -EAGAIN
							 : socket_sleep(socket, deadline_ns);
}

uint64_t socket_deadline(const struct socket *socket, bool sending)
{
	uint64_t timeout = sending ? socket->send_timeout_ns : socket->receive_timeout_ns;

	return timeout ? time_monotonic_ns() + timeout : 0;
}

void socket_broken_pipe(const struct socket *socket, unsigned message_flags)
{
	if (!(message_flags & MSG_NOSIGNAL) && !socket->no_signal)
		signal_send_to_thread(thread_current(), SIGNAL_PIPE);
}

static int read_int(const void *value, unsigned length, int *result)
{
	if (length < sizeof(int))
		return -EINVAL;
	memcpy(result, value, sizeof(int));
	return 0;
}

static int read_timeout(const void *value, unsigned length, uint64_t *result)
{
	struct linux_timeval time;

	if (length < sizeof(time))
		return -EINVAL;
	memcpy(&time, value, sizeof(time));
	if (time.tv_usec < 0 || time.tv_usec >= 1000000)
		return -EDOM;
	if (time.tv_sec < 0) { /* Linux takes a negative time as no wait at all */
		*result = 1;
		return 0;
	}
	*result = (uint64_t)time.tv_sec * 1000000000ull + (uint64_t)time.tv_usec * 1000;
	return 0;
}

/* SOL_SOCKET options that only need remembering here; the family also sees the ones its
 * protocol acts on (buffer sizes, keep-alive, reuse). */
int socket_set_option(struct socket *socket, int level, int name, const void *value,
		      unsigned length)
{
	int number = 0, error;

	if (level != SOL_SOCKET)
		return socket->ops->set_option
			   ? socket->ops->set_option(socket, level, name, value, length)
			   : -ENOPROTOOPT;
	switch (name) {
	case SO_RCVTIMEO:
		return read_timeout(value, length, &socket->receive_timeout_ns);
	case SO_SNDTIMEO:
		return read_timeout(value, length, &socket->send_timeout_ns);
	case SO_LINGER: {
		struct linux_linger linger;
		if (length < sizeof(linger))
			return -EINVAL;
		memcpy(&linger, value, sizeof(linger));
		socket->linger.on = linger.on;
		socket->linger.seconds = linger.seconds;
		return 0;
	}
	}
	if ((error = read_int(value, length, &number)))
		return error;
	switch (name) {
	case SO_REUSEADDR:
		socket->reuse_address = number;
		break;
	case SO_REUSEPORT:
		socket->reuse_port = number;
		break;
	case SO_KEEPALIVE:
		socket->keepalive = number;
		break;
	case SO_BROADCAST:
		socket->broadcast = number;
		break;
	case SO_RCVBUF:
		socket->receive_buffer = (uint32_t)CLAMP_BUFFER(number);
		break;
	case SO_SNDBUF:
		socket->send_buffer = (uint32_t)CLAMP_BUFFER(number);
		break;
	case SO_DEBUG:
	case SO_DONTROUTE:
	case SO_OOBINLINE:
	case SO_PASSCRED:
	case SO_RCVLOWAT:
	case SO_SNDLOWAT:
		return 0; /* accepted; no effect on Yolk's protocols */
	default:
		return -ENOPROTOOPT;
	}
	/* The family acts on the ones its protocol has. */
	if (socket->ops->set_option)
		socket->ops->set_option(socket, level, name, value, length);
	return 0;
}

int socket_option_int(void *value, unsigned *length, int number)
{
	*length = MIN(*length, (unsigned)sizeof(int));
	memcpy(value, &number, *length);
	return 0;
}

int socket_get_option(struct socket *socket, int level, int name, void *value, unsigned *length)
{
	if (level != SOL_SOCKET)
		return socket->ops->get_option
			   ? socket->ops->get_option(socket, level, name, value, length)
			   : -ENOPROTOOPT;
	switch (name) {
	case SO_RCVTIMEO:
	case SO_SNDTIMEO: {
		uint64_t ns =
		    name == SO_RCVTIMEO ? socket->receive_timeout_ns : socket->send_timeout_ns;
		struct linux_timeval time = {(int64_t)(ns / 1000000000ull),
					     (int64_t)(ns % 1000000000ull / 1000)};
		*length = MIN(*length, (unsigned)sizeof(time));
		memcpy(value, &time, *length);
		return 0;
	}
	case SO_LINGER: {
		struct linux_linger linger = {socket->linger.on, socket->linger.seconds};
		*length = MIN(*length, (unsigned)sizeof(linger));
		memcpy(value, &linger, *length);
		return 0;
	}
	case SO_ERROR: {
		int error = socket->error;
		socket->error = 0;
		return socket_option_int(value, length, -error);
	}
	case SO_TYPE:
		return socket_option_int(value, length, socket->type);
	case SO_DOMAIN:
		return socket_option_int(value, length, socket->family);
	case SO_PROTOCOL:
		return socket_option_int(value, length, socket->protocol);
	case SO_ACCEPTCONN:
		return socket_option_int(value, length, socket->accepting);
	case SO_REUSEADDR:
		return socket_option_int(value, length, socket->reuse_address);
	case SO_REUSEPORT:
		return socket_option_int(value, length, socket->reuse_port);
	case SO_KEEPALIVE:
		return socket_option_int(value, length, socket->keepalive);
	case SO_BROADCAST:
		return socket_option_int(value, length, socket->broadcast);
	case SO_RCVBUF: /* Linux reports twice what was set (its bookkeeping overhead) */
		return socket_option_int(value, length, (int)socket->receive_buffer * 2);
	case SO_SNDBUF:
		return socket_option_int(value, length, (int)socket->send_buffer * 2);
	case SO_RCVLOWAT:
	case SO_SNDLOWAT:
		return socket_option_int(value, length, 1);
	case SO_DEBUG:
	case SO_DONTROUTE:
	case SO_OOBINLINE:
	case SO_PASSCRED:
		return socket_option_int(value, length, 0);
	}
	return socket->ops->get_option ? socket->ops->get_option(socket, level, name, value, length)
				       : -ENOPROTOOPT;
}

size_t socket_message_copy_out(const struct socket_message *message, size_t offset,
			       const void *data, size_t length)
{
	size_t copied = 0;

	for (int i = 0; i < message->count && copied < length; i++) {
		size_t size = message->vector[i].length;
		if (offset >= size) {
			offset -= size;
			continue;
		}
		size_t chunk = MIN(size - offset, length - copied);
		memcpy((char *)message->vector[i].base + offset, (const char *)data + copied,
		       chunk);
		copied += chunk;
		offset = 0;
	}
	return copied;
}

size_t socket_message_copy_in(const struct socket_message *message, size_t offset, void *data,
			      size_t length)
{
	size_t copied = 0;

	for (int i = 0; i < message->count && copied < length; i++) {
		size_t size = message->vector[i].length;
		if (offset >= size) {
			offset -= size;
			continue;
		}
		size_t chunk = MIN(size - offset, length - copied);
		memcpy((char *)data + copied, (const char *)message->vector[i].base + offset,
		       chunk);
		copied += chunk;
		offset = 0;
	}
	return copied;
}
