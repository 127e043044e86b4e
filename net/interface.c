// SPDX-License-Identifier: MIT
/* Network interfaces (see net/interface.h): NICs as lwIP netifs, their configuration and
 * counters, and /etc/resolv.conf. */
#include "net/interface.h"
#include "fs/vfs.h"
#include "include/uapi/errno.h"
#include "kernel/cmdline.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "kernel/random.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "lib/format.h"
#include "lib/string.h"
#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/igmp.h"
#include "lwip/ip.h"
#include "lwip/mld6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/priv/tcp_priv.h"
#include "netif/ethernet.h"
#include "net/frame_checksum.h"
#include "net/stack.h"

#define NIC_MAX	     4
#define PIECES_MAX   16
#define DHCP_WAIT_NS (3000ull * 1000000)
#define RESOLV_CONF  "/etc/resolv.conf"

bool net_input_again;
static struct nic *nics[NIC_MAX];
static struct netif netifs[NIC_MAX];
static unsigned nic_count;
static bool stack_started;
static struct wait_queue lease_waiters;

static err_t link_output(struct netif *netif, struct pbuf *chain)
{
	struct nic *nic = netif->state;
	struct nic_piece pieces[PIECES_MAX];
	unsigned count = 0;
	struct pbuf *flat = NULL;

	if (pbuf_clen(chain) > PIECES_MAX) {
		flat = pbuf_clone(PBUF_RAW, PBUF_RAM, chain);
		if (!flat) {
			nic->counters.transmit_dropped++;
			return ERR_MEM;
		}
		chain = flat;
	}
	for (struct pbuf *piece = chain; piece; piece = piece->next)
		pieces[count++] = (struct nic_piece){piece->payload, piece->len};
	int error = nic->transmit(nic, pieces, count, chain->tot_len);
	if (error) {
		nic->counters.transmit_dropped++;
	} else {
		nic->counters.transmit_packets++;
		nic->counters.transmit_bytes += chain->tot_len;
	}
	if (flat)
		pbuf_free(flat);
	return error ? ERR_MEM : ERR_OK;
}

/* A frame's bytes from the NIC's pieces into one pbuf, from byte `skip` on. */
static struct pbuf *gather(const struct nic_piece *pieces, unsigned count, size_t length,
			   size_t skip)
{
	struct pbuf *packet = pbuf_alloc(PBUF_RAW, (uint16_t)(length - skip), PBUF_RAM);
	size_t copied = 0;

	if (!packet)
		return NULL;
	for (unsigned i = 0; i < count; i++) {
		size_t piece_skip = MIN(skip, pieces[i].length);
		size_t take = pieces[i].length - piece_skip;
		memcpy((uint8_t *)packet->payload + copied,
		       (const uint8_t *)pieces[i].data + piece_skip, take);
		copied += take;
		skip -= piece_skip;
	}
	return packet;
}

/* One frame into the stack: Ethernet input, or, for a frame beyond a pbuf's 16-bit length (a
 * coalesced TCP segment of 64 KiB from the NIC), its IP packet straight to IP input. */
static err_t input_frame(struct nic *nic, const struct nic_piece *pieces, unsigned count,
			 size_t length, bool checksum_good)
{
	struct netif *netif = nic->interface;
	bool large = length > 0xffff;
	struct pbuf *packet = gather(pieces, count, length, large ? SIZEOF_ETH_HDR : 0);

	if (!packet)
		return ERR_MEM;
	/* Where the NIC checks TCP checksums lwIP does not: the frames it did not vouch for are
	 * checked here. */
	if (nic->receive_checksum && !checksum_good && !large &&
	    !frame_checksum_tcp_valid(packet->payload, packet->len)) {
		pbuf_free(packet);
		nic->counters.receive_errors++;
		return ERR_OK;
	}
	err_t error = large ? ip_input(packet, netif) : netif->input(packet, netif);
	if (error != ERR_OK)
		pbuf_free(packet);
	return error;
}

void nic_receive_pieces(struct nic *nic, const struct nic_piece *pieces, unsigned count,
			size_t length, bool checksum_good)
{
	if (length < SIZEOF_ETH_HDR || length > 0xffff + SIZEOF_ETH_HDR || !nic->interface) {
		nic->counters.receive_errors++;
		return;
	}
	nic->counters.receive_packets++;
	nic->counters.receive_bytes += length;
	net_input_again = false;
	if (input_frame(nic, pieces, count, length, checksum_good) != ERR_OK)
		nic->counters.receive_dropped++;
	/* A SYN that ended a TIME_WAIT (net/inet_tcp.c) goes in again, for the listener. */
	if (net_input_again) {
		net_input_again = false;
		input_frame(nic, pieces, count, length, checksum_good);
	}
}

