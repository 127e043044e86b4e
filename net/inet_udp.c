// SPDX-License-Identifier: MIT
/* UDP sockets over lwIP's raw API (see net/socket.h, net/inet.h): lwIP's receive callback
 * queues each datagram with its sender (net/datagram_queue.c); a send copies the datagram
 * into a pbuf and hands it to udp_sendto. */
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "lib/string.h"
#include "lwip/udp.h"
#include "mm/heap.h"
#include "net/datagram_queue.h"
#include "net/inet.h"
#include "net/stack.h"
#include "sys/user_memory.h"

#define FIONREAD     0x541b
#define DATAGRAM_MAX 65507 /* 65535 less the IPv4 and UDP headers */

struct udp_socket {
	struct socket *socket;
	struct udp_pcb *pcb;
	struct datagram_queue queue;
	bool connected, v6_only;
};

static const struct socket_operations udp_operations;

static struct udp_socket *udp_of(struct socket *socket)
{
	return socket->private;
}

static void on_receive(void *argument, struct udp_pcb *pcb, struct pbuf *data,
		       const ip_addr_t *from, uint16_t port)
{
	struct udp_socket *udp = argument;

	(void)pcb;
	if (datagram_queue_add(&udp->queue, udp->socket->receive_buffer, data, from, port))
		socket_wake(udp->socket);
}

static int ensure_pcb(struct udp_socket *udp)
{
	if (udp->pcb)
		return 0;
	udp->pcb = udp_new_ip_type(inet_address_type(udp->socket, udp->v6_only));
	if (!udp->pcb)
		return -ENOMEM;
	udp_recv(udp->pcb, on_receive, udp);
	if (udp->socket->reuse_address || udp->socket->reuse_port)
		ip_set_option(udp->pcb, SOF_REUSEADDR);
	if (udp->socket->broadcast)
		ip_set_option(udp->pcb, SOF_BROADCAST);
	return 0;
}

static int udp_bind_socket(struct socket *socket, const struct socket_address *address)
{
	struct udp_socket *udp = udp_of(socket);
	ip_addr_t ip;
	uint16_t port;
	int error = inet_address_in(socket, address, &ip, &port);

	if (error)
		return error == -EAFNOSUPPORT ? -EINVAL : error;
	uint64_t flags = net_lock();
	if (!(error = ensure_pcb(udp))) {
		if (udp->pcb->local_port)
			error = -EINVAL;
		else if (socket->family == AF_INET6 && ip_addr_isany(&ip))
			inet_address_any(socket, udp->v6_only, &ip);
		if (!error)
			error = inet_error(udp_bind(udp->pcb, &ip, port));
	}
	net_unlock(flags);
	return error;
}

static int udp_connect_socket(struct socket *socket, const struct socket_address *address)
{
	struct udp_socket *udp = udp_of(socket);
	ip_addr_t ip;
	uint16_t port;
	int error = 0;
	uint64_t flags = net_lock();

	if ((error = ensure_pcb(udp)))
		goto out;
	if (address->length >= sizeof(uint16_t) && address->family == AF_UNSPEC) {
		udp_disconnect(udp->pcb);
		udp->connected = false;
		goto out;
	}
	if ((error = inet_address_in(socket, address, &ip, &port)))
		goto out;
	if (ip_addr_isany(&ip))
		ip_addr_set_loopback(IP_IS_V6(&ip), &ip);
	if (!(error = inet_error(udp_connect(udp->pcb, &ip, port))))
		udp->connected = true;
out:
	net_unlock(flags);
	return error;
}

static long udp_receive_socket(struct socket *socket, struct socket_message *message)
{
	struct udp_socket *udp = udp_of(socket);
	ip_addr_t from;
	uint16_t port;
	uint64_t flags = net_lock();
	long result = datagram_queue_wait(&udp->queue, socket, message->flags);

	if (!result)
		result = datagram_queue_take(&udp->queue, message, &from, &port);
	if (result >= 0 && message->address)
		inet_address_out(socket, &from, port, message->address);
	net_unlock(flags);
	return result;
}

static long udp_send_socket(struct socket *socket, struct socket_message *message)
{
	struct udp_socket *udp = udp_of(socket);
	ip_addr_t ip;
	uint16_t port;
	long error = 0;

	if (message->total > DATAGRAM_MAX)
		return -EMSGSIZE;
	if (message->address && (error = inet_address_in(socket, message->address, &ip, &port)))
		return error;
	uint64_t flags = net_lock();
	if ((error = ensure_pcb(udp)))
		goto out;
	if (!message->address && !udp->connected) {
		error = -EDESTADDRREQ;
		goto out;
	}
	struct pbuf *data = pbuf_alloc(PBUF_TRANSPORT, (uint16_t)message->total, PBUF_RAM);
	if (!data) {
		error = -ENOBUFS;
		goto out;
	}
	socket_message_copy_in(message, 0, data->payload, message->total);
	if (message->address) {
		if (ip_addr_isany(&ip))
			ip_addr_set_loopback(IP_IS_V6(&ip), &ip);
		error = inet_error(udp_sendto(udp->pcb, data, &ip, port));
	} else {
		error = inet_error(udp_send(udp->pcb, data));
	}
	pbuf_free(data);
	if (error == -ECONNABORTED)
		error = -EHOSTUNREACH;
out:
	net_unlock(flags);
	return error ? error : (long)message->total;
}

static int udp_shutdown_socket(struct socket *socket, int how)
{
	(void)how;
	return udp_of(socket)->connected ? 0 : -ENOTCONN;
}

