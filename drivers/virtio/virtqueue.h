/* SPDX-License-Identifier: MIT */
/* Split virtqueues (virtio 1.x, section 2.7): a descriptor table, the driver's available ring
 * and the device's used ring, in memory both sides see. Shared by every virtio device. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kernel/thread.h"

struct virtqueue_descriptor {
	uint64_t address;
	uint32_t length;
	uint16_t flags;
	uint16_t next;
};

/* A piece of a request: device-readable (out) or device-writable (in). Addresses are kernel
 * virtual addresses in the direct map or the image (physically contiguous within a piece). */
struct virtqueue_segment {
	const void *data;
	uint32_t length;
	bool device_writes;
};

struct virtqueue {
	uint16_t size;
	uint16_t index;
	struct virtqueue_descriptor *descriptors;
	volatile uint16_t *available; /* flags, index, ring[size] */
	volatile uint8_t *used;	      /* flags, index, {id, length}[size] */
	uint64_t descriptors_physical, available_physical, used_physical;
	uint16_t free_head, free_count, last_used;
	void (*notify)(struct virtqueue *queue);
	void *transport;
	/* Per chain head: the synchronous request waiting for it, or an asynchronous queue's
	 * token. */
	void **pending;
	struct wait_queue waiters;
	/* Asynchronous queues (network devices): called from the device's interrupt instead of
	 * completing requests; it takes the used chains with virtqueue_take_used. */
	void (*used_callback)(struct virtqueue *queue);
	void *owner; /* the driver's, for the callback */
	/* VIRTIO_F_EVENT_IDX negotiated (virtio-net): notifies and interrupts are asked for by the
	 * rings' event indices, not their flags. */
	bool event_index;
	uint16_t kicked; /* the available index at the last kick */
};

struct virtqueue_request {
	bool done;
	uint32_t written; /* bytes the device wrote into the "in" segments */
};

/* Allocates a queue of `size` entries (a power of two); 0 or -ENOMEM. */
int virtqueue_init(struct virtqueue *queue, uint16_t size);
/* Submits a chain and sleeps until the device has used it (signals wait: see signal_hold);
 * returns the bytes written, or -errno (-ENOSPC: more segments than free descriptors). */
long virtqueue_transfer(struct virtqueue *queue, const struct virtqueue_segment *segments,
			unsigned count);
/* Submits a chain without waiting (a buffer left with the device, such as a receive buffer):
 * `request`, which the caller owns until the device has used the chain, gets done and
 * written then. Does not notify the device (virtqueue_kick does). 0, or -ENOSPC when there
 * are not `count` free descriptors. */
int virtqueue_post(struct virtqueue *queue, const struct virtqueue_segment *segments,
		   unsigned count, struct virtqueue_request *request);
/* From the device's interrupt: completes every used chain and wakes their waiters (or calls
 * the queue's used_callback). */
void virtqueue_interrupt(struct virtqueue *queue);

/* Asynchronous use (the caller serialises, e.g. under the network lock): makes a chain
 * available with `token` to get back, without notifying the device; 0 or -ENOSPC. */
int virtqueue_add(struct virtqueue *queue, const struct virtqueue_segment *segments, unsigned count,
		  void *token);
/* Tells the device about chains added since the last time. */
void virtqueue_kick(struct virtqueue *queue);
/* The next used chain's token and the bytes the device wrote; false when none is left. The
 * chain's descriptors are free again. */
bool virtqueue_take_used(struct virtqueue *queue, void **token, uint32_t *written);
/* Asks the device not to interrupt for this queue (a transmit queue reclaimed on send). */
void virtqueue_disable_interrupts(struct virtqueue *queue);
void virtqueue_enable_interrupts(struct virtqueue *queue);
/* Whether the device has used chains not yet taken. */
bool virtqueue_has_used(struct virtqueue *queue);
