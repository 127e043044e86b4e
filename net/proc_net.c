// SPDX-License-Identifier: MIT
/* /proc/net: the network's state in Linux's formats (dev, tcp, tcp6, udp, udp6, snmp,
 * sockstat) for netstat-like tools, and /proc/net/lwip, the stack's memory pools (in use, the
 * most ever, allocations refused), which shows whether anything leaks. Registered by
 * net_proc_init at boot; each file is generated under the network lock when opened. */
#include "fs/procfs.h"
#include "kernel/compiler.h"
#include "lwip/memp.h"
#include "lwip/netif.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/stats.h"
#include "lwip/udp.h"
#include "net/inet.h"
#include "net/interface.h"
#include "net/stack.h"

/* Linux's TCP state numbers, by lwIP's enum tcp_state. */
static const uint8_t linux_tcp_state[] = {
    [CLOSED] = 0x07,	  [LISTEN] = 0x0a,     [SYN_SENT] = 0x02,   [SYN_RCVD] = 0x03,
    [ESTABLISHED] = 0x01, [FIN_WAIT_1] = 0x04, [FIN_WAIT_2] = 0x05, [CLOSE_WAIT] = 0x08,
    [CLOSING] = 0x0b,	  [LAST_ACK] = 0x09,   [TIME_WAIT] = 0x06,
};

static void generate_dev(struct procfs_text *text, void *context)
{
	const char *name;
	struct netif *netif;
	struct nic *nic;

	(void)context;
	procfs_printf(text, "Inter-|   Receive                                                |  "
			    "Transmit\n face |bytes    packets errs drop fifo frame compressed "
			    "multicast|bytes    packets errs drop fifo colls carrier compressed\n");
	uint64_t flags = net_lock();
	for (unsigned i = 0; i < interface_count(); i++) {
		if (!interface_at(i, &name, &netif, &nic))
			continue;
		struct nic_counters counters = {0};
		if (nic) {
			counters = nic->counters;
		} else { /* the loopback: lwIP's own counters */
			counters.receive_bytes = netif->mib2_counters.ifinoctets;
			counters.receive_packets = netif->mib2_counters.ifinucastpkts;
			counters.transmit_bytes = netif->mib2_counters.ifoutoctets;
			counters.transmit_packets = netif->mib2_counters.ifoutucastpkts;
			counters.transmit_dropped = netif->mib2_counters.ifoutdiscards;
		}
		procfs_printf(text,
			      "%6s: %7llu %7llu %4llu %4llu    0     0          0         0 %8llu "
			      "%7llu %4llu %4llu    0     0       0          0\n",
			      name, (unsigned long long)counters.receive_bytes,
			      (unsigned long long)counters.receive_packets,
			      (unsigned long long)counters.receive_errors,
			      (unsigned long long)counters.receive_dropped,
			      (unsigned long long)counters.transmit_bytes,
			      (unsigned long long)counters.transmit_packets,
			      (unsigned long long)counters.transmit_errors,
			      (unsigned long long)counters.transmit_dropped);
	}
	net_unlock(flags);
}

/* An address as Linux prints it: the bytes in memory order, as 32-bit words in hex. */
static void print_address(struct procfs_text *text, const ip_addr_t *address, uint16_t port,
			  bool six)
{
	if (!six) {
		procfs_printf(text, "%08X:%04X",
			      IP_IS_V4(address) ? ip4_addr_get_u32(ip_2_ip4(address)) : 0, port);
		return;
	}
	uint32_t words[4] = {0, 0, 0, 0};
	if (IP_IS_V6(address))
		for (int i = 0; i < 4; i++)
			words[i] = ip_2_ip6(address)->addr[i];
	procfs_printf(text, "%08X%08X%08X%08X:%04X", words[0], words[1], words[2], words[3], port);
}

static bool listed_in(const ip_addr_t *local, bool six)
{
	/* A dual-stack PCB (IPADDR_TYPE_ANY) is an IPv6 socket, as on Linux. */
	return six ? !IP_IS_V4_VAL(*local) : IP_IS_V4_VAL(*local);
}

static void tcp_line(struct procfs_text *text, unsigned *number, struct tcp_pcb *pcb, bool six,
		     bool listening)
{
	if (!listed_in(&pcb->local_ip, six))
		return;
	procfs_printf(text, "%4u: ", (*number)++);
	print_address(text, &pcb->local_ip, pcb->local_port, six);
	procfs_printf(text, " ");
	print_address(text, listening ? IP_ANY_TYPE : &pcb->remote_ip,
		      listening ? 0 : pcb->remote_port, six);
	uint32_t queued = listening ? 0 : TCP_SND_BUF - pcb->snd_buf;
	uint32_t unread = listening ? 0 : (uint32_t)inet_tcp_unread(pcb->callback_arg);
	procfs_printf(text, " %02X %08X:%08X 00:00000000 00000000     0        0 0 1\n",
		      linux_tcp_state[pcb->state], queued, unread);
}

static void generate_tcp(struct procfs_text *text, void *context)
{
	bool six = context != NULL;
	unsigned number = 0;

	procfs_printf(text,
		      "  sl  local_address%s rem_address%s   st tx_queue rx_queue tr "
		      "tm->when retrnsmt   uid  timeout inode\n",
		      six ? "                        " : "", six ? "                        " : "");
	uint64_t flags = net_lock();
	for (struct tcp_pcb_listen *pcb = tcp_listen_pcbs.listen_pcbs; pcb; pcb = pcb->next)
		tcp_line(text, &number, (struct tcp_pcb *)pcb, six, true);
	struct tcp_pcb *const lists[] = {tcp_bound_pcbs, tcp_active_pcbs, tcp_tw_pcbs};
	for (unsigned i = 0; i < 3; i++)
		for (struct tcp_pcb *pcb = lists[i]; pcb; pcb = pcb->next)
			tcp_line(text, &number, pcb, six, false);
	net_unlock(flags);
}

