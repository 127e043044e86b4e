/* The kernel heap (mm/heap.c) on a fake frame allocator: a buddy allocator over host memory.
 * "Physical" addresses are host addresses minus DIRECT_MAP_BASE, so the kernel's
 * phys_to_virtual() gives the host pointer back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mm/buddy.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/heap_lock.h"
#include "mm/layout.h"
#include "tests/unit/unit.h"

#define HEAP_FRAMES 4096

static struct buddy_allocator frames;
static uint8_t metadata[HEAP_FRAMES];
static uint64_t frames_in_use;

uint64_t heap_lock(void)
{
	return 0;
}

void heap_unlock(uint64_t state)
{
	(void)state;
}

uint64_t frame_alloc(unsigned order)
{
	static int ready;

	if (!ready) {
		char *memory = aligned_alloc(HEAP_FRAMES * 4096ul, HEAP_FRAMES * 4096ul);
		uint64_t first = ((uint64_t)(uintptr_t)memory - DIRECT_MAP_BASE) >> 12;
		buddy_init(&frames, first, HEAP_FRAMES, DIRECT_MAP_BASE, metadata);
		buddy_add_range(&frames, first, first + HEAP_FRAMES);
		ready = 1;
	}
	uint64_t frame = buddy_alloc(&frames, order);
	if (frame == UINT64_MAX)
		return 0;
	frames_in_use += 1u << order;
	return frame << 12;
}

void frame_free(uint64_t physical, unsigned order)
{
	frames_in_use -= 1u << order;
	buddy_free(&frames, physical >> 12, order);
}

static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

TEST(heap_every_size_class_and_large_blocks)
{
	size_t sizes[] = { 1, 15, 16, 17, 100, 256, 1000, 2048, 2049, 4096, 100000 };
	void *pointers[sizeof(sizes) / sizeof(sizes[0])];

	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		pointers[i] = heap_alloc(sizes[i]);
		CHECK(pointers[i] != NULL);
		CHECK_EQ((uintptr_t)pointers[i] % 16, 0);
		memset(pointers[i], 0xa5, sizes[i]);
	}
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		heap_free(pointers[i]);
	heap_free(NULL);
	char *zeroed = heap_alloc_zeroed(300);
	for (int i = 0; i < 300; i++)
		CHECK(zeroed[i] == 0);
	heap_free(zeroed);
}

TEST(heap_exhaustion_returns_null)
{
	CHECK(heap_alloc(HEAP_FRAMES * 4096ul * 2) == NULL);
	CHECK(heap_alloc((size_t)1 << 50) == NULL);
}

TEST(heap_random_stress_keeps_contents)
{
	static struct {
		unsigned char *pointer;
		size_t size;
		unsigned char pattern;
	} live[256];
	uint64_t state = 0x2545f4914f6cdd1dull;
	uint64_t frames_before = frames_in_use;

	for (int step = 0; step < 50000; step++) {
		unsigned slot = next_random(&state) % 256;
		if (live[slot].pointer) {
			for (size_t i = 0; i < live[slot].size; i += 97)
				CHECK(live[slot].pointer[i] == live[slot].pattern);
			heap_free(live[slot].pointer);
			live[slot].pointer = NULL;
			continue;
		}
		size_t size = 1 + next_random(&state) % ((next_random(&state) & 7) ? 512 : 20000);
		live[slot].pointer = heap_alloc(size);
		CHECK(live[slot].pointer != NULL);
		live[slot].size = size;
		live[slot].pattern = (unsigned char)step;
		memset(live[slot].pointer, live[slot].pattern, size);
	}
	for (unsigned slot = 0; slot < 256; slot++)
		heap_free(live[slot].pointer);
	/* Only the cached empty slabs (at most one per class) stay allocated. */
	CHECK(frames_in_use - frames_before <= 8);
}
