// SPDX-License-Identifier: MIT
/* virtio-net (virtio 1.x, section 5.1) on either transport: queue 0 receives, queue 1
 * transmits. Receive buffers are 2 KiB each; an interrupt starts polling, in batches whose
 * buffers go back to the device together, and every frame is copied into the stack
 * (net/interface.c). The transmit queue raises no interrupts (its used buffers are reclaimed
 * when the next frame is sent) except while it is full: then its interrupt tells the stack to
 * send what it holds back. Offloads, where the device offers
 * them (a tap backend does; QEMU's user network does not): the device finishes TCP checksums
 * (CSUM) and vouches for received ones (GUEST_CSUM), and hands over TCP segments coalesced up
 * to 64 KiB (GUEST_TSO4/6) across several merged receive buffers (MRG_RXBUF); and it cuts TCP
 * segments itself (HOST_TSO4/6): then consecutive full-size segments of one connection that
 * the stack sends in one burst leave as one frame of up to 64 KiB (a run, coalesced by
 * net/segment_coalescing.c), a chain of their transmit buffers — the first whole, the others'
 * payload — given to the device when the burst ends (the NIC's flush) or the run cannot grow.
 * Cost budget: per received frame one copy and one descriptor; per batch one notify; per sent
 * frame one copy, and per run of segments one notify. */
#include "drivers/virtio/virtio.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"
#include "net/frame_checksum.h"
#include "net/segment_coalescing.h"
#include "net/interface.h"
#include "net/stack.h"

#define FEATURE_CSUM	    (1ull << 0)
#define FEATURE_GUEST_CSUM  (1ull << 1)
#define FEATURE_MAC	    (1ull << 5)
#define FEATURE_GUEST_TSO4  (1ull << 7)
#define FEATURE_GUEST_TSO6  (1ull << 8)
#define FEATURE_HOST_TSO4   (1ull << 11)
#define FEATURE_HOST_TSO6   (1ull << 12)
#define FEATURE_MERGE	    (1ull << 15) /* MRG_RXBUF */
#define FEATURE_STATUS	    (1ull << 16)
#define FEATURE_EVENT_INDEX (1ull << 29) /* VIRTIO_F_EVENT_IDX */
#define HEADER_NEEDS_CSUM   1
#define HEADER_DATA_VALID   2
#define PIECES_MAX	    40 /* a 64 KiB segment in 2 KiB buffers, and then some */
#define RECEIVE_BUDGET	    64 /* frames handled before their buffers go back to the device */
#define QUEUE_RECEIVE	    0
#define QUEUE_TRANSMIT	    1
#define QUEUE_SIZE	    256
#define BUFFER_SIZE	    NIC_BUFFER_SIZE
#define HEADER_SIZE	    12 /* struct virtio_net_hdr_v1 */
#define FRAME_MAX	    (BUFFER_SIZE - HEADER_SIZE)
#define RUN_MAX		    48 /* segments in one coalesced frame */
#define NO_BUFFER	    0xffff
#define GSO_TCPV4	    1
#define GSO_TCPV6	    4

/* struct virtio_net_hdr_v1 */
struct virtio_net_header {
	uint8_t flags, gso_type;
	uint16_t header_length, gso_size, checksum_start, checksum_offset, buffer_count;
};
BUILD_BUG_ON(sizeof(struct virtio_net_header) != HEADER_SIZE);

struct virtio_net {
	struct nic nic;
	bool merge; /* MRG_RXBUF: a frame may span several receive buffers */
	/* The frame being received: its buffers so far, how many it has in all. */
	unsigned pending[PIECES_MAX];
	struct nic_piece pieces[PIECES_MAX];
	unsigned pending_count, pending_expected;
	size_t pending_length;
	bool pending_good;
	struct virtio_device *virtio;
	uint8_t *receive_buffers[QUEUE_SIZE];
	uint8_t *transmit_buffers[QUEUE_SIZE];
	uint16_t transmit_free[QUEUE_SIZE]; /* a stack of free transmit buffer numbers */
	unsigned transmit_free_count;
	bool transmit_waiting; /* a frame found the ring full: interrupts on until it drains */
	uint16_t chain_next[QUEUE_SIZE]; /* the next transmit buffer of the same frame */
	/* The run of segments held back to leave as one frame (HOST_TSO4/6). */
	bool coalescing;
	unsigned run_count;
	uint16_t run_buffers[RUN_MAX], run_payloads[RUN_MAX];
	struct tcp_segment run_first, run_last;
	size_t run_payload;
};

