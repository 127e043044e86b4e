/* SPDX-License-Identifier: MIT */
/* What the AF_INET and AF_INET6 families share (net/inet.c): converting the application's
 * sockaddr_in/sockaddr_in6 to lwIP's addresses and back (IPv4 peers of a dual-stack IPv6
 * socket appear as ::ffff:a.b.c.d, as on Linux), lwIP's errors as errno values, and the IP
 * options. Each protocol is a file: net/inet_tcp.c, net/inet_udp.c, net/inet_ping.c. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "lwip/ip_addr.h"
#include "net/socket.h"

#define IPPROTO_IP     0
#define IPPROTO_ICMP   1
#define IPPROTO_TCP    6
#define IPPROTO_UDP    17
#define IPPROTO_IPV6   41
#define IPPROTO_ICMPV6 58

#define IP_TOS	    1
#define IP_TTL	    2
#define IPV6_V6ONLY 26

/* An address for `socket` from the application's: 0, -EINVAL (too short), -EAFNOSUPPORT. */
int inet_address_in(const struct socket *socket, const struct socket_address *address,
		    ip_addr_t *ip, uint16_t *port);
/* The application's form, for a socket of `socket`'s family. */
void inet_address_out(const struct socket *socket, const ip_addr_t *ip, uint16_t port,
		      struct socket_address *address);
/* The lwIP address type of a socket's PCB: IPv4, IPv6 only, or both (a dual-stack IPv6 one). */
uint8_t inet_address_type(const struct socket *socket, bool v6_only);
/* The wildcard address a socket of this family binds to by default. */
void inet_address_any(const struct socket *socket, bool v6_only, ip_addr_t *ip);
/* lwIP's err_t as -errno. */
int inet_error(int8_t error);

int inet_tcp_create(struct socket *socket);
int inet_udp_create(struct socket *socket);
int inet_ping_create(struct socket *socket);
/* The interface requests every AF_INET/AF_INET6 socket answers (SIOCGIFCONF, SIOCGIFFLAGS,
 * SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR, SIOCGIFHWADDR, SIOCGIFMTU, SIOCGIFINDEX;
 * net/interface_ioctl.c); -ENOTTY for others. */
long inet_ioctl(struct socket *socket, unsigned long request, void *argument);

/* For /proc/net/tcp: the bytes received and not yet read on the connection whose lwIP PCB has
 * this callback argument (0 for a PCB no socket owns). */
size_t inet_tcp_unread(const void *callback_argument);
/* For /proc/net/udp: whether a UDP PCB is a socket's (lwIP's own DHCP client's is not). */
struct udp_pcb;
bool inet_udp_is_socket(const struct udp_pcb *pcb);