void nic_receive(struct nic *nic, const void *frame, size_t length)
{
	struct nic_piece piece = {frame, length};

	nic_receive_pieces(nic, &piece, 1, length, false);
}

void nic_flush_all(void)
{
	for (unsigned i = 0; i < nic_count; i++)
		if (nics[i]->flush)
			nics[i]->flush(nics[i]);
}

void nic_transmit_ready(struct nic *nic)
{
	(void)nic;
	/* TCP keeps what the NIC refused on its unsent queues: send it now, not at the next
	 * retransmission timeout. (Other protocols' frames were dropped, as on a full queue.) */
	for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
		if (pcb->unsent)
			tcp_output(pcb);
}

static void write_resolv_conf(const ip_addr_t *server)
{
	char text[96], address[IPADDR_STRLEN_MAX];
	struct file *file;

	if (ip_addr_isany(server) || !ipaddr_ntoa_r(server, address, sizeof(address)))
		return;
	int length = format_snprintf(text, sizeof(text), "nameserver %s\n", address);
	if (vfs_open(NULL, RESOLV_CONF, O_WRONLY | O_CREAT | O_TRUNC, 0644, &file)) {
		pr_warn("net: cannot write %s\n", RESOLV_CONF);
		return;
	}
	file_write(file, text, (size_t)length);
	file_put(file);
}

/* The interface's address changed (a DHCP lease, or static configuration). */
static void status_changed(struct netif *netif)
{
	struct nic *nic = netif->state;
	char address[IP4ADDR_STRLEN_MAX];

	/* Called for IPv6 address changes too: only a new IPv4 address is news. */
	if (ip4_addr_isany_val(*netif_ip4_addr(netif)) ||
	    ip4_addr_cmp(netif_ip4_addr(netif), &nic->announced))
		return;
	ip4_addr_copy(nic->announced, *netif_ip4_addr(netif));
	ip4addr_ntoa_r(netif_ip4_addr(netif), address, sizeof(address));
	pr_info("net: %s: %s/%d%s\n", nic->name, address,
		__builtin_popcount(ip4_addr_get_u32(netif_ip4_netmask(netif))),
		dhcp_supplied_address(netif) ? " (DHCP)" : "");
	if (dhcp_supplied_address(netif))
		write_resolv_conf(dns_getserver(0));
	wait_queue_wake(&lease_waiters, ~0u);
}

static err_t netif_setup(struct netif *netif)
{
	struct nic *nic = netif->state;

	netif->name[0] = 'e';
	netif->name[1] = 't';
	netif->hostname = "yolk";
	netif->mtu = nic->mtu;
	netif->mtu6 = nic->mtu;
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, nic->mac, ETH_HWADDR_LEN);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET |
		       NETIF_FLAG_IGMP | NETIF_FLAG_MLD6;
	netif->output = etharp_output;
	netif->output_ip6 = ethip6_output;
	netif->linkoutput = link_output;
	return ERR_OK;
}

/* ip=ADDRESS/PREFIX gw=GATEWAY dns=SERVER: returns false (and says why) when malformed. */
static bool configure_static(struct netif *netif, const struct cmdline *cmdline)
{
	char text[32];
	ip4_addr_t address, mask, gateway = {0};
	ip_addr_t server;
	const char *slash = strchr(cmdline->network_address, '/');
	unsigned prefix = 24;

	strlcpy(text, cmdline->network_address, sizeof(text));
	if (slash) {
		text[slash - cmdline->network_address] = '\0';
		prefix = 0;
		for (const char *digit = slash + 1; *digit >= '0' && *digit <= '9'; digit++)
			prefix = prefix * 10 + (unsigned)(*digit - '0');
	}
	if (!ip4addr_aton(text, &address) || prefix > 32 ||
	    (cmdline->network_gateway && !ip4addr_aton(cmdline->network_gateway, &gateway))) {
		pr_error("net: ip=%s gw=%s: not an IPv4 address/prefix and gateway\n",
			 cmdline->network_address,
			 cmdline->network_gateway ? cmdline->network_gateway : "");
		return false;
	}
	ip4_addr_set_u32(&mask, prefix ? lwip_htonl(~0u << (32 - prefix)) : 0);
	netif_set_addr(netif, &address, &mask, &gateway);
	if (cmdline->network_dns && ipaddr_aton(cmdline->network_dns, &server))
		write_resolv_conf(&server);
	return true;
}

