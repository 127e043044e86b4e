/* The kernel heap (mm/heap.c) on a fake frame allocator: a buddy allocator over host memory.
 * "Physical" addresses are host addresses minus DIRECT_MAP_BASE (wrapping), so the kernel's
 * phys_to_virtual() gives the host pointer back unchanged. This file also supplies the heap's
 * kernel hooks (mm/heap_lock.h): a lock that does nothing and a bad-free counter. */
#include <stdbool.h>
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
static uint64_t frames_in_use;
static unsigned bad_frees;

uint64_t heap_lock(void)
{
	return 0;
}

void heap_unlock(uint64_t state)
{
	(void)state;
}

void heap_report_bad_free(const void *pointer)
{
	(void)pointer;
	bad_frees++;
}

uint64_t frame_alloc(unsigned order)
{
	static int ready;

	if (!ready) {
		char *memory = aligned_alloc(HEAP_FRAMES * 4096ul, HEAP_FRAMES * 4096ul);
		uint64_t first = ((uint64_t)(uintptr_t)memory - DIRECT_MAP_BASE) >> 12;
		buddy_init(&frames, first, HEAP_FRAMES, malloc(buddy_metadata_size(HEAP_FRAMES)));
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
	uint64_t rejected = frames.rejected_frees;

	buddy_free(&frames, physical >> 12, order);
	CHECK_EQ(frames.rejected_frees, rejected); /* the heap never frees a frame twice */
	frames_in_use -= 1u << order;
}

static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

static void fill(unsigned char *pointer, size_t size, unsigned char pattern)
{
	memset(pointer, pattern, size);
}

static bool holds(const unsigned char *pointer, size_t size, unsigned char pattern)
{
	for (size_t i = 0; i < size; i++)
		if (pointer[i] != pattern)
			return false;
	return true;
}

TEST(heap_every_size_class_and_large_blocks)
{
	size_t sizes[] = {1,   15,   16,   17,	 32,   33,   64,   100,	 128,  256,   257,
			  512, 1000, 1024, 2047, 2048, 2049, 4080, 4081, 4096, 100000};
	enum { COUNT = sizeof(sizes) / sizeof(sizes[0]), EACH = 5 };
	unsigned char *pointers[COUNT][EACH];
	unsigned bad_frees_before = bad_frees;

	for (unsigned i = 0; i < COUNT; i++) {
		for (unsigned j = 0; j < EACH; j++) {
			pointers[i][j] = heap_alloc(sizes[i]);
			CHECK(pointers[i][j] != NULL);
			CHECK_EQ((uintptr_t)pointers[i][j] % 16, 0);
			if (sizes[i] > 2048)
				CHECK_EQ((uintptr_t)pointers[i][j] % 4096, 16);
			fill(pointers[i][j], sizes[i], (unsigned char)(i * EACH + j));
		}
	}
	for (unsigned i = 0; i < COUNT; i++)
		for (unsigned j = 0; j < EACH; j++) {
			CHECK(holds(pointers[i][j], sizes[i], (unsigned char)(i * EACH + j)));
			heap_free(pointers[i][j]);
		}
	CHECK_EQ(bad_frees, bad_frees_before);
}

TEST(heap_zero_size_null_free_and_zeroed)
{
	unsigned bad_frees_before = bad_frees;
	void *empty = heap_alloc(0);

	CHECK(empty != NULL);
	heap_free(empty);
	heap_free(NULL);
	CHECK_EQ(bad_frees, bad_frees_before);
	for (int round = 0; round < 2; round++) {
		unsigned char *zeroed = heap_alloc_zeroed(300);
		CHECK(zeroed && holds(zeroed, 300, 0));
		fill(zeroed, 300, 0xff); /* dirty it, so the second round sees reused memory */
		heap_free(zeroed);
		unsigned char *large = heap_alloc_zeroed(10000);
		CHECK(large && holds(large, 10000, 0));
		fill(large, 10000, 0xff);
		heap_free(large);
	}
}

TEST(heap_empty_slabs_go_back_but_one_per_class)
{
	static void *objects[3 * 64];
	uint64_t before = frames_in_use;

	for (unsigned i = 0; i < 3 * 63; i++) /* a 64-byte class slab holds 63 */
		objects[i] = heap_alloc(64);
	CHECK(frames_in_use >= before + 2);
	for (unsigned i = 0; i < 3 * 63; i++)
		heap_free(objects[i]);
	CHECK(frames_in_use <= before + 1);
	uint64_t large_before = frames_in_use;
	void *large = heap_alloc(3 * 4096); /* 12 KiB + header: an order-2 block */
	CHECK_EQ(frames_in_use, large_before + 4);
	heap_free(large);
	CHECK_EQ(frames_in_use, large_before);
}

TEST(heap_bad_frees_are_reported_and_ignored)
{
	unsigned char *keep = heap_alloc(48), *victim = heap_alloc(48);
	unsigned char *large = heap_alloc(5000), *large_keep = heap_alloc(5000);
	unsigned before = bad_frees;

	fill(keep, 48, 0x11);
	fill(large_keep, 5000, 0x22);
	heap_free(victim + 8); /* inside a small object */
	heap_free(large + 8);  /* inside a large block */
	heap_free(victim);
	heap_free(victim); /* double free of a small object */
	heap_free(large);
	heap_free(large); /* double free of a large block */
	CHECK_EQ(bad_frees, before + 4);
	/* Nothing was freed twice: two new objects of the class are distinct. */
	unsigned char *a = heap_alloc(48), *b = heap_alloc(48);
	CHECK(a && b && a != b && a != keep && b != keep);
	CHECK(holds(keep, 48, 0x11));
	CHECK(holds(large_keep, 5000, 0x22));
	heap_free(a);
	heap_free(b);
	heap_free(keep);
	heap_free(large_keep);
	CHECK_EQ(bad_frees, before + 4);
}

TEST(heap_exhaustion_returns_null_and_recovers)
{
	static void *objects[HEAP_FRAMES + 1];
	unsigned count = 0;

	CHECK(heap_alloc(HEAP_FRAMES * 4096ul * 2) == NULL);
	CHECK(heap_alloc((size_t)1 << 50) == NULL);
	CHECK(heap_alloc(SIZE_MAX) == NULL);
	while (count < HEAP_FRAMES + 1 && (objects[count] = heap_alloc(2048)))
		count++;
	CHECK(count > HEAP_FRAMES / 2 && count <= HEAP_FRAMES);
	CHECK(heap_alloc(4000) == NULL);
	while (count--)
		heap_free(objects[count]);
	void *again = heap_alloc(100000);
	CHECK(again != NULL);
	heap_free(again);
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
	unsigned bad_frees_before = bad_frees;

	for (int step = 0; step < 50000; step++) {
		unsigned slot = next_random(&state) % 256;
		if (live[slot].pointer) {
			CHECK(holds(live[slot].pointer, live[slot].size, live[slot].pattern));
			heap_free(live[slot].pointer);
			live[slot].pointer = NULL;
			continue;
		}
		size_t size = 1 + next_random(&state) % ((next_random(&state) & 7) ? 512 : 20000);
		live[slot].pointer = heap_alloc(size);
		CHECK(live[slot].pointer != NULL);
		live[slot].size = size;
		live[slot].pattern = (unsigned char)step;
		fill(live[slot].pointer, size, live[slot].pattern);
	}
	for (unsigned slot = 0; slot < 256; slot++)
		heap_free(live[slot].pointer);
	/* Only the cached empty slabs (at most one per class) stay allocated. */
	CHECK(frames_in_use - frames_before <= 8);
	CHECK_EQ(bad_frees, bad_frees_before);
}
