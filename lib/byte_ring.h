/* SPDX-License-Identifier: MIT */
/* A fixed-size ring of bytes: one producer and one consumer, the caller provides locking
 * (interrupt handlers produce, system calls consume with interrupts off). */
#pragma once
#include <stdbool.h>
#include <stddef.h>

struct byte_ring {
	unsigned char *data;
	size_t capacity; /* a power of two */
	size_t head;	 /* next write */
	size_t tail;	 /* next read */
};

void byte_ring_init(struct byte_ring *ring, void *storage, size_t capacity);
static inline size_t byte_ring_count(const struct byte_ring *ring)
{
	return ring->head - ring->tail;
}
static inline bool byte_ring_full(const struct byte_ring *ring)
{
	return byte_ring_count(ring) == ring->capacity;
}
/* Returns false (and drops the byte) when full. */
bool byte_ring_put(struct byte_ring *ring, unsigned char byte);
/* Removes the newest byte; false when empty. */
bool byte_ring_unput(struct byte_ring *ring, unsigned char *byte);
size_t byte_ring_get(struct byte_ring *ring, void *buffer, size_t length);
/* Copies in as much as fits; returns how much. */
size_t byte_ring_write(struct byte_ring *ring, const void *buffer, size_t length);
/* For copying in place (from or to memory a plain memcpy cannot take, a message's vector):
 * the stored bytes contiguous from `offset` past the oldest (*length of them, 0 at the end),
 * and byte_ring_discard drops the oldest `length`; the free room contiguous from the head, and
 * byte_ring_commit adds the `length` bytes written there. */
const void *byte_ring_stored_span(const struct byte_ring *ring, size_t offset, size_t *length);
void byte_ring_discard(struct byte_ring *ring, size_t length);
void *byte_ring_room_span(const struct byte_ring *ring, size_t *length);
void byte_ring_commit(struct byte_ring *ring, size_t length);
