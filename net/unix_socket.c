// SPDX-License-Identifier: MIT
/* AF_UNIX sockets (see net/unix_socket.h): the object and its lifetime, socket() and
 * socketpair(), and the names. A path name is a socket node bind makes in the file tree
 * (S_IFSOCK, holding a reference on its inode); an abstract name (sun_path starting with a NUL
 * byte) lives only in the list of bound sockets, which connect and sendto search by inode or
 * by bytes. An unnamed socket's name is the family alone. */
#include "net/unix_socket.h"
#include "arch/x86_64/cpu.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"

#define UNIX_PROTOCOL	 1 /* PF_UNIX, the one protocol number besides 0 */
#define SO_PEERCRED_SIZE 12

static struct list_node bound_sockets = LIST_INIT(bound_sockets);
static unsigned next_automatic_name;

struct unix_socket *unix_socket_new(int type)
{
	const struct socket_operations *ops = type == SOCK_STREAM      ? &unix_stream_operations
					      : type == SOCK_SEQPACKET ? &unix_seqpacket_operations
								       : &unix_datagram_operations;
	struct unix_socket *local = heap_alloc_zeroed(sizeof(*local));
	struct socket *socket = socket_new(AF_UNIX, type, 0, ops);

	if (!local || !socket) {
		heap_free(local);
		if (socket)
			socket_free(socket);
		return NULL;
	}
	local->socket = socket;
	local->references = 1;
	local->address.length = UNIX_PATH_OFFSET;
	local->address.family = AF_UNIX;
	list_init(&local->bound_node);
	list_init(&local->pending);
	list_init(&local->queue_node);
	list_init(&local->datagrams);
	socket->private = local;
	return local;
}

void unix_socket_get(struct unix_socket *local)
{
	local->references++;
}

static void free_ring(struct unix_socket *local)
{
	if (local->ring.data)
		frame_free(virtual_to_phys(local->ring.data), local->ring_order);
	local->ring.data = NULL;
}

void unix_socket_put(struct unix_socket *local)
{
	if (--local->references)
		return;
	free_ring(local);
	socket_free(local->socket);
	heap_free(local);
}

int unix_stream_allocate(struct unix_socket *local)
{
	uint64_t frames = frame_alloc(UNIX_RING_FIRST_ORDER);

	if (!frames)
		return -ENOMEM;
	local->ring_order = UNIX_RING_FIRST_ORDER;
	byte_ring_init(&local->ring, phys_to_virtual(frames), PAGE_SIZE << UNIX_RING_FIRST_ORDER);
	return 0;
}

bool unix_stream_grow(struct unix_socket *local)
{
	struct byte_ring *ring = &local->ring, bigger;
	uint64_t frames = 0;
	size_t length;

	if (!ring->data || local->ring_order >= UNIX_RING_ORDER ||
	    !(frames = frame_alloc(local->ring_order + 1)))
		return false;
	byte_ring_init(&bigger, phys_to_virtual(frames), ring->capacity * 2);
	while (byte_ring_count(ring)) { /* at most two pieces, oldest first */
		const void *span = byte_ring_stored_span(ring, 0, &length);
		byte_ring_write(&bigger, span, length);
		byte_ring_discard(ring, length);
	}
	frame_free(virtual_to_phys(ring->data), local->ring_order);
	local->ring_order++;
	*ring = bigger;
	return true;
}

static void unbind(struct unix_socket *local)
{
	if (!local->bound)
		return;
	list_remove(&local->bound_node);
	local->bound = false;
	if (local->node)
		inode_put(local->node);
	local->node = NULL;
}

void unix_socket_release(struct unix_socket *local)
{
	uint64_t flags = interrupts_save();

	local->dead = true;
	unbind(local);
	if (local->socket->type == SOCK_DGRAM)
		unix_datagram_close(local);
	else
		unix_stream_close(local);
	free_ring(local);	    /* nobody writes to a dead socket */
	socket_wake(local->socket); /* sleepers see it dead and let go */
	unix_socket_put(local);
	interrupts_restore(flags);
}

