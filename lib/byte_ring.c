// SPDX-License-Identifier: MIT
/* A fixed-size byte ring (see lib/byte_ring.h). */
#include "lib/byte_ring.h"

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

size_t byte_ring_get(struct byte_ring *ring, void *buffer, size_t length)
{
	unsigned char *out = buffer;
	size_t copied = 0;

	while (copied < length && byte_ring_count(ring))
		out[copied++] = ring->data[ring->tail++ & (ring->capacity - 1)];
	return copied;
}
