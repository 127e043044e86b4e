// SPDX-License-Identifier: MIT
/* Split virtqueues (see drivers/virtio/virtqueue.h). Requests are synchronous for the thread
 * making them: it sleeps on the queue's wait queue until its chain comes back in the used
 * ring; many threads may have requests in flight at once.
 * Cost budget: per request, one notify (an MMIO write: a VM exit) and one interrupt. */
#include "drivers/virtio/virtqueue.h"
#include "arch/x86_64/cpu.h"
#include "include/uapi/errno.h"
#include "kernel/signal.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"

#define DESCRIPTOR_NEXT	       1
#define DESCRIPTOR_WRITE       2
#define AVAILABLE_NO_INTERRUPT 1
#define USED_NO_NOTIFY	       1

static uint64_t physical_of(const void *address)
{
	uint64_t virtual = (uint64_t)address;

	return virtual >= IMAGE_BASE ? virtual - IMAGE_BASE : virtual - DIRECT_MAP_BASE;
}

int virtqueue_init(struct virtqueue *queue, uint16_t size)
{
	size_t descriptors = 16ul * size, available = 6 + 2ul * size, used = 6 + 8ul * size;
	size_t used_offset = ALIGN_UP(descriptors + available, 4096);
	size_t total = used_offset + used;
	unsigned order = 0;

	while ((PAGE_SIZE << order) < total)
		order++;
	uint64_t memory = frame_alloc_zeroed(order);
	queue->pending = heap_alloc_zeroed(size * sizeof(*queue->pending));
	if (!memory || !queue->pending) {
		if (memory)
			frame_free(memory, order);
		heap_free(queue->pending);
		return -ENOMEM;
	}
	char *base = phys_to_virtual(memory);
	queue->size = size;
	queue->descriptors = (struct virtqueue_descriptor *)base;
	queue->available = (volatile uint16_t *)(base + descriptors);
	queue->used = (volatile uint8_t *)(base + used_offset);
	queue->descriptors_physical = memory;
	queue->available_physical = memory + descriptors;
	queue->used_physical = memory + used_offset;
	for (uint16_t i = 0; i < size; i++)
		queue->descriptors[i].next = i + 1;
	queue->free_head = 0;
	queue->free_count = size;
	queue->last_used = 0;
	wait_queue_init(&queue->waiters);
	return 0;
}

static uint16_t used_index(struct virtqueue *queue)
{
	return *(volatile uint16_t *)(queue->used + 2);
}

bool virtqueue_take_used(struct virtqueue *queue, void **token, uint32_t *written)
{
	if (queue->last_used == used_index(queue))
		return false;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	const volatile uint8_t *element = queue->used + 4 + 8 * (queue->last_used % queue->size);
	uint32_t head = *(const volatile uint32_t *)element;
	*written = *(const volatile uint32_t *)(element + 4);
	queue->last_used++;
	/* Give the chain's descriptors back. */
	uint16_t last = (uint16_t)head, count = 1;
	while (queue->descriptors[last].flags & DESCRIPTOR_NEXT) {
		last = queue->descriptors[last].next;
		count++;
	}
	queue->descriptors[last].next = queue->free_head;
	queue->free_head = (uint16_t)head;
	queue->free_count += count;
	*token = queue->pending[head];
	queue->pending[head] = NULL;
	return true;
}

/* Marks the requests the device has used done and wakes whoever waits on the queue. */
static void complete_used(struct virtqueue *queue)
{
	void *token;
	uint32_t written;

	while (virtqueue_take_used(queue, &token, &written)) {
		struct virtqueue_request *request = token;
		if (request) {
			request->written = written;
			request->done = true;
		}
	}
	wait_queue_wake(&queue->waiters, ~0u);
}

void virtqueue_interrupt(struct virtqueue *queue)
{
	if (queue->used_callback)
		queue->used_callback(queue);
	else
		complete_used(queue);
}

int virtqueue_add(struct virtqueue *queue, const struct virtqueue_segment *segments, unsigned count,
		  void *token)
{
	if (queue->free_count < count)
		return -ENOSPC;
	uint16_t head = queue->free_head, index = head;
	for (unsigned i = 0; i < count; i++) {
		struct virtqueue_descriptor *descriptor = &queue->descriptors[index];
		uint16_t next = descriptor->next;
		descriptor->address = physical_of(segments[i].data);
		descriptor->length = segments[i].length;
		descriptor->flags = (segments[i].device_writes ? DESCRIPTOR_WRITE : 0) |
				    (i + 1 < count ? DESCRIPTOR_NEXT : 0);
		if (i + 1 < count)
			index = next;
		else
			queue->free_head = next;
	}
	queue->free_count -= count;
	queue->pending[head] = token;
	queue->available[2 + queue->available[1] % queue->size] = head;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	queue->available[1]++;
	return 0;
}

/* The device says when it needs no notify, being at work on the ring already (QEMU's
 * virtio-net while its transmit work is scheduled): by the used ring's NO_NOTIFY flag, or with
 * EVENT_IDX by the available index it wants to hear of (avail_event, after the used ring).
 * Each notify saved is a trap into the device's emulation. */
void virtqueue_kick(struct virtqueue *queue)
{
	uint16_t now = queue->available[1], before = queue->kicked;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	queue->kicked = now;
	if (queue->event_index) {
		uint16_t event = *(volatile uint16_t *)(queue->used + 4 + 8ul * queue->size);
		if ((uint16_t)(now - event - 1) < (uint16_t)(now - before))
			queue->notify(queue);
		return;
	}
	if (!(*(volatile uint16_t *)queue->used & USED_NO_NOTIFY))
		queue->notify(queue);
}

/* With EVENT_IDX the device interrupts when its used index passes used_event (after the
 * available ring): half the index space ahead is "not for a long while", the last one taken
 * "at the next". The flag is set too, for devices without it. */
void virtqueue_disable_interrupts(struct virtqueue *queue)
{
	queue->available[0] = AVAILABLE_NO_INTERRUPT;
	if (queue->event_index)
		queue->available[2 + queue->size] = (uint16_t)(queue->last_used + 0x7fff);
}

bool virtqueue_has_used(struct virtqueue *queue)
{
	return queue->last_used != used_index(queue);
}

void virtqueue_enable_interrupts(struct virtqueue *queue)
{
	queue->available[0] = 0;
	if (queue->event_index)
		queue->available[2 + queue->size] = queue->last_used;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

int virtqueue_post(struct virtqueue *queue, const struct virtqueue_segment *segments,
		   unsigned count, struct virtqueue_request *request)
{
	request->done = false;
	return virtqueue_add(queue, segments, count, request);
}

long virtqueue_transfer(struct virtqueue *queue, const struct virtqueue_segment *segments,
			unsigned count)
{
	struct virtqueue_request request = {false, 0};
	uint64_t flags = interrupts_save();

	if (count > queue->size) {
		interrupts_restore(flags);
		return -ENOSPC;
	}
	/* The device will answer, and a wait a signal ended would be taken again at once, with
	 * interrupts off, so that the answer never came: signals wait for the call's end. */
	signal_hold();
	while (virtqueue_add(queue, segments, count, &request))
		wait_queue_sleep(&queue->waiters, 0);
	virtqueue_kick(queue);
	/* A device that answers during the notify (QEMU's console and its control queue) has used
	 * the buffer already: taken here, without a sleep and a switch to wait for the interrupt.
	 */
	while (!request.done)
		if (!queue->used_callback && virtqueue_has_used(queue))
			complete_used(queue);
		else
			wait_queue_sleep(&queue->waiters, 0);
	signal_release();
	interrupts_restore(flags);
	return request.written;
}