void unix_socket_file_release(struct socket *socket)
{
	unix_socket_release(unix_of(socket));
}

int unix_address_check(const struct socket_address *address)
{
	if (address->length < UNIX_PATH_OFFSET || address->length > UNIX_ADDRESS_MAX)
		return -EINVAL;
	return address->family == AF_UNIX ? 0 : -EINVAL;
}

static bool is_abstract(const struct socket_address *address)
{
	return address->length > UNIX_PATH_OFFSET && !address->bytes[UNIX_PATH_OFFSET];
}

/* A path name as a C string (sun_path need not end in a NUL byte). */
static void path_of(const struct socket_address *address, char path[UNIX_ADDRESS_MAX])
{
	size_t length = address->length - UNIX_PATH_OFFSET;

	memcpy(path, address->bytes + UNIX_PATH_OFFSET, length);
	path[length] = 0;
}

static struct unix_socket *find_abstract(const struct socket_address *address, int type)
{
	struct list_node *node;

	list_for_each(node, &bound_sockets)
	{
		struct unix_socket *local = list_entry(node, struct unix_socket, bound_node);
		if (!local->node && local->socket->type == type &&
		    local->address.length == address->length &&
		    !memcmp(local->address.bytes, address->bytes, address->length))
			return local;
	}
	return NULL;
}

static struct unix_socket *find_node(const struct inode *inode)
{
	struct list_node *node;

	list_for_each(node, &bound_sockets)
	{
		struct unix_socket *local = list_entry(node, struct unix_socket, bound_node);
		if (local->node == inode)
			return local;
	}
	return NULL;
}

int unix_socket_find(const struct socket_address *address, int type, struct unix_socket **result)
{
	char path[UNIX_ADDRESS_MAX];
	struct inode *inode;
	int error;

	if ((error = unix_address_check(address)))
		return error;
	if (address->length == UNIX_PATH_OFFSET)
		return -EINVAL;
	if (is_abstract(address)) {
		*result = find_abstract(address, type);
		error = *result ? 0 : -ECONNREFUSED;
	} else {
		path_of(address, path);
		if ((error = vfs_resolve(NULL, path, 0, &inode)))
			return error;
		*result = (inode->mode & S_IFMT) == S_IFSOCK ? find_node(inode) : NULL;
		error = !*result			  ? -ECONNREFUSED
			: (*result)->socket->type != type ? -EPROTOTYPE
							  : 0;
		inode_put(inode);
	}
	if (!error)
		unix_socket_get(*result);
	return error;
}

void unix_sender_address(const struct unix_socket *sender, struct socket_address *address)
{
	if (!sender || sender->address.length == UNIX_PATH_OFFSET) {
		address->length = 0;
		return;
	}
	address->length = sender->address.length;
	memcpy(address->bytes, sender->address.bytes, sender->address.length);
}

/* bind() with the family alone: an abstract name of five hex digits, as Linux picks. */
static int bind_automatically(struct unix_socket *local)
{
	struct socket_address address = {.length = UNIX_PATH_OFFSET + 6, .family = AF_UNIX};

	for (unsigned tries = 0; tries < 0x100000; tries++) {
		char digits[8];
		format_snprintf(digits, sizeof(digits), "%05x", next_automatic_name++ & 0xfffff);
		memcpy(address.bytes + UNIX_PATH_OFFSET + 1, digits, 5);
		if (!find_abstract(&address, local->socket->type)) {
			local->address = address;
			return 0;
		}
	}
	return -ENOSPC;
}

