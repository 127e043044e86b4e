// SPDX-License-Identifier: MIT
/* The socket system calls: the ABI half (see net/socket.h for the other). Addresses and option
 * values are copied into kernel memory and back, message buffers checked, descriptors turned
 * into sockets; the families do the rest. Linked only into images that use sockets (the
 * Makefile's kernel-net.o; net/absent.c stands in for this file in kernel.o). */
#include "fs/descriptors.h"
#include "include/uapi/linux.h"
#include "kernel/compiler.h"
#include "mm/heap.h"
#include "net/socket.h"
#include "sys/syscalls.h"
#include "sys/user_memory.h"

#define IOV_MAX	       1024
#define MAX_READ_WRITE 0x7ffff000
#define OPTION_MAX     256  /* the largest option value any family has */
#define MMSG_MAX       1024 /* UIO_MAXIOV, Linux's limit on sendmmsg/recvmmsg's count */

struct linux_msghdr {
	void *name;
	uint32_t name_length;
	struct linux_iovec *vector;
	uint64_t count;
	void *control;
	uint64_t control_length;
	int flags;
};

struct linux_mmsghdr {
	struct linux_msghdr header;
	uint32_t length;
};

/* The socket at fd with a reference on its file (file_put it), or an error: -EBADF, or
 * -ENOTSOCK for a file that is no socket. */
static struct socket *socket_get(int fd, struct file **file, long *error)
{
	*file = descriptor_get(fd);
	if (!*file) {
		*error = -EBADF;
		return NULL;
	}
	struct socket *socket = socket_of(*file);
	if (!socket) {
		file_put(*file);
		*error = -ENOTSOCK;
	}
	return socket;
}

static int address_copy_in(struct socket_address *address, const void *user, uint32_t length)
{
	if (length > SOCKET_ADDRESS_MAX)
		return -EINVAL;
	address->length = length;
	memset(address->bytes, 0, sizeof(address->bytes));
	return copy_from_user(address->bytes, user, length);
}

/* Writes an address back as Linux does: at most *user_length bytes of it, and its whole length
 * into *user_length. */
static int address_copy_out(const struct socket_address *address, void *user, uint32_t *user_length)
{
	uint32_t room;

	if (!user_length)
		return 0;
	if (copy_from_user(&room, user_length, sizeof(room)))
		return -EFAULT;
	if ((int32_t)room < 0)
		return -EINVAL;
	if (copy_to_user(user, address->bytes, MIN(room, address->length)))
		return -EFAULT;
	return copy_to_user(user_length, &address->length, sizeof(address->length));
}

static long install(struct socket *socket, int flags)
{
	struct file *file;
	int error = socket_open_file(socket, flags & SOCK_NONBLOCK ? O_NONBLOCK : 0, &file);

	return error ? error : descriptor_install_new(file, flags & SOCK_CLOEXEC);
}

long sys_socket(int family, int type, int protocol)
{
	int flags = type & ~SOCK_TYPE_MASK;
	struct socket *socket;
	int error;

	type &= SOCK_TYPE_MASK;
	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	error = socket_create(family, type, protocol, &socket);
	return error ? error : install(socket, flags);
}

long sys_socketpair(int family, int type, int protocol, int *user_fds)
{
	int flags = type & ~SOCK_TYPE_MASK, fds[2];
	struct socket *first, *second;
	long error;

	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	if (family != AF_UNIX)
		return family == AF_INET || family == AF_INET6 ? -EOPNOTSUPP : -EAFNOSUPPORT;
	if (!user_writable(user_fds, sizeof(fds)))
		return -EFAULT;
	if ((error = unix_socket_pair(type & SOCK_TYPE_MASK, protocol, &first, &second)))
		return error;
	fds[0] = (int)install(first, flags);
	if (fds[0] < 0) {
		second->ops->release(second);
		return fds[0];
	}
	fds[1] = (int)install(second, flags);
	if (fds[1] < 0) {
		descriptor_close(fds[0]);
		return fds[1];
	}
	return copy_to_user(user_fds, fds, sizeof(fds));
}

/* bind and connect: an address in, the operation on the socket. */
static long address_call(int fd, const void *user_address, uint32_t length, bool connecting)
{
	struct socket_address address;
	struct file *file;
	long error;
	struct socket *socket = socket_get(fd, &file, &error);

	if (!socket)
		return error;
	error = address_copy_in(&address, user_address, length);
	if (!error)
		error = connecting ? socket->ops->connect(socket, &address)
				   : socket->ops->bind(socket, &address);
	file_put(file);
	return error;
}

long sys_bind(int fd, const void *user_address, uint32_t length)
{
	return address_call(fd, user_address, length, false);
}

long sys_connect(int fd, const void *user_address, uint32_t length)
{
	return address_call(fd, user_address, length, true);
}

