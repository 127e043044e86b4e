// SPDX-License-Identifier: MIT
/* The AF_INET and AF_INET6 families (see net/inet.h): which protocol a socket() call makes,
 * and the address conversions the protocols share. */
#include "net/inet.h"
#include "include/uapi/errno.h"
#include "lib/string.h"
#include "lwip/err.h"
#include "lwip/netif.h"

struct linux_sockaddr_in {
	uint16_t family;
	uint16_t port; /* network order */
	uint32_t address;
	uint8_t zero[8];
};

struct linux_sockaddr_in6 {
	uint16_t family;
	uint16_t port;
	uint32_t flow;
	uint32_t address[4];
	uint32_t scope;
};

int inet_socket_create(int family, int type, int protocol, struct socket **result)
{
	int (*create)(struct socket * socket);

	if (type == SOCK_STREAM && (protocol == 0 || protocol == IPPROTO_TCP))
		create = inet_tcp_create;
	else if (type == SOCK_DGRAM && (protocol == 0 || protocol == IPPROTO_UDP))
		create = inet_udp_create;
	else if (type == SOCK_DGRAM && ((family == AF_INET && protocol == IPPROTO_ICMP) ||
					(family == AF_INET6 && protocol == IPPROTO_ICMPV6)))
		create = inet_ping_create;
	else if (type == SOCK_STREAM || type == SOCK_DGRAM)
		return -EPROTONOSUPPORT;
	else
		return -ESOCKTNOSUPPORT;
	struct socket *socket = socket_new(family, type, protocol, NULL);
	if (!socket)
		return -ENOMEM;
	if (!protocol)
		socket->protocol = type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
	int error = create(socket);
	if (error) {
		socket_free(socket);
		return error;
	}
	*result = socket;
	return 0;
}

int inet_address_in(const struct socket *socket, const struct socket_address *address,
		    ip_addr_t *ip, uint16_t *port)
{
	if (address->length < sizeof(uint16_t))
		return -EINVAL;
	if (address->family == AF_INET && socket->family == AF_INET) {
		struct linux_sockaddr_in in;
		if (address->length < sizeof(in))
			return -EINVAL;
		memcpy(&in, address->bytes, sizeof(in));
		ip_addr_set_ip4_u32_val(*ip, in.address);
		*port = lwip_ntohs(in.port);
		return 0;
	}
	if (address->family == AF_INET6 && socket->family == AF_INET6) {
		struct linux_sockaddr_in6 in6;
		if (address->length < sizeof(in6))
			return -EINVAL;
		memcpy(&in6, address->bytes, sizeof(in6));
		*port = lwip_ntohs(in6.port);
		/* ::ffff:a.b.c.d is the IPv4 address a.b.c.d */
		if (!in6.address[0] && !in6.address[1] && in6.address[2] == lwip_htonl(0xffff)) {
			ip_addr_set_ip4_u32_val(*ip, in6.address[3]);
			return 0;
		}
		IP_ADDR6(ip, in6.address[0], in6.address[1], in6.address[2], in6.address[3]);
		ip6_addr_assign_zone(ip_2_ip6(ip), IP6_UNKNOWN, netif_default);
		if (in6.scope)
			ip6_addr_set_zone(ip_2_ip6(ip), (uint8_t)in6.scope);
		return 0;
	}
	return -EAFNOSUPPORT;
}

void inet_address_out(const struct socket *socket, const ip_addr_t *ip, uint16_t port,
		      struct socket_address *address)
{
	memset(address->bytes, 0, sizeof(address->bytes));
	if (socket->family == AF_INET) {
		struct linux_sockaddr_in in = {.family = AF_INET, .port = lwip_htons(port)};
		in.address = IP_IS_V4(ip) ? ip4_addr_get_u32(ip_2_ip4(ip)) : 0;
		memcpy(address->bytes, &in, sizeof(in));
		address->length = sizeof(in);
		return;
	}
	struct linux_sockaddr_in6 in6 = {.family = AF_INET6, .port = lwip_htons(port)};
	if (IP_IS_V4(ip) && !ip_addr_isany(ip)) {
		in6.address[2] = lwip_htonl(0xffff);
		in6.address[3] = ip4_addr_get_u32(ip_2_ip4(ip));
	} else if (IP_IS_V6(ip)) {
		memcpy(in6.address, ip_2_ip6(ip)->addr, sizeof(in6.address));
		if (ip6_addr_has_zone(ip_2_ip6(ip)) && ip6_addr_islinklocal(ip_2_ip6(ip)))
			in6.scope = ip6_addr_zone(ip_2_ip6(ip));
	}
	memcpy(address->bytes, &in6, sizeof(in6));
	address->length = sizeof(in6);
}

uint8_t inet_address_type(const struct socket *socket, bool v6_only)
{
	return socket->family == AF_INET ? IPADDR_TYPE_V4
	       : v6_only		 ? IPADDR_TYPE_V6
					 : IPADDR_TYPE_ANY;
}

void inet_address_any(const struct socket *socket, bool v6_only, ip_addr_t *ip)
{
	if (socket->family == AF_INET)
		ip_addr_copy(*ip, *IP4_ADDR_ANY);
	else if (v6_only)
		ip_addr_copy(*ip, *IP6_ADDR_ANY);
	else
		ip_addr_copy(*ip, *IP_ANY_TYPE);
}

int inet_error(int8_t error)
{
	switch (error) {
	case ERR_OK:
		return 0;
	case ERR_MEM:
	case ERR_BUF:
		return -ENOBUFS;
	case ERR_TIMEOUT:
		return -ETIMEDOUT;
	case ERR_RTE:
		return -ENETUNREACH;
	case ERR_INPROGRESS:
		return -EINPROGRESS;
	case ERR_VAL:
	case ERR_ARG:
		return -EINVAL;
	case ERR_WOULDBLOCK:
		return -EAGAIN;
	case ERR_USE:
		return -EADDRINUSE;
	case ERR_ALREADY:
		return -EALREADY;
	case ERR_ISCONN:
		return -EISCONN;
	case ERR_CONN:
		return -ENOTCONN;
	case ERR_IF:
		return -ENETDOWN;
	case ERR_ABRT:
		return -ECONNABORTED;
	case ERR_RST:
		return -ECONNRESET;
	case ERR_CLSD:
		return -ENOTCONN;
	default:
		return -EIO;
	}
}