/* Makes the socket node; -EADDRINUSE when the path exists. */
static int bind_path(struct unix_socket *local, const struct socket_address *address)
{
	char path[UNIX_ADDRESS_MAX];
	struct inode *directory, *inode;
	const char *name;
	size_t length;

	path_of(address, path);
	int error = vfs_resolve_parent(NULL, path, &directory, &name, &length);
	if (error)
		return error == -EEXIST ? -EADDRINUSE : error;
	if ((length == 1 && name[0] == '.') || (length == 2 && !memcmp(name, "..", 2)))
		error = -EADDRINUSE;
	else if (!directory->ops || !directory->ops->create)
		error = -EROFS;
	else
		error = directory->ops->create(directory, name, length,
					       S_IFSOCK | (0777 & ~vfs_creation_mask()), 0, &inode);
	inode_put(directory);
	if (error)
		return error == -EEXIST ? -EADDRINUSE : error;
	local->node = inode;
	local->address.length = (uint32_t)(UNIX_PATH_OFFSET + strlen(path) + 1);
	memcpy(local->address.bytes + UNIX_PATH_OFFSET, path, strlen(path) + 1);
	return 0;
}

int unix_socket_bind(struct socket *socket, const struct socket_address *address)
{
	struct unix_socket *local = unix_of(socket);
	int error = unix_address_check(address);

	if (error)
		return error;
	uint64_t flags = interrupts_save();
	if (local->bound)
		error = -EINVAL;
	else if (address->length == UNIX_PATH_OFFSET)
		error = bind_automatically(local);
	else if (is_abstract(address) && find_abstract(address, socket->type))
		error = -EADDRINUSE;
	else if (is_abstract(address))
		local->address = *address;
	else
		error = bind_path(local, address);
	if (!error) {
		local->bound = true;
		list_add_tail(&bound_sockets, &local->bound_node);
	}
	interrupts_restore(flags);
	return error;
}

int unix_socket_name(struct socket *socket, struct socket_address *address, bool peer)
{
	struct unix_socket *local = unix_of(socket);
	uint64_t flags = interrupts_save();
	int error = 0;

	if (peer && !local->peer)
		error = -ENOTCONN;
	else
		*address = peer ? local->peer->address : local->address;
	interrupts_restore(flags);
	return error;
}

int unix_socket_set_option(struct socket *socket, int level, int name, const void *value,
			   unsigned length)
{
	(void)socket, (void)name, (void)value, (void)length;
	/* SOL_SOCKET's were kept by net/socket.c; buffer sizes do not change the rings. */
	return level == SOL_SOCKET ? 0 : -ENOPROTOOPT;
}

int unix_socket_get_option(struct socket *socket, int level, int name, void *value,
			   unsigned *length)
{
	/* struct ucred: one process, whose pid is 1, uid and gid 0. */
	int credentials[3] = {1, 0, 0};

	if (level != SOL_SOCKET || name != SO_PEERCRED)
		return -ENOPROTOOPT;
	if (!unix_of(socket)->peer)
		return -ENOTCONN;
	*length = MIN(*length, (unsigned)SO_PEERCRED_SIZE);
	memcpy(value, credentials, *length);
	return 0;
}

int unix_socket_create(int type, int protocol, struct socket **result)
{
	if (protocol && protocol != UNIX_PROTOCOL)
		return -EPROTONOSUPPORT;
	if (type == SOCK_RAW)
		type = SOCK_DGRAM; /* as Linux has it */
	if (type != SOCK_STREAM && type != SOCK_SEQPACKET && type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	struct unix_socket *local = unix_socket_new(type);
	if (!local)
		return -ENOMEM;
	*result = local->socket;
	return 0;
}

int unix_socket_pair(int type, int protocol, struct socket **first, struct socket **second)
{
	int error = unix_socket_create(type, protocol, first);

	if (error)
		return error;
	if ((error = unix_socket_create(type, protocol, second)))
		goto err_release_first;
	struct unix_socket *one = unix_of(*first), *other = unix_of(*second);
	if ((*first)->type != SOCK_DGRAM) { /* SOCK_RAW was made SOCK_DGRAM */
		error = unix_stream_allocate(one);
		if (!error)
			error = unix_stream_allocate(other);
		if (error)
			goto err_release_second;
		unix_stream_join(one, other);
	} else {
		unix_socket_get(other);
		one->peer = other;
		unix_socket_get(one);
		other->peer = one;
	}
	return 0;
err_release_second:
	unix_socket_release(other);
err_release_first:
	unix_socket_release(unix_of(*first));
	return error;
}