static void generate_udp(struct procfs_text *text, void *context)
{
	bool six = context != NULL;
	unsigned number = 0;

	procfs_printf(text,
		      "   sl  local_address%s rem_address%s   st tx_queue rx_queue tr "
		      "tm->when retrnsmt   uid  timeout inode ref pointer drops\n",
		      six ? "                        " : "", six ? "                        " : "");
	uint64_t flags = net_lock();
	for (struct udp_pcb *pcb = udp_pcbs; pcb; pcb = pcb->next) {
		if (!listed_in(&pcb->local_ip, six) || !inet_udp_is_socket(pcb))
			continue;
		procfs_printf(text, "%5u: ", number++);
		print_address(text, &pcb->local_ip, pcb->local_port, six);
		procfs_printf(text, " ");
		print_address(text, &pcb->remote_ip, pcb->remote_port, six);
		procfs_printf(text,
			      " %02X 00000000:00000000 00:00000000 00000000     0        0 0 2 "
			      "0000000000000000 0\n",
			      (pcb->flags & UDP_FLAGS_CONNECTED) ? 0x01 : 0x07);
	}
	net_unlock(flags);
}

static void protocol_line(struct procfs_text *text, const char *name,
			  const struct stats_proto *counters)
{
	procfs_printf(text, "%s: %u %u %u %u %u %u %u %u %u\n", name, counters->xmit,
		      counters->recv, counters->drop, counters->chkerr, counters->lenerr,
		      counters->memerr, counters->rterr, counters->proterr, counters->opterr);
}

/* Not Linux's columns (lwIP counts other things): one line per protocol, named in the header
 * line, as in Linux's /proc/net/snmp. */
static void generate_snmp(struct procfs_text *text, void *context)
{
	(void)context;
	uint64_t flags = net_lock();
	procfs_printf(text, "Proto: sent received dropped checksum_errors length_errors "
			    "memory_errors routing_errors protocol_errors option_errors\n");
	protocol_line(text, "Link", &lwip_stats.link);
	protocol_line(text, "Ip", &lwip_stats.ip);
	protocol_line(text, "IpFrag", &lwip_stats.ip_frag);
	protocol_line(text, "Icmp", &lwip_stats.icmp);
	protocol_line(text, "Tcp", &lwip_stats.tcp);
	protocol_line(text, "Udp", &lwip_stats.udp);
	protocol_line(text, "Ip6", &lwip_stats.ip6);
	protocol_line(text, "Icmp6", &lwip_stats.icmp6);
	net_unlock(flags);
}

static unsigned count_tcp(struct tcp_pcb *list)
{
	unsigned count = 0;

	for (; list; list = list->next)
		count++;
	return count;
}

static void generate_sockstat(struct procfs_text *text, void *context)
{
	(void)context;
	uint64_t flags = net_lock();
	unsigned udp = 0;
	for (struct udp_pcb *pcb = udp_pcbs; pcb; pcb = pcb->next)
		udp++;
	procfs_printf(
	    text, "TCP: inuse %u orphan 0 tw %u alloc %u mem 0\nUDP: inuse %u mem 0\n",
	    count_tcp(tcp_active_pcbs) + count_tcp((struct tcp_pcb *)tcp_listen_pcbs.pcbs),
	    count_tcp(tcp_tw_pcbs),
	    count_tcp(tcp_active_pcbs) + count_tcp(tcp_tw_pcbs) + count_tcp(tcp_bound_pcbs) +
		count_tcp((struct tcp_pcb *)tcp_listen_pcbs.pcbs),
	    udp);
	net_unlock(flags);
}

/* The pools' names, in lwIP's order (its X-macro list). */
static const char *const pool_names[] = {
#define LWIP_MEMPOOL(name, number, size, description) #name,
#include "lwip/priv/memp_std.h"
};

static void generate_pools(struct procfs_text *text, void *context)
{
	(void)context;
	uint64_t flags = net_lock();
	procfs_printf(text, "pool            used      max     size  refused\n");
	for (unsigned i = 0; i < MEMP_MAX && i < ARRAY_SIZE(pool_names); i++) {
		const struct stats_mem *pool = lwip_stats.memp[i];
		if (pool)
			procfs_printf(text, "%-12s %7lu %8lu %8lu %8u\n", pool_names[i],
				      (unsigned long)pool->used, (unsigned long)pool->max,
				      (unsigned long)pool->avail, pool->err);
	}
	net_unlock(flags);
}

void net_proc_init(void)
{
	procfs_register_file("net/dev", generate_dev, NULL);
	procfs_register_file("net/tcp", generate_tcp, NULL);
	procfs_register_file("net/tcp6", generate_tcp, (void *)1);
	procfs_register_file("net/udp", generate_udp, NULL);
	procfs_register_file("net/udp6", generate_udp, (void *)1);
	procfs_register_file("net/snmp", generate_snmp, NULL);
	procfs_register_file("net/sockstat", generate_sockstat, NULL);
	procfs_register_file("net/lwip", generate_pools, NULL);
}
