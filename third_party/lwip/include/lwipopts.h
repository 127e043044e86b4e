/* SPDX-License-Identifier: MIT */
/* lwIP's configuration for Yolk: the stack runs inside the kernel, through its raw API only
 * (net/), with no threads of its own (NO_SYS): system calls and the NICs' interrupts call it
 * under the kernel's network lock (net/stack.h). Each value says why it is what it is. */
#pragma once

/* ---- how lwIP is driven -------------------------------------------------------------------- */
#define NO_SYS		      1 /* no tcpip thread: Yolk calls the raw API under its own lock */
#define SYS_LIGHTWEIGHT_PROT  0 /* that lock is already held wherever lwIP runs */
#define LWIP_SOCKET	      0 /* Yolk's own sockets (net/), with Linux's exact semantics */
#define LWIP_NETCONN	      0
#define LWIP_TIMERS	      1 /* sys_check_timeouts from a kernel timer (net/stack.c) */
#define LWIP_RAND()	      net_random32()
#define LWIP_ERRNO_STDINCLUDE 0

/* ---- memory ------------------------------------------------------------------------------- */
/* pbuf payloads (received frames, data queued to send) come from the kernel heap, so they are
 * bounded by the windows and the RAM, not by a static arena sized at build time. */
#define MEM_LIBC_MALLOC 1
#define mem_clib_malloc net_heap_alloc
#define mem_clib_free	net_heap_free
#define mem_clib_calloc net_heap_calloc
#define MEM_ALIGNMENT	8
/* Protocol control blocks come from fixed pools, not the heap: lwIP reuses the oldest
 * TIME_WAIT (then LAST_ACK, CLOSING, FIN_WAIT) only when its pool is empty, so with malloc'd
 * PCBs closed connections would pile up until memory ran out. */
#define MEMP_MEM_MALLOC		0
#define MEMP_NUM_TCP_PCB	5120 /* 1,000 live connections and 4,000 in TIME_WAIT */
#define MEMP_NUM_TCP_PCB_LISTEN 128
#define MEMP_NUM_TCP_SEG	16384 /* queued segments, all connections (>= TCP_SND_QUEUELEN) */
#define MEMP_NUM_UDP_PCB	128
#define MEMP_NUM_RAW_PCB	32   /* ICMP sockets (ping) */
#define MEMP_NUM_PBUF		1024 /* PBUF_REF/ROM: sendfile and zero-copy sends */
#define MEMP_NUM_REASSDATA	32
#define MEMP_NUM_FRAG_PBUF	64
#define MEMP_NUM_ARP_QUEUE	64
#define MEMP_NUM_ND6_QUEUE	64
#define MEMP_NUM_SYS_TIMEOUT	(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 4)
#define PBUF_POOL_SIZE		64 /* received frames are PBUF_RAM from the heap (drivers copy) */
#define IP_REASS_MAX_PBUFS	64 /* a fragment flood holds at most this much */

/* ---- protocols ---------------------------------------------------------------------------- */
#define LWIP_ARP 1
/* Not 10: lookups nobody answers (a flood from forged sources) would push out the real
 * neighbours. */
#define ARP_TABLE_SIZE		 64
#define ARP_QUEUEING		 1
#define LWIP_ETHERNET		 1
#define LWIP_IPV4		 1
#define LWIP_IPV6		 1
#define LWIP_ICMP		 1
#define LWIP_RAW		 1 /* ICMP echo sockets */
#define LWIP_UDP		 1
#define LWIP_TCP		 1
#define LWIP_DHCP		 1
#define LWIP_DHCP_DOES_ACD_CHECK 0
#define DHCP_DOES_ARP_CHECK	 0 /* the lease is used at once (an ARP probe costs 2 s of boot) */
#define LWIP_DNS                                                                                   \
	1 /* only to keep the DNS servers DHCP offers (for /etc/resolv.conf): musl resolves */
#define DNS_MAX_SERVERS			   2
#define LWIP_IGMP			   1
#define LWIP_IPV6_AUTOCONFIG		   1 /* SLAAC from router advertisements (QEMU's user net gives one) */
#define LWIP_IPV6_DHCP6			   0
#define LWIP_IPV6_MLD			   1 /* solicited-node multicast: needed for neighbour discovery */
#define LWIP_IPV6_NUM_ADDRESSES		   3
#define LWIP_ND6_QUEUEING		   1
#define LWIP_IPV6_FRAG			   1
#define IPV6_FRAG_COPYHEADER		   1 /* needed where pointers are 64 bits */
#define IP_REASSEMBLY			   1
#define IP_FRAG				   1
#define IP_SOF_BROADCAST		   0
#define LWIP_BROADCAST_PING		   0
#define LWIP_MULTICAST_PING		   0
#define SO_REUSE			   1 /* SO_REUSEADDR: a server restarts while its old port is in TIME_WAIT */
#define LWIP_NETIF_HOSTNAME		   1
#define LWIP_NETIF_STATUS_CALLBACK	   1 /* an address from DHCP becomes /etc/resolv.conf */
#define LWIP_NETIF_LINK_CALLBACK	   0
#define LWIP_NETIF_EXT_STATUS_CALLBACK	   0
#define LWIP_NETIF_LOOPBACK		   1 /* traffic to the interface's own address */
#define LWIP_HAVE_LOOPIF		   1 /* lo: 127.0.0.1 and ::1 */
#define LWIP_LOOPBACK_MAX_PBUFS		   0
#define LWIP_NETIF_LOOPBACK_MULTITHREADING 0 /* net/stack.c delivers looped frames at unlock */
#define LWIP_CHECKSUM_CTRL_PER_NETIF	   1 /* loopback needs no checksums */
#define LWIP_CHECKSUM_ON_COPY		   0
#define ETH_PAD_SIZE			   0