static int post_receive_buffer(struct virtio_net *device, unsigned index)
{
	struct virtqueue_segment segment = {device->receive_buffers[index], BUFFER_SIZE, true};

	return virtqueue_add(&device->virtio->queues[QUEUE_RECEIVE], &segment, 1,
			     (void *)(uintptr_t)(index + 1));
}

/* A frame from the host's own stack may come with its checksum only begun (NEEDS_CSUM: the
 * pseudo-header sum in place). lwIP checks checksums other than TCP's: such a frame's is
 * finished here (TCP's lwIP leaves to the NIC, which vouches for it). */
static void finish_checksum(const struct virtio_net_header *header, uint8_t *frame, size_t length)
{
	if (header->checksum_offset != 16)
		frame_checksum_finish(frame, length, header->checksum_start,
				      header->checksum_offset);
}

/* A receive buffer the device has filled: the first of a frame (its header says how many
 * buffers the frame has, and what the device knows of its checksum) or one after it. When the
 * frame is whole it goes to the stack and its buffers back to the device. */
static void receive_buffer(struct virtio_net *device, unsigned index, uint32_t written)
{
	uint8_t *buffer = device->receive_buffers[index];
	struct nic_piece piece = {buffer, written};

	if (!device->pending_count) {
		struct virtio_net_header *header = (struct virtio_net_header *)buffer;
		if (written < HEADER_SIZE) {
			device->nic.counters.receive_errors++;
			post_receive_buffer(device, index);
			return;
		}
		device->pending_expected = device->merge ? header->buffer_count : 1;
		device->pending_good = device->nic.receive_checksum &&
				       (header->flags & (HEADER_NEEDS_CSUM | HEADER_DATA_VALID));
		device->pending_length = 0;
		piece = (struct nic_piece){buffer + HEADER_SIZE, written - HEADER_SIZE};
		if ((header->flags & HEADER_NEEDS_CSUM) && device->pending_expected == 1)
			finish_checksum(header, buffer + HEADER_SIZE, written - HEADER_SIZE);
	}
	device->pending[device->pending_count] = index;
	device->pieces[device->pending_count++] = piece;
	device->pending_length += piece.length;
	bool bad = !device->pending_expected || device->pending_expected > PIECES_MAX;
	if (device->pending_count < device->pending_expected && !bad)
		return;
	if (bad)
		device->nic.counters.receive_errors++;
	else
		nic_receive_pieces(&device->nic, device->pieces, device->pending_count,
				   device->pending_length, device->pending_good);
	for (unsigned i = 0; i < device->pending_count; i++)
		post_receive_buffer(device, device->pending[i]);
	device->pending_count = 0;
}

/* The receive queue's interrupt, then polling (the network lock held): with the queue's
 * interrupt off, frames go to the stack in batches of RECEIVE_BUDGET, each batch's buffers
 * straight back to the device with one notify, until the ring is empty; then the interrupt is
 * on again and the ring looked at once more, for a frame that came in between. */
static void receive_used(struct virtqueue *queue)
{
	struct virtio_net *device = queue->owner;
	void *token;
	uint32_t written;
	uint64_t flags = net_lock();

	virtqueue_disable_interrupts(queue);
	for (;;) {
		unsigned batch = 0;
		while (batch < RECEIVE_BUDGET && virtqueue_take_used(queue, &token, &written)) {
			receive_buffer(device, (unsigned)(uintptr_t)token - 1, written);
			batch++;
		}
		if (batch)
			virtqueue_kick(queue);
		if (batch == RECEIVE_BUDGET)
			continue;
		virtqueue_enable_interrupts(queue);
		if (!virtqueue_has_used(queue))
			break;
		virtqueue_disable_interrupts(queue);
	}
	net_unlock(flags);
}