static void start_interface(struct nic *nic, struct netif *netif, const struct cmdline *cmdline,
			    bool first)
{
	if (!netif_add(netif, NULL, NULL, NULL, nic, netif_setup, ethernet_input)) {
		pr_warn("net: %s: lwIP refused the interface\n", nic->name);
		return;
	}
	nic->interface = netif;
	/* TCP checksums the NIC computes or checks, lwIP does not (UDP's stay lwIP's: a datagram
	 * too big for one frame is checksummed before it is cut into fragments). */
	NETIF_SET_CHECKSUM_CTRL(netif, NETIF_CHECKSUM_ENABLE_ALL &
					   ~(nic->transmit_checksum ? NETIF_CHECKSUM_GEN_TCP : 0) &
					   ~(nic->receive_checksum ? NETIF_CHECKSUM_CHECK_TCP : 0));
	netif_set_status_callback(netif, status_changed);
	netif_create_ip6_linklocal_address(netif, 1);
	netif_set_ip6_autoconfig_enabled(netif, 1);
	if (!nics[1] && first)
		netif_set_default(netif);
	netif_set_link_up(netif);
	netif_set_up(netif);
	if (first && cmdline && cmdline->network_address) {
		if (configure_static(netif, cmdline))
			return;
	}
	if (dhcp_start(netif) != ERR_OK)
		pr_warn("net: %s: DHCP did not start\n", nic->name);
}

int nic_register(struct nic *nic)
{
	if (nic_count >= NIC_MAX) {
		pr_warn("net: more than %u NICs: %s ignored\n", NIC_MAX, nic->driver);
		return -ENOMEM;
	}
	format_snprintf(nic->name, sizeof(nic->name), "eth%u", nic_count);
	nics[nic_count] = nic;
	pr_info("net: %s: %s, MAC %02x:%02x:%02x:%02x:%02x:%02x\n", nic->name, nic->driver,
		nic->mac[0], nic->mac[1], nic->mac[2], nic->mac[3], nic->mac[4], nic->mac[5]);
	nic_count++;
	if (stack_started)
		start_interface(nic, &netifs[nic_count - 1], NULL, false);
	return 0;
}

static bool any_waiting_for_lease(void)
{
	for (unsigned i = 0; i < nic_count; i++)
		if (nics[i]->interface && netif_dhcp_data(nics[i]->interface) &&
		    !dhcp_supplied_address(nics[i]->interface))
			return true;
	return false;
}

void interface_start_all(const struct cmdline *cmdline)
{
	struct netif *loopback = netif_find("lo0");

	/* Nothing corrupts frames that never leave memory: no checksums on the loopback. */
	if (loopback)
		NETIF_SET_CHECKSUM_CTRL(loopback, NETIF_CHECKSUM_DISABLE_ALL);
	wait_queue_init(&lease_waiters);
	stack_started = true;
	for (unsigned i = 0; i < nic_count; i++)
		start_interface(nics[i], &netifs[i], cmdline, i == 0);
	if (nic_count && !netif_default)
		netif_set_default(&netifs[0]);
	uint64_t deadline = time_monotonic_ns() + DHCP_WAIT_NS;
	while (any_waiting_for_lease() && time_monotonic_ns() < deadline)
		wait_queue_sleep(&lease_waiters, deadline);
	if (any_waiting_for_lease())
		pr_warn("net: no DHCP lease yet; still asking\n");
}

unsigned interface_count(void)
{
	return nic_count + 1;
}

bool interface_at(unsigned index, const char **name, struct netif **netif, struct nic **nic)
{
	if (index > nic_count)
		return false;
	if (index == 0) {
		*name = "lo";
		*nic = NULL;
		*netif = netif_find("lo0");
		return *netif != NULL;
	}
	*nic = nics[index - 1];
	*name = (*nic)->name;
	*netif = (*nic)->interface;
	return *netif != NULL;
}

int interface_find(const char *name, struct netif **netif, struct nic **nic)
{
	const char *candidate;

	for (unsigned i = 0; i < interface_count(); i++)
		if (interface_at(i, &candidate, netif, nic) && !strcmp(candidate, name))
			return 0;
	return -ENODEV;
}

void net_random_mac(uint8_t mac[6])
{
	random_fill(mac, 6);
	mac[0] = (uint8_t)((mac[0] & 0xfe) | 0x02);
}
