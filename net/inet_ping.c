// SPDX-License-Identifier: MIT
/* ICMP echo sockets, Linux's "ping sockets" (socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)):
 * the application sends an ICMP echo request (header and data; the kernel sets the
 * identifier to the socket's and the checksum) and receives the replies to it, without the
 * IP header. Over an lwIP raw PCB, which sees ICMP before lwIP's own echo server does. */
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "lib/string.h"
#include "lwip/inet_chksum.h"
#include "lwip/ip4.h"
#include "lwip/prot/icmp.h"
#include "lwip/raw.h"
#include "mm/heap.h"
#include "net/datagram_queue.h"
#include "net/inet.h"
#include "net/stack.h"

#define ECHO_REQUEST 8
#define ECHO_REPLY   0
#define ICMP_HEADER  8

struct ping_socket {
	struct socket *socket;
	struct raw_pcb *pcb;
	struct datagram_queue queue;
	uint16_t identifier; /* network order */
	bool connected;	     /* connect() gave a default destination */
	ip_addr_t peer;
};

static const struct socket_operations ping_operations;

static struct ping_socket *ping_of(struct socket *socket)
{
	return socket->private;
}

/* An echo reply with our identifier is ours: queued without its IP header. */
static uint8_t on_receive(void *argument, struct raw_pcb *pcb, struct pbuf *packet,
			  const ip_addr_t *from)
{
	struct ping_socket *ping = argument;
	struct icmp_echo_hdr header;

	(void)pcb;
	if (packet->len < IP_HLEN)
		return 0;
	uint16_t header_length = (uint16_t)(IPH_HL((struct ip_hdr *)packet->payload) * 4);
	if (pbuf_copy_partial(packet, &header, sizeof(header), header_length) != sizeof(header) ||
	    header.type != ECHO_REPLY || header.id != ping->identifier)
		return 0;
	pbuf_remove_header(packet, header_length);
	if (datagram_queue_add(&ping->queue, ping->socket->receive_buffer, packet, from, 0))
		socket_wake(ping->socket);
	return 1;
}

static long ping_send(struct socket *socket, struct socket_message *message)
{
	struct ping_socket *ping = ping_of(socket);
	struct icmp_echo_hdr *header;
	ip_addr_t ip;
	uint16_t port;
	long error;

	if (!message->address && !ping->connected)
		return -EDESTADDRREQ;
	if (!message->address)
		ip_addr_copy(ip, ping->peer);
	else if ((error = inet_address_in(socket, message->address, &ip, &port)))
		return error;
	if (message->total < ICMP_HEADER || message->total > 0xffff - IP_HLEN)
		return message->total < ICMP_HEADER ? -EINVAL : -EMSGSIZE;
	uint64_t flags = net_lock();
	struct pbuf *packet = pbuf_alloc(PBUF_IP, (uint16_t)message->total, PBUF_RAM);
	if (!packet) {
		error = -ENOBUFS;
		goto out;
	}
	socket_message_copy_in(message, 0, packet->payload, message->total);
	header = packet->payload;
	if (header->type != ECHO_REQUEST || header->code) {
		error = -EINVAL;
		goto err_free_packet;
	}
	header->id = ping->identifier;
	header->chksum = 0;
	header->chksum = inet_chksum(header, (uint16_t)message->total);
	error = inet_error(raw_sendto(ping->pcb, packet, &ip));
err_free_packet:
	pbuf_free(packet);
out:
	net_unlock(flags);
	return error ? error : (long)message->total;
}

static long ping_receive(struct socket *socket, struct socket_message *message)
{
	struct ping_socket *ping = ping_of(socket);
	ip_addr_t from;
	uint16_t port;
	uint64_t flags = net_lock();
	long result = datagram_queue_wait(&ping->queue, socket, message->flags);

	if (!result)
		result = datagram_queue_take(&ping->queue, message, &from, &port);
	if (result >= 0 && message->address)
		inet_address_out(socket, &from, 0, message->address);
	net_unlock(flags);
	return result;
}

static unsigned ping_poll(struct socket *socket)
{
	struct ping_socket *ping = ping_of(socket);
	uint64_t flags = net_lock();
	unsigned events = POLL_OUT | POLL_WRNORM;

	if (!datagram_queue_empty(&ping->queue))
		events |= POLL_IN | POLL_RDNORM;
	net_unlock(flags);
	return events;
}

static int ping_bind(struct socket *socket, const struct socket_address *address)
{
	ip_addr_t ip;
	uint16_t port;
	int error = inet_address_in(socket, address, &ip, &port);

	if (!error && port)
		ping_of(socket)->identifier = lwip_htons(port);
	return error;
}

static int ping_name(struct socket *socket, struct socket_address *address, bool peer)
{
	struct ping_socket *ping = ping_of(socket);

	if (peer && !ping->connected)
		return -ENOTCONN;
	if (peer) {
		inet_address_out(socket, &ping->peer, 0, address);
		return 0;
	}
	inet_address_out(socket, IP4_ADDR_ANY, lwip_ntohs(ping_of(socket)->identifier), address);
	return 0;
}

static int ping_not_supported(void)
{
	return -EOPNOTSUPP;
}

static int ping_listen(struct socket *socket, int backlog)
{
	(void)socket;
	(void)backlog;
	return ping_not_supported();
}

static int ping_accept(struct socket *socket, struct socket **accepted, struct socket_address *peer)
{
	(void)socket;
	(void)accepted;
	(void)peer;
	return ping_not_supported();
}

/* connect() sets the destination of sends without an address (as on Linux). */
static int ping_connect(struct socket *socket, const struct socket_address *address)
{
	struct ping_socket *ping = ping_of(socket);
	uint16_t port;

	if (address->length >= sizeof(uint16_t) && address->family == AF_UNSPEC) {
		ping->connected = false;
		return 0;
	}
	int error = inet_address_in(socket, address, &ping->peer, &port);
	ping->connected = !error;
	return error;
}

static int ping_shutdown(struct socket *socket, int how)
{
	(void)socket;
	(void)how;
	return -ENOTCONN;
}

static void ping_release(struct socket *socket)
{
	struct ping_socket *ping = ping_of(socket);
	uint64_t flags = net_lock();

	raw_remove(ping->pcb);
	datagram_queue_clear(&ping->queue);
	net_unlock(flags);
	heap_free(ping);
	socket_free(socket);
}

static const struct socket_operations ping_operations = {
    .bind = ping_bind,
    .listen = ping_listen,
    .accept = ping_accept,
    .connect = ping_connect,
    .send = ping_send,
    .receive = ping_receive,
    .shutdown = ping_shutdown,
    .name = ping_name,
    .poll = ping_poll,
    .ioctl = inet_ioctl,
    .release = ping_release,
};

int inet_ping_create(struct socket *socket)
{
	if (socket->family != AF_INET)
		return -EPROTONOSUPPORT; /* FIXME: ICMPv6 echo sockets */
	struct ping_socket *ping = heap_alloc_zeroed(sizeof(*ping));
	if (!ping)
		return -ENOMEM;
	uint64_t flags = net_lock();
	ping->pcb = raw_new(IP_PROTO_ICMP);
	if (ping->pcb)
		raw_recv(ping->pcb, on_receive, ping);
	net_unlock(flags);
	if (!ping->pcb) {
		heap_free(ping);
		return -ENOMEM;
	}
	ping->socket = socket;
	ping->identifier = (uint16_t)net_random32();
	datagram_queue_init(&ping->queue);
	socket->private = ping;
	socket->ops = &ping_operations;
	return 0;
}