static void reclaim_transmitted(struct virtqueue *queue)
{
	struct virtio_net *device = queue->owner;
	void *token;
	uint32_t written;

	while (virtqueue_take_used(queue, &token, &written))
		for (uint16_t index = (uint16_t)((uintptr_t)token - 1); index != NO_BUFFER;
		     index = device->chain_next[index])
			device->transmit_free[device->transmit_free_count++] = index;
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

/* Gives the device a frame of `count` transmit buffers: the first holds the virtio header and
 * the frame's start; `segments` say which bytes of each go. */
static void send_chain(struct virtio_net *device, const uint16_t *buffers,
		       struct virtqueue_segment *segments, unsigned count)
{
	struct virtqueue *queue = &device->virtio->queues[QUEUE_TRANSMIT];

	for (unsigned i = 0; i < count; i++)
		device->chain_next[buffers[i]] = i + 1 < count ? buffers[i + 1] : NO_BUFFER;
	/* Never refused: each buffer not yet with the device keeps a descriptor free. */
	virtqueue_add(queue, segments, count, (void *)(uintptr_t)(buffers[0] + 1));
	virtqueue_kick(queue);
}

/* A frame in one buffer, its TCP checksum left to the device where it finishes them. */
static void send_single(struct virtio_net *device, uint16_t index, size_t length)
{
	uint8_t *buffer = device->transmit_buffers[index];
	struct virtio_net_header *header = (struct virtio_net_header *)buffer;
	uint16_t start, field;

	memset(header, 0, HEADER_SIZE);
	if (device->nic.transmit_checksum &&
	    frame_checksum_prepare(buffer + HEADER_SIZE, length, &start, &field)) {
		header->flags = HEADER_NEEDS_CSUM;
		header->checksum_start = start;
		header->checksum_offset = field;
	}
	struct virtqueue_segment segment = {buffer, (uint32_t)(HEADER_SIZE + length), false};
	send_chain(device, &index, &segment, 1);
}

/* The run held back leaves: one segment as it is, several as one frame the device cuts into
 * segments of the first's size, with the first's headers. */
static void flush_run(struct virtio_net *device)
{
	const struct tcp_segment *first = &device->run_first;
	struct virtqueue_segment segments[RUN_MAX];
	uint8_t *buffer = device->transmit_buffers[device->run_buffers[0]];
	struct virtio_net_header *header = (struct virtio_net_header *)buffer;
	size_t first_length = first->header_length + first->payload_length;
	uint16_t start, field;

	if (device->run_count <= 1) {
		if (device->run_count)
			send_single(device, device->run_buffers[0], first_length);
		device->run_count = 0;
		return;
	}
	tcp_segment_coalesce_headers(buffer + HEADER_SIZE, first, device->run_payload,
				     device->run_last.push);
	frame_checksum_prepare(buffer + HEADER_SIZE, first->header_length + device->run_payload,
			       &start, &field);
	*header = (struct virtio_net_header){
	    .flags = HEADER_NEEDS_CSUM,
	    .gso_type = first->ip_version == 4 ? GSO_TCPV4 : GSO_TCPV6,
	    .header_length = first->header_length,
	    .gso_size = first->payload_length,
	    .checksum_start = start,
	    .checksum_offset = field,
	};
	segments[0] =
	    (struct virtqueue_segment){buffer, (uint32_t)(HEADER_SIZE + first_length), false};
	for (unsigned i = 1; i < device->run_count; i++) {
		uint8_t *part = device->transmit_buffers[device->run_buffers[i]];
		segments[i] = (struct virtqueue_segment){part + HEADER_SIZE + first->header_length,
							 device->run_payloads[i], false};
	}
	send_chain(device, device->run_buffers, segments, device->run_count);
	device->run_count = 0;
}

static void flush(struct nic *nic)
{
	struct virtio_net *device = nic->driver_data;

	if (device->run_count)
		flush_run(device);
}

/* A segment for the run: it continues the run, or the run leaves and it starts the next. */
static void add_to_run(struct virtio_net *device, uint16_t index, const struct tcp_segment *segment)
{
	uint8_t *frame = device->transmit_buffers[index] + HEADER_SIZE;
	uint8_t *first_frame = device->transmit_buffers[device->run_buffers[0]] + HEADER_SIZE;

	if (device->run_count &&
	    !tcp_segment_continues(first_frame, &device->run_first, &device->run_last,
				   device->run_payload, frame, segment))
		flush_run(device);
	if (!device->run_count) {
		device->run_first = *segment;
		device->run_payload = 0;
	}
	device->run_payloads[device->run_count] = segment->payload_length;
	device->run_buffers[device->run_count++] = index;
	device->run_last = *segment;
	device->run_payload += segment->payload_length;
	/* A short or pushed segment ends a run; so does a full one. */
	if (segment->push || segment->payload_length != device->run_first.payload_length ||
	    device->run_count == RUN_MAX)
		flush_run(device);
}

static int transmit(struct nic *nic, const struct nic_piece *pieces, unsigned count, size_t length)
{
	struct virtio_net *device = nic->driver_data;
	struct virtqueue *queue = &device->virtio->queues[QUEUE_TRANSMIT];

	if (length > FRAME_MAX)
		return -EMSGSIZE;
	if (!device->transmit_free_count)
		reclaim_transmitted(queue);
	if (!device->transmit_free_count && device->run_count) {
		flush_run(device);
		reclaim_transmitted(queue);
	}
	if (!device->transmit_free_count) {
		/* The device has not caught up: an interrupt when it has (then the stack sends
		 * what waits), and this frame refused (TCP keeps it queued). */
		device->transmit_waiting = true;
		virtqueue_enable_interrupts(queue);
		return -ENOBUFS;
	}
	uint16_t index = device->transmit_free[--device->transmit_free_count];
	uint8_t *frame = device->transmit_buffers[index] + HEADER_SIZE;
	size_t offset = 0;
	for (unsigned i = 0; i < count; i++) {
		memcpy(frame + offset, pieces[i].data, pieces[i].length);
		offset += pieces[i].length;
	}
	struct tcp_segment segment;
	if (device->coalescing && tcp_segment_parse(frame, length, &segment)) {
		add_to_run(device, index, &segment);
		return 0;
	}
	if (device->run_count)
		flush_run(device); /* what was sent before goes first */
	send_single(device, index, length);
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
	uint64_t features = virtio_negotiate(
	    virtio, FEATURE_MAC | FEATURE_STATUS | FEATURE_CSUM | FEATURE_GUEST_CSUM |
			FEATURE_MERGE | FEATURE_GUEST_TSO4 | FEATURE_GUEST_TSO6 |
			FEATURE_HOST_TSO4 | FEATURE_HOST_TSO6 | FEATURE_EVENT_INDEX);
	if (!features || virtio_setup_queue(virtio, QUEUE_RECEIVE, QUEUE_SIZE) ||
	    virtio_setup_queue(virtio, QUEUE_TRANSMIT, QUEUE_SIZE)) {
		pr_warn("virtio-net: the device refused the driver\n");
		return;
	}
	device->virtio = virtio;
	virtio->queues[QUEUE_RECEIVE].event_index = features & FEATURE_EVENT_INDEX;
	virtio->queues[QUEUE_TRANSMIT].event_index = features & FEATURE_EVENT_INDEX;
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
	device->merge = features & FEATURE_MERGE;
	device->nic.transmit_checksum = features & FEATURE_CSUM;
	device->nic.receive_checksum = features & FEATURE_GUEST_CSUM;
	/* Segmenting needs the device to finish the checksums of the segments it cuts. */
	device->coalescing =
	    (features & FEATURE_CSUM) && (features & (FEATURE_HOST_TSO4 | FEATURE_HOST_TSO6)) ==
					     (FEATURE_HOST_TSO4 | FEATURE_HOST_TSO6);
	pr_info("virtio-net: offloads:%s%s%s%s%s%s\n", features & FEATURE_CSUM ? " checksums" : "",
		features & FEATURE_GUEST_CSUM ? " received-checksums" : "",
		features & (FEATURE_GUEST_TSO4 | FEATURE_GUEST_TSO6) ? " coalesced-receive" : "",
		device->coalescing ? " coalesced-send" : "", device->merge ? " merged-buffers" : "",
		features & FEATURE_EVENT_INDEX ? " event-indices" : "");
	device->nic.driver = "virtio-net";
	device->nic.mtu = 1500;
	device->nic.transmit = transmit;
	device->nic.flush = flush;
	device->nic.driver_data = device;
	virtio_start(virtio);
	virtqueue_kick(&virtio->queues[QUEUE_RECEIVE]);
	nic_register(&device->nic);
}