long sys_listen(int fd, int backlog)
{
	struct file *file;
	long error;
	struct socket *socket = socket_get(fd, &file, &error);

	if (!socket)
		return error;
	error = socket->ops->listen(socket, backlog);
	file_put(file);
	return error;
}

long sys_accept4(int fd, void *user_address, uint32_t *user_length, int flags)
{
	struct socket_address *peer = heap_alloc_zeroed(sizeof(*peer));
	struct socket *accepted;
	struct file *file;
	long error;
	struct socket *socket = socket_get(fd, &file, &error);

	if (!socket)
		goto err_free_peer;
	error = -EINVAL;
	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		goto err_put_file;
	error = -ENOMEM;
	if (!peer)
		goto err_put_file;
	error = socket->ops->accept(socket, &accepted, peer);
	if (error)
		goto err_put_file;
	error = install(accepted, flags);
	if (error >= 0 && user_address && address_copy_out(peer, user_address, user_length) < 0) {
		/* Linux keeps the connection and says EFAULT; the descriptor would be lost to the
		 * caller, so close it. */
		descriptor_close((int)error);
		error = -EFAULT;
	}
err_put_file:
	file_put(file);
err_free_peer:
	heap_free(peer);
	return error;
}

long sys_accept(int fd, void *user_address, uint32_t *user_length)
{
	return sys_accept4(fd, user_address, user_length, 0);
}

static long socket_name(int fd, void *user_address, uint32_t *user_length, bool peer)
{
	struct socket_address address = {0};
	struct file *file;
	long error;
	struct socket *socket = socket_get(fd, &file, &error);

	if (!socket)
		return error;
	error = user_length ? socket->ops->name(socket, &address, peer) : -EFAULT;
	if (!error)
		error = address_copy_out(&address, user_address, user_length);
	file_put(file);
	return error;
}

long sys_getsockname(int fd, void *user_address, uint32_t *user_length)
{
	return socket_name(fd, user_address, user_length, false);
}

long sys_getpeername(int fd, void *user_address, uint32_t *user_length)
{
	return socket_name(fd, user_address, user_length, true);
}

long sys_shutdown(int fd, int how)
{
	struct file *file;
	long error;
	struct socket *socket = socket_get(fd, &file, &error);

	if (!socket)
		return error;
	error = how < SHUT_RD || how > SHUT_RDWR ? -EINVAL : socket->ops->shutdown(socket, how);
	file_put(file);
	return error;
}

long sys_setsockopt(int fd, int level, int name, const void *user_value, uint32_t length)
{
	uint8_t value[OPTION_MAX];
	struct file *file;
	long error;
	struct socket *socket = socket_get(fd, &file, &error);

	if (!socket)
		return error;
	if ((int32_t)length < 0)
		error = -EINVAL;
	else
		error = copy_from_user(value, user_value, MIN(length, sizeof(value)));
	if (!error)
		error = socket_set_option(socket, level, name, value, MIN(length, sizeof(value)));
	file_put(file);
	return error;
}

long sys_getsockopt(int fd, int level, int name, void *user_value, uint32_t *user_length)
{
	uint8_t value[OPTION_MAX] = {0};
	uint32_t length;
	struct file *file;
	long error;
	struct socket *socket = socket_get(fd, &file, &error);

	if (!socket)
		return error;
	error = copy_from_user(&length, user_length, sizeof(length));
	if (!error && (int32_t)length < 0)
		error = -EINVAL;
	if (!error) {
		unsigned size = MIN(length, (uint32_t)sizeof(value));
		error = socket_get_option(socket, level, name, value, &size);
		if (!error && (copy_to_user(user_value, value, size) ||
			       copy_to_user(user_length, &size, sizeof(size))))
			error = -EFAULT;
	}
	file_put(file);
	return error;
}

/* Checks a message's buffers for the direction of the transfer; its total, or -errno. */
static long check_vector(const struct linux_iovec *vector, uint64_t count, bool receiving)
{
	uint64_t total = 0;

	if (count > IOV_MAX)
		return -EMSGSIZE;
	if (!user_readable(vector, sizeof(*vector) * count))
		return -EFAULT;
	for (uint64_t i = 0; i < count; i++) {
		if (!vm_range_allowed((uint64_t)vector[i].base, vector[i].length,
				      receiving ? PROT_READ | PROT_WRITE : PROT_READ))
			return -EFAULT;
		total += vector[i].length;
		if (total > MAX_READ_WRITE)
			return -EINVAL;
	}
	return (long)total;
}

/* One sendmsg or recvmsg on a socket; the header is in kernel memory (its name and control
 * lengths are updated for a receive). */
