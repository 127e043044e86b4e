/* SPDX-License-Identifier: MIT */
/* Network interfaces: the one glue between the NIC drivers (drivers/net/virtio_net.c,
 * drivers/net/e1000.c) and lwIP. A driver fills a struct nic and registers it; it hands every
 * received frame to nic_receive and sends what the stack gives its transmit function. The glue
 * makes each NIC an lwIP netif (eth0, eth1, ...), configures it (DHCP, or the kernel options
 * ip=ADDRESS/PREFIX gw=GATEWAY dns=SERVER for eth0), keeps the counters /proc/net/dev shows,
 * and writes /etc/resolv.conf. Everything here runs under the network lock. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lwip/ip4_addr.h"

struct cmdline;
struct netif;

/* A piece of a frame to send: the stack's buffers, valid only during the call. */
struct nic_piece {
	const void *data;
	size_t length;
};

struct nic_counters {
	uint64_t receive_bytes, receive_packets, receive_errors, receive_dropped;
	uint64_t transmit_bytes, transmit_packets, transmit_errors, transmit_dropped;
};

struct nic {
	const char *driver; /* "virtio-net", "e1000" */
	uint8_t mac[6];
	uint16_t mtu; /* of the payload: 1500 */
	/* Sends one Ethernet frame (no FCS) of `length` bytes made of the pieces; 0, or -ENOBUFS
	 * when the ring is full (the frame is dropped: TCP sends it again). */
	int (*transmit)(struct nic *nic, const struct nic_piece *pieces, unsigned count,
			size_t length);
	/* Gives the device what `transmit` held back to send together (a NIC that coalesces
	 * TCP segments: net/segment_coalescing.h); called as the network lock is released, at
	 * the end of each burst the stack sent. NULL when it holds nothing back. */
	void (*flush)(struct nic *nic);
	void *driver_data;
	struct nic_counters counters;
	/* Offloads: the NIC finishes the TCP checksum of a frame it is given with the
	 * pseudo-header sum in place (net/frame_checksum.h), and it tells, for each frame it
	 * receives, whether its TCP checksum is known good (nic_receive_pieces). */
	bool transmit_checksum, receive_checksum;
	char name[8];		   /* eth0, ... (set by nic_register) */
	struct netif *interface;   /* set by nic_register */
	struct ip4_addr announced; /* the IPv4 address last logged */
};

/* Called by a driver once the device works: the NIC gets its name; net_init (or, after it,
 * this call) brings it up. 0 or -ENOMEM. */
int nic_register(struct nic *nic);
/* A frame the NIC received (copied: the driver keeps its buffer). From the driver's interrupt
 * handler, under the network lock. */
void nic_receive(struct nic *nic, const void *frame, size_t length);
/* The same for a frame in several pieces (a NIC that merges receive buffers), of up to 64 KiB
 * of IP packet (coalesced TCP segments); `checksum_good` when the NIC vouches for its TCP
 * checksum (then it is not computed again). */
void nic_receive_pieces(struct nic *nic, const struct nic_piece *pieces, unsigned count,
			size_t length, bool checksum_good);

/* Set during a frame's input when the frame must be given to the stack once more (a SYN that
 * ended a TIME_WAIT connection, net/inet_tcp.c): nic_receive does it. */
extern bool net_input_again;

/* The driver has room to send again after refusing a frame (-ENOBUFS): the stack sends what
 * it held back. Under the network lock. */
void nic_transmit_ready(struct nic *nic);

/* Every NIC's flush: what the stack sent under the lock leaves now (net_flush). */
void nic_flush_all(void);

/* For net_init: configures and starts every registered NIC; waits (up to a few seconds) for
 * DHCP's first lease so the program starts with its address. */
void interface_start_all(const struct cmdline *cmdline);

/* The interfaces, loopback first, for /proc/net/dev and the SIOCGIF* requests. */
unsigned interface_count(void);
/* The i-th interface's name, its netif and its NIC (NULL for the loopback). */
bool interface_at(unsigned index, const char **name, struct netif **netif, struct nic **nic);
/* The interface called `name`, or -ENODEV. */
int interface_find(const char *name, struct netif **netif, struct nic **nic);

/* A locally administered unicast MAC address, for a NIC that has none of its own. */
void net_random_mac(uint8_t mac[6]);

/* For the drivers' rings (drivers/net/frame_buffers.c): `count` buffers of NIC_BUFFER_SIZE
 * bytes, never freed; false when memory ran out (those already made stay). */
#define NIC_BUFFER_SIZE 2048
bool nic_allocate_buffers(uint8_t **buffers, unsigned count);