static int udp_name(struct socket *socket, struct socket_address *address, bool peer)
{
	struct udp_socket *udp = udp_of(socket);
	uint64_t flags = net_lock();
	int error = 0;

	if (peer && !udp->connected)
		error = -ENOTCONN;
	else if (!udp->pcb)
		inet_address_out(socket, IP4_ADDR_ANY, 0, address);
	else if (peer)
		inet_address_out(socket, &udp->pcb->remote_ip, udp->pcb->remote_port, address);
	else
		inet_address_out(socket, &udp->pcb->local_ip, udp->pcb->local_port, address);
	net_unlock(flags);
	return error;
}

static int udp_set_option(struct socket *socket, int level, int name, const void *value,
			  unsigned length)
{
	struct udp_socket *udp = udp_of(socket);
	int number = 0, error = 0;

	if (length >= sizeof(int))
		memcpy(&number, value, sizeof(number));
	uint64_t flags = net_lock();
	if (level == SOL_SOCKET) {
		if (udp->pcb && name == SO_BROADCAST && number)
			ip_set_option(udp->pcb, SOF_BROADCAST);
		else if (udp->pcb && name == SO_BROADCAST)
			ip_reset_option(udp->pcb, SOF_BROADCAST);
		if (udp->pcb && (name == SO_REUSEADDR || name == SO_REUSEPORT) && number)
			ip_set_option(udp->pcb, SOF_REUSEADDR);
	} else if (level == IPPROTO_IPV6 && name == IPV6_V6ONLY && socket->family == AF_INET6) {
		if (udp->pcb && udp->pcb->local_port)
			error = -EINVAL;
		else
			udp->v6_only = number;
		if (!error && udp->pcb)
			IP_SET_TYPE_VAL(udp->pcb->local_ip,
					number ? IPADDR_TYPE_V6 : IPADDR_TYPE_ANY);
	} else if (level == IPPROTO_IP && (name == IP_TOS || name == IP_TTL)) {
		if (!(error = ensure_pcb(udp)))
			*(name == IP_TOS ? &udp->pcb->tos : &udp->pcb->ttl) = (uint8_t)number;
	} else {
		error = -ENOPROTOOPT;
	}
	net_unlock(flags);
	return error;
}

static int udp_get_option(struct socket *socket, int level, int name, void *value, unsigned *length)
{
	struct udp_socket *udp = udp_of(socket);
	int number;

	if (level == IPPROTO_IPV6 && name == IPV6_V6ONLY && socket->family == AF_INET6)
		number = udp->v6_only;
	else if (level == IPPROTO_IP && name == IP_TTL)
		number = udp->pcb ? udp->pcb->ttl : UDP_TTL;
	else if (level == IPPROTO_IP && name == IP_TOS)
		number = udp->pcb ? udp->pcb->tos : 0;
	else
		return -ENOPROTOOPT;
	return socket_option_int(value, length, number);
}

static unsigned udp_poll_socket(struct socket *socket)
{
	struct udp_socket *udp = udp_of(socket);
	unsigned events = POLL_OUT | POLL_WRNORM;

	if (!datagram_queue_empty(&udp->queue))
		events |= POLL_IN | POLL_RDNORM;
	if (socket->error)
		events |= POLL_ERR;
	return events;
}

static long udp_ioctl(struct socket *socket, unsigned long request, void *argument)
{
	struct udp_socket *udp = udp_of(socket);

	if (request != FIONREAD)
		return inet_ioctl(socket, request, argument);
	/* Linux: the size of the next datagram. */
	int value = 0;
	uint64_t flags = net_lock();
	if (!datagram_queue_empty(&udp->queue))
		value = (int)datagram_queue_next_length(&udp->queue);
	net_unlock(flags);
	return copy_to_user(argument, &value, sizeof(value));
}

static void udp_release(struct socket *socket)
{
	struct udp_socket *udp = udp_of(socket);
	uint64_t flags = net_lock();

	if (udp->pcb)
		udp_remove(udp->pcb);
	datagram_queue_clear(&udp->queue);
	net_unlock(flags);
	heap_free(udp);
	socket_free(socket);
}

static int udp_listen_socket(struct socket *socket, int backlog)
{
	(void)socket;
	(void)backlog;
	return -EOPNOTSUPP;
}

static int udp_accept_socket(struct socket *socket, struct socket **accepted,
			     struct socket_address *peer)
{
	(void)socket;
	(void)accepted;
	(void)peer;
	return -EOPNOTSUPP;
}

static const struct socket_operations udp_operations = {
    .bind = udp_bind_socket,
    .listen = udp_listen_socket,
    .accept = udp_accept_socket,
    .connect = udp_connect_socket,
    .send = udp_send_socket,
    .receive = udp_receive_socket,
    .shutdown = udp_shutdown_socket,
    .name = udp_name,
    .set_option = udp_set_option,
    .get_option = udp_get_option,
    .poll = udp_poll_socket,
    .ioctl = udp_ioctl,
    .release = udp_release,
};

int inet_udp_create(struct socket *socket)
{
	struct udp_socket *udp = heap_alloc_zeroed(sizeof(*udp));

	if (!udp)
		return -ENOMEM;
	udp->socket = socket;
	datagram_queue_init(&udp->queue);
	socket->private = udp;
	socket->ops = &udp_operations;
	return 0;
}

bool inet_udp_is_socket(const struct udp_pcb *pcb)
{
	return pcb->recv == on_receive;
}