static long transfer_message(struct socket *socket, struct linux_msghdr *header, unsigned flags,
			     bool receiving)
{
	struct socket_address address;
	struct socket_message message = {
	    .vector = header->vector, .count = (int)header->count, .flags = flags};
	long result = check_vector(header->vector, header->count, receiving);

	if (result < 0)
		return result;
	message.total = (size_t)result;
	if (header->name && header->name_length && !receiving) { /* length 0: no address */
		if ((result = address_copy_in(&address, header->name, header->name_length)))
			return result;
		message.address = &address;
	} else if (header->name) {
		address.length = 0;
		message.address = &address;
	}
	result = receiving ? socket->ops->receive(socket, &message)
			   : socket->ops->send(socket, &message);
	if (result < 0 || !receiving)
		return result;
	if (header->name) {
		uint32_t length = MIN(header->name_length, address.length);
		if (copy_to_user(header->name, address.bytes, length))
			return -EFAULT;
		header->name_length = address.length;
	}
	header->control_length = 0; /* no ancillary data is ever delivered */
	header->flags = (int)message.flags_out;
	return result;
}

static long message_call(int fd, struct linux_msghdr *user_header, unsigned flags, bool receiving)
{
	struct linux_msghdr header;
	struct file *file;
	long result;
	struct socket *socket = socket_get(fd, &file, &result);

	if (!socket)
		return result;
	result = copy_from_user(&header, user_header, sizeof(header));
	if (!result)
		result = transfer_message(socket, &header, flags, receiving);
	if (result >= 0 && receiving &&
	    (copy_to_user(&user_header->name_length, &header.name_length, sizeof(uint32_t)) ||
	     copy_to_user(&user_header->control_length, &header.control_length, sizeof(uint64_t)) ||
	     copy_to_user(&user_header->flags, &header.flags, sizeof(int))))
		result = -EFAULT;
	file_put(file);
	return result;
}

long sys_sendmsg(int fd, struct linux_msghdr *user_header, unsigned flags)
{
	return message_call(fd, user_header, flags, false);
}

long sys_recvmsg(int fd, struct linux_msghdr *user_header, unsigned flags)
{
	return message_call(fd, user_header, flags, true);
}

long sys_sendto(int fd, const void *buffer, size_t length, unsigned flags, const void *user_address,
		uint32_t address_length)
{
	struct linux_iovec one = {(void *)buffer, MIN(length, MAX_READ_WRITE)};
	struct linux_msghdr header = {.name = (void *)user_address,
				      .name_length = address_length,
				      .vector = &one,
				      .count = 1};
	struct file *file;
	long result;
	struct socket *socket = socket_get(fd, &file, &result);

	if (!socket)
		return result;
	/* The vector is kernel memory: check only the buffer. */
	if (!user_readable(buffer, one.length))
		result = -EFAULT;
	else
		result = transfer_message(socket, &header, flags, false);
	file_put(file);
	return result;
}

long sys_recvfrom(int fd, void *buffer, size_t length, unsigned flags, void *user_address,
		  uint32_t *user_address_length)
{
	struct linux_iovec one = {buffer, MIN(length, MAX_READ_WRITE)};
	struct socket_address address = {0};
	struct socket_message message = {
	    .vector = &one, .count = 1, .total = one.length, .flags = flags};
	struct file *file;
	long result;
	struct socket *socket = socket_get(fd, &file, &result);

	if (!socket)
		return result;
	if (user_address && user_address_length)
		message.address = &address;
	result =
	    user_writable(buffer, one.length) ? socket->ops->receive(socket, &message) : -EFAULT;
	if (result >= 0 && message.address &&
	    address_copy_out(&address, user_address, user_address_length))
		result = -EFAULT;
	file_put(file);
	return result;
}

static long multiple_messages(int fd, struct linux_mmsghdr *user_messages, unsigned count,
			      unsigned flags, bool receiving)
{
	struct linux_mmsghdr entry;
	struct file *file;
	long result = 0;
	unsigned done = 0;
	struct socket *socket = socket_get(fd, &file, &result);

	if (!socket)
		return result;
	count = MIN(count, MMSG_MAX);
	for (; done < count; done++) {
		if ((result = copy_from_user(&entry, &user_messages[done], sizeof(entry))))
			break;
		result = transfer_message(socket, &entry.header, flags, receiving);
		if (result < 0)
			break;
		entry.length = (uint32_t)result;
		if (copy_to_user(&user_messages[done], &entry, sizeof(entry))) {
			result = -EFAULT;
			break;
		}
		if (receiving && (flags & MSG_WAITFORONE))
			flags |= MSG_DONTWAIT;
	}
	file_put(file);
	return done ? (long)done : result;
}

long sys_sendmmsg(int fd, struct linux_mmsghdr *messages, unsigned count, unsigned flags)
{
	return multiple_messages(fd, messages, count, flags, false);
}

long sys_recvmmsg(int fd, struct linux_mmsghdr *messages, unsigned count, unsigned flags,
		  const void *timeout)
{
	(void)timeout; /* FIXME: recvmmsg's timeout is not applied (glibc documents it as broken) */
	return multiple_messages(fd, messages, count, flags, true);
}
