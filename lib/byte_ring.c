// SPDX-License-Identifier: MIT
/* A fixed-size byte ring (see lib/byte_ring.h). */
#include "lib/byte_ring.h"
#include "lib/string.h"

void byte_ring_init(struct byte_ring *ring, void *storage, size_t capacity)
{
	ring->data = storage;
	ring->capacity = capacity;
	ring->head = ring->tail = 0;
}

bool byte_ring_put(struct byte_ring *ring, unsigned char byte)
{
	if (byte_ring_full(ring))
		return false;
	ring->data[ring->head++ & (ring->capacity - 1)] = byte;
	return true;
}

bool byte_ring_unput(struct byte_ring *ring, unsigned char *byte)
{
	if (!byte_ring_count(ring))
		return false;
	*byte = ring->data[--ring->head & (ring->capacity - 1)];
	return true;
}

/* The ring's storage between two positions is at most two contiguous pieces. */
size_t byte_ring_get(struct byte_ring *ring, void *buffer, size_t length)
{
	unsigned char *out = buffer;
	size_t copied = 0;

	if (length > byte_ring_count(ring))
		length = byte_ring_count(ring);
	while (copied < length) {
		size_t at = ring->tail & (ring->capacity - 1);
		size_t piece =
		    ring->capacity - at < length - copied ? ring->capacity - at : length - copied;
		memcpy(out + copied, ring->data + at, piece);
		ring->tail += piece;
		copied += piece;
	}
	return copied;
}

size_t byte_ring_write(struct byte_ring *ring, const void *buffer, size_t length)
{
	const unsigned char *in = buffer;
	size_t copied = 0, room = ring->capacity - byte_ring_count(ring);

	if (length > room)
		length = room;
	while (copied < length) {
		size_t at = ring->head & (ring->capacity - 1);
		size_t piece =
		    ring->capacity - at < length - copied ? ring->capacity - at : length - copied;
		memcpy(ring->data + at, in + copied, piece);
		ring->head += piece;
		copied += piece;
	}
	return copied;
}

const void *byte_ring_stored_span(const struct byte_ring *ring, size_t offset, size_t *length)
{
	size_t count = byte_ring_count(ring);
	size_t at = (ring->tail + offset) & (ring->capacity - 1);

	*length = offset >= count ? 0 : count - offset;
	if (*length > ring->capacity - at)
		*length = ring->capacity - at;
	return ring->data + at;
}

void byte_ring_discard(struct byte_ring *ring, size_t length)
{
	ring->tail += length;
}

void *byte_ring_room_span(const struct byte_ring *ring, size_t *length)
{
	size_t at = ring->head & (ring->capacity - 1);

	*length = ring->capacity - byte_ring_count(ring);
	if (*length > ring->capacity - at)
		*length = ring->capacity - at;
	return ring->data + at;
}

void byte_ring_commit(struct byte_ring *ring, size_t length)
{
	ring->head += length;
}
