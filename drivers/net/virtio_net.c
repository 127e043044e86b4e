// SPDX-License-Identifier: MIT
/* virtio-net (virtio 1.x, section 5.1) on either transport: queue 0 receives, queue 1
 * transmits. Receive buffers are 2 KiB each, refilled in one batch per interrupt, and every
 * frame is copied into the stack (net/interface.c); the transmit queue raises no interrupts
 * (its used buffers are reclaimed when the next frame is sent) except while it is full: then
 * its interrupt tells the stack to send what it holds back.
 * Cost budget: per received frame one copy and one descriptor; per batch one notify. */
#include "drivers/virtio/virtio.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"
#include "net/interface.h"
#include "net/stack.h"

#define FEATURE_MAC    (1ull << 5)
#define FEATURE_STATUS (1ull << 16)
#define QUEUE_RECEIVE  0
#define QUEUE_TRANSMIT 1
#define QUEUE_SIZE     256
#define BUFFER_SIZE    NIC_BUFFER_SIZE
#define HEADER_SIZE    12 /* struct virtio_net_hdr_v1 */
#define FRAME_MAX      (BUFFER_SIZE - HEADER_SIZE)

struct virtio_net {
	struct nic nic;
	struct virtio_device *virtio;
	uint8_t *receive_buffers[QUEUE_SIZE];
	uint8_t *transmit_buffers[QUEUE_SIZE];
	uint16_t transmit_free[QUEUE_SIZE]; /* a stack of free transmit buffer numbers */
	unsigned transmit_free_count;
	bool transmit_waiting; /* a frame found the ring full: interrupts on until it drains */
};

static int post_receive_buffer(struct virtio_net *device, unsigned index)
{
	struct virtqueue_segment segment = {device->receive_buffers[index], BUFFER_SIZE, true};

	return virtqueue_add(&device->virtio->queues[QUEUE_RECEIVE], &segment, 1,
			     (void *)(uintptr_t)(index + 1));
}

/* The receive queue's interrupt (the network lock held): every frame to the stack, each
 * buffer straight back to the device, one notify for the batch. */
static void receive_used(struct virtqueue *queue)
{
	struct virtio_net *device = queue->owner;
	void *token;
	uint32_t written;
	unsigned returned = 0;
	uint64_t flags = net_lock();

	while (virtqueue_take_used(queue, &token, &written)) {
		unsigned index = (unsigned)(uintptr_t)token - 1;
		if (written > HEADER_SIZE)
			nic_receive(&device->nic, device->receive_buffers[index] + HEADER_SIZE,
				    written - HEADER_SIZE);
		else
			device->nic.counters.receive_errors++;
		post_receive_buffer(device, index);
		returned++;
	}
	if (returned)
		virtqueue_kick(queue);
	net_unlock(flags);
}

static void reclaim_transmitted(struct virtqueue *queue)
{
	struct virtio_net *device = queue->owner;
	void *token;
	uint32_t written;

	while (virtqueue_take_used(queue, &token, &written))
		device->transmit_free[device->transmit_free_count++] =
		    (uint16_t)((uintptr_t)token - 1);
}

/* The transmit queue's interrupt, on only while the stack waits for room (network lock). */
static void transmit_used(struct virtqueue *queue)
{
	struct virtio_net *device = queue->owner;
	uint64_t flags = net_lock();

	reclaim_transmitted(queue);
	if (device->transmit_waiting && device->transmit_free_count >= QUEUE_SIZE / 4) {
		device->transmit_waiting = false;
		virtqueue_disable_interrupts(queue);
		nic_transmit_ready(&device->nic);
	}
	net_unlock(flags);
}

static int transmit(struct nic *nic, const struct nic_piece *pieces, unsigned count, size_t length)
{
	struct virtio_net *device = nic->driver_data;
	struct virtqueue *queue = &device->virtio->queues[QUEUE_TRANSMIT];

	if (length > FRAME_MAX)
		return -EMSGSIZE;
	if (!device->transmit_free_count)
		reclaim_transmitted(queue);
	if (!device->transmit_free_count) {
		/* The device has not caught up: an interrupt when it has (then the stack sends
		 * what waits), and this frame refused (TCP keeps it queued). */
		device->transmit_waiting = true;
		virtqueue_enable_interrupts(queue);
		return -ENOBUFS;
	}
	unsigned index = device->transmit_free[--device->transmit_free_count];
	uint8_t *buffer = device->transmit_buffers[index];
	memset(buffer, 0, HEADER_SIZE); /* no offloads asked for */
	size_t offset = HEADER_SIZE;
	for (unsigned i = 0; i < count; i++) {
		memcpy(buffer + offset, pieces[i].data, pieces[i].length);
		offset += pieces[i].length;
	}
	struct virtqueue_segment segment = {buffer, (uint32_t)offset, false};
	if (virtqueue_add(queue, &segment, 1, (void *)(uintptr_t)(index + 1))) {
		device->transmit_free[device->transmit_free_count++] = (uint16_t)index;
		return -ENOBUFS;
	}
	virtqueue_kick(queue);
	return 0;
}

void virtio_net_attach(struct virtio_device *virtio)
{
	struct virtio_net *device = heap_alloc_zeroed(sizeof(*device));

	if (!device || !nic_allocate_buffers(device->receive_buffers, QUEUE_SIZE) ||
	    !nic_allocate_buffers(device->transmit_buffers, QUEUE_SIZE)) {
		pr_warn("virtio-net: out of memory\n");
		return;
	}
	uint64_t features = virtio_negotiate(virtio, FEATURE_MAC | FEATURE_STATUS);
	if (!features || virtio_setup_queue(virtio, QUEUE_RECEIVE, QUEUE_SIZE) ||
	    virtio_setup_queue(virtio, QUEUE_TRANSMIT, QUEUE_SIZE)) {
		pr_warn("virtio-net: the device refused the driver\n");
		return;
	}
	device->virtio = virtio;
	virtio->queues[QUEUE_RECEIVE].used_callback = receive_used;
	virtio->queues[QUEUE_RECEIVE].owner = device;
	virtio->queues[QUEUE_TRANSMIT].used_callback = transmit_used;
	virtio->queues[QUEUE_TRANSMIT].owner = device;
	virtqueue_disable_interrupts(&virtio->queues[QUEUE_TRANSMIT]);
	unsigned receive_count = virtio->queues[QUEUE_RECEIVE].size;
	for (unsigned i = 0; i < receive_count; i++)
		post_receive_buffer(device, i);
	device->transmit_free_count = virtio->queues[QUEUE_TRANSMIT].size;
	for (unsigned i = 0; i < device->transmit_free_count; i++)
		device->transmit_free[i] = (uint16_t)(device->transmit_free_count - 1 - i);
	volatile uint8_t *config = virtio_config(virtio);
	if (features & FEATURE_MAC) {
		for (unsigned i = 0; i < 6; i++)
			device->nic.mac[i] = config[i];
	} else {
		net_random_mac(device->nic.mac);
	}
	device->nic.driver = "virtio-net";
	device->nic.mtu = 1500;
	device->nic.transmit = transmit;
	device->nic.driver_data = device;
	virtio_start(virtio);
	virtqueue_kick(&virtio->queues[QUEUE_RECEIVE]);
	nic_register(&device->nic);
}
