// SPDX-License-Identifier: MIT
/* The SIOCGIF* requests on an inet socket (see net/inet.h): what ifconfig and programs that
 * list their addresses ask. Linux's struct ifreq and struct ifconf, IPv4 addresses. */
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "lib/string.h"
#include "lwip/netif.h"
#include "net/inet.h"
#include "net/interface.h"
#include "net/stack.h"
#include "sys/user_memory.h"

#define SIOCGIFCONF	0x8912
#define SIOCGIFFLAGS	0x8913
#define SIOCGIFADDR	0x8915
#define SIOCGIFBRDADDR	0x8919
#define SIOCGIFNETMASK	0x891b
#define SIOCGIFMTU	0x8921
#define SIOCGIFHWADDR	0x8927
#define SIOCGIFINDEX	0x8933
#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_LOOPBACK	0x8
#define IFF_RUNNING	0x40
#define IFF_MULTICAST	0x1000
#define ARPHRD_ETHER	1
#define ARPHRD_LOOPBACK 772
#define IFNAMSIZ	16

struct linux_ifreq {
	char name[IFNAMSIZ];
	union {
		struct {
			uint16_t family;
			uint16_t port;
			uint32_t address;
			uint8_t zero[8];
		} in;
		struct {
			uint16_t family;
			uint8_t data[14];
		} hardware;
		int number;
		uint8_t padding[24];
	};
};

struct linux_ifconf {
	int length;
	int padding;
	struct linux_ifreq *requests;
};

static void put_ipv4(struct linux_ifreq *request, const ip4_addr_t *address)
{
	memset(&request->in, 0, sizeof(request->in));
	request->in.family = AF_INET;
	request->in.address = ip4_addr_get_u32(address);
}

static long interface_list(void *argument)
{
	struct linux_ifconf list;
	struct linux_ifreq entry;
	const char *name;
	struct netif *netif;
	struct nic *nic;
	int used = 0;

	if (copy_from_user(&list, argument, sizeof(list)))
		return -EFAULT;
	for (unsigned i = 0; i < interface_count(); i++) {
		if (!interface_at(i, &name, &netif, &nic) ||
		    ip4_addr_isany_val(*netif_ip4_addr(netif)))
			continue; /* Linux lists the interfaces that have an IPv4 address */
		if (list.requests) {
			if (used + (int)sizeof(entry) > list.length)
				break;
			memset(&entry, 0, sizeof(entry));
			strlcpy(entry.name, name, sizeof(entry.name));
			put_ipv4(&entry, netif_ip4_addr(netif));
			if (copy_to_user((char *)list.requests + used, &entry, sizeof(entry)))
				return -EFAULT;
		}
		used += (int)sizeof(entry);
	}
	list.length = used;
	return copy_to_user(argument, &list, sizeof(list));
}

static long interface_request(unsigned long request, void *argument)
{
	struct linux_ifreq entry;
	struct netif *netif;
	struct nic *nic;

	if (copy_from_user(&entry, argument, sizeof(entry)))
		return -EFAULT;
	entry.name[IFNAMSIZ - 1] = '\0';
	if (interface_find(entry.name, &netif, &nic))
		return -ENODEV;
	switch (request) {
	case SIOCGIFFLAGS:
		entry.number = (netif_is_up(netif) ? IFF_UP : 0) |
			       (netif_is_up(netif) && netif_is_link_up(netif) ? IFF_RUNNING : 0) |
			       (nic ? IFF_BROADCAST | IFF_MULTICAST : IFF_LOOPBACK);
		break;
	case SIOCGIFADDR:
		put_ipv4(&entry, netif_ip4_addr(netif));
		break;
	case SIOCGIFNETMASK:
		put_ipv4(&entry, netif_ip4_netmask(netif));
		break;
	case SIOCGIFBRDADDR: {
		ip4_addr_t broadcast;
		/* The loopback has none, as on Linux. */
		ip4_addr_set_u32(&broadcast, nic ? ip4_addr_get_u32(netif_ip4_addr(netif)) |
						       ~ip4_addr_get_u32(netif_ip4_netmask(netif))
						 : 0);
		put_ipv4(&entry, &broadcast);
		break;
	}
	case SIOCGIFMTU:
		entry.number = netif->mtu ? netif->mtu : 65536;
		break;
	case SIOCGIFHWADDR:
		memset(&entry.hardware, 0, sizeof(entry.hardware));
		entry.hardware.family = nic ? ARPHRD_ETHER : ARPHRD_LOOPBACK;
		if (nic)
			memcpy(entry.hardware.data, nic->mac, 6);
		break;
	case SIOCGIFINDEX:
		entry.number = netif_get_index(netif);
		break;
	}
	return copy_to_user(argument, &entry, sizeof(entry));
}

long inet_ioctl(struct socket *socket, unsigned long request, void *argument)
{
	long result;

	(void)socket;
	switch (request) {
	case SIOCGIFCONF:
	case SIOCGIFFLAGS:
	case SIOCGIFADDR:
	case SIOCGIFBRDADDR:
	case SIOCGIFNETMASK:
	case SIOCGIFMTU:
	case SIOCGIFHWADDR:
	case SIOCGIFINDEX:
		break;
	default:
		return -ENOTTY;
	}
	uint64_t flags = net_lock();
	result = request == SIOCGIFCONF ? interface_list(argument)
					: interface_request(request, argument);
	net_unlock(flags);
	return result;
}
