/* SPDX-License-Identifier: MIT */
/* The queue of received datagrams a UDP or ICMP socket keeps until the application reads
 * them (net/datagram_queue.c): each with its sender, bounded in bytes by SO_RCVBUF (a
 * datagram that does not fit is dropped and counted, as on Linux). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lib/list.h"
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "net/socket.h"

struct datagram_queue {
	struct list_node datagrams;
	size_t bytes;
	uint64_t dropped;
};

void datagram_queue_init(struct datagram_queue *queue);
/* Takes over `data` (freed when dropped); false when dropped for want of room. */
bool datagram_queue_add(struct datagram_queue *queue, uint32_t limit, struct pbuf *data,
			const ip_addr_t *from, uint16_t port);
bool datagram_queue_empty(const struct datagram_queue *queue);
/* Copies the oldest datagram into the message, sets MSG_TRUNC in flags_out when it did not fit,
 * dequeues it unless MSG_PEEK; the datagram's length, or -EAGAIN when there is none. */
long datagram_queue_take(struct datagram_queue *queue, struct socket_message *message,
			 ip_addr_t *from, uint16_t *port);
void datagram_queue_clear(struct datagram_queue *queue);
/* Waits for a datagram as a receive on `socket` would (blocking, SO_RCVTIMEO, signals):
 * 0 when one is there, or -errno. Network lock held. */
int datagram_queue_wait(struct datagram_queue *queue, struct socket *socket, unsigned flags);
/* The length of the oldest datagram (the queue is not empty). */
size_t datagram_queue_next_length(const struct datagram_queue *queue);