/* ---- TCP tuning --------------------------------------------------------------------------- */
#define TCP_MSS			       1460 /* Ethernet's 1500 less 40 bytes of headers */
#define LWIP_WND_SCALE		       1
#define TCP_RCV_SCALE		       3	    /* windows up to 512 KiB (65535 << 3) */
#define TCP_WND			       (256 * 1024) /* a window of 256 KiB: bulk transfer at emulated speeds */
#define TCP_SND_BUF		       (256 * 1024)
#define TCP_SND_QUEUELEN	       (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_SNDLOWAT		       32768 /* lwIP keeps it in 16 bits (net/inet_tcp.c has its own) */
#define LWIP_DISABLE_TCP_SANITY_CHECKS 1     /* it counts PBUF_POOL, which receiving does not use */
#define TCP_SNDQUEUELOWAT	       (TCP_SND_QUEUELEN / 4)
#define TCP_OOSEQ_MAX_BYTES	       TCP_WND /* out-of-order data held: at most one window */
#define TCP_QUEUE_OOSEQ		       1
#define LWIP_TCP_SACK_OUT	       1
#define LWIP_TCP_MAX_SACK_NUM	       4
#define TCP_LISTEN_BACKLOG                                                                         \
	1			       /* SYNs beyond a full accept queue are dropped (the client  \
					* retries), as Linux does, instead of connections reset */
#define TCP_DEFAULT_LISTEN_BACKLOG 255 /* lwIP keeps it in a byte */
#define TCP_MSL			   10000UL /* TIME_WAIT lasts 2 x 10 s, not 2 minutes */
/* lwIP's TCP timer (delayed ACKs: a lone segment is acknowledged at its next tick; the slow
 * timer, twice this, counts retransmission and other timeouts). 250 ms by default, which
 * stalls a sender that waits for the ACK of a small segment (Nagle) for up to a quarter of a
 * second; Linux delays an ACK by 40 ms at most. The timer runs only while connections exist. */
#define TCP_TMR_INTERVAL 40
/* A SYN for a listener whose backlog is all half-open connections evicts the oldest of them
 * (net/inet_tcp.c): lwIP has no SYN cookies, and a SYN flood would otherwise lock clients
 * out until those time out (20 s). */
#define LWIP_HOOK_TCP_INPACKET_PCB(pcb, header, options_length, options1_length, options2, packet) \
	inet_tcp_input_hook(pcb, header)
/* Initial sequence numbers that cannot be guessed (RFC 6528), not lwIP's counter. */
#define LWIP_HOOK_TCP_ISN(local, local_port, remote, remote_port)                                  \
	inet_tcp_initial_sequence(local, local_port, remote, remote_port)
#define LWIP_TCP_KEEPALIVE   1 /* SO_KEEPALIVE with TCP_KEEPIDLE/INTVL/CNT */
#define LWIP_TCP_TIMESTAMPS  0
#define TCP_OVERSIZE	     TCP_MSS
#define LWIP_TCP_RTO_TIME    1000 /* the first retransmission after 1 s, as Linux */
#define LWIP_CALLBACK_API    1
#define LWIP_EVENT_API	     0
#define LWIP_WND_SCALE_CHECK 1
#define TCP_TTL		     64
#define IP_DEFAULT_TTL	     64

/* ---- statistics: the counters behind /proc/net/dev and /proc/net/snmp ---------------------- */
#define LWIP_STATS	   1
#define LWIP_STATS_DISPLAY 0
#define MEMP_STATS	   1
#define MEM_STATS	   0
#define LINK_STATS	   1
#define IP_STATS	   1
#define TCP_STATS	   1
#define UDP_STATS	   1
#define ICMP_STATS	   1
#define SYS_STATS	   0
#define MIB2_STATS	   1 /* per-interface counters: the loopback's in /proc/net/dev */

/* Declared here so that every lwIP file sees them (net/stack.c, net/inet_tcp.c define them). */
#include <stddef.h>
#include <stdint.h>
struct tcp_pcb;
struct tcp_hdr;
signed char inet_tcp_input_hook(struct tcp_pcb *pcb, const struct tcp_hdr *header);
struct ip_addr;
uint32_t inet_tcp_initial_sequence(const struct ip_addr *local, uint16_t local_port,
				   const struct ip_addr *remote, uint16_t remote_port);
uint32_t net_random32(void);
void *net_heap_alloc(size_t size);
void *net_heap_calloc(size_t count, size_t size);
void net_heap_free(void *pointer);
