/* The buddy frame allocator (mm/buddy.c) over a host buffer standing in for RAM. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mm/buddy.h"
#include "tests/unit/unit.h"

#define FRAMES 1024
#define FIRST_FRAME 256 /* pretend RAM starts at 1 MiB */

struct fake_ram {
	struct buddy_allocator buddy;
	uint8_t metadata[FRAMES];
	char *memory;
};

static void fake_ram_init(struct fake_ram *ram)
{
	ram->memory = aligned_alloc(4096, FRAMES * 4096ul);
	buddy_init(&ram->buddy, FIRST_FRAME, FRAMES,
		   (uint64_t)(uintptr_t)ram->memory - FIRST_FRAME * 4096ul, ram->metadata);
}

static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

TEST(buddy_allocates_aligned_blocks_and_merges_back)
{
	struct fake_ram ram;

	fake_ram_init(&ram);
	buddy_add_range(&ram.buddy, FIRST_FRAME, FIRST_FRAME + FRAMES);
	CHECK_EQ(ram.buddy.free_frames, FRAMES);
	CHECK_EQ(ram.buddy.managed_frames, FRAMES);
	uint64_t a = buddy_alloc(&ram.buddy, 0), b = buddy_alloc(&ram.buddy, 3);
	uint64_t c = buddy_alloc(&ram.buddy, 8);
	CHECK(a != UINT64_MAX && b != UINT64_MAX && c != UINT64_MAX);
	CHECK_EQ(b % 8, 0);
	CHECK_EQ(c % 256, 0);
	CHECK_EQ(ram.buddy.free_frames, FRAMES - 1 - 8 - 256);
	buddy_free(&ram.buddy, a, 0);
	buddy_free(&ram.buddy, b, 3);
	buddy_free(&ram.buddy, c, 8);
	CHECK_EQ(ram.buddy.free_frames, FRAMES);
	/* Everything merged back: [256, 1280) is the aligned blocks 256+256, 512+512, 1024+256. */
	CHECK_EQ(buddy_alloc(&ram.buddy, 9), 512);
	CHECK(buddy_alloc(&ram.buddy, 8) != UINT64_MAX);
	CHECK(buddy_alloc(&ram.buddy, 8) != UINT64_MAX);
	CHECK_EQ(buddy_alloc(&ram.buddy, 0), UINT64_MAX);
	free(ram.memory);
}

TEST(buddy_exhaustion_and_holes)
{
	struct fake_ram ram;

	fake_ram_init(&ram);
	buddy_add_range(&ram.buddy, FIRST_FRAME + 1, FIRST_FRAME + 10); /* unaligned, with holes */
	CHECK_EQ(ram.buddy.free_frames, 9);
	CHECK_EQ(buddy_alloc(&ram.buddy, 4), UINT64_MAX);
	for (int i = 0; i < 9; i++) {
		uint64_t frame = buddy_alloc(&ram.buddy, 0);
		CHECK(frame > FIRST_FRAME && frame < FIRST_FRAME + 10);
	}
	CHECK_EQ(buddy_alloc(&ram.buddy, 0), UINT64_MAX);
	CHECK_EQ(ram.buddy.free_frames, 0);
	free(ram.memory);
}

TEST(buddy_ignores_double_and_foreign_frees)
{
	struct fake_ram ram;

	fake_ram_init(&ram);
	buddy_add_range(&ram.buddy, FIRST_FRAME, FIRST_FRAME + 64);
	uint64_t a = buddy_alloc(&ram.buddy, 2);
	buddy_free(&ram.buddy, a, 2);
	buddy_free(&ram.buddy, a, 2);
	buddy_free(&ram.buddy, FIRST_FRAME + 5000, 0);
	buddy_free(&ram.buddy, FIRST_FRAME + 1, 1); /* misaligned */
	CHECK_EQ(ram.buddy.free_frames, 64);
	free(ram.memory);
}

TEST(buddy_random_stress_never_overlaps)
{
	static struct fake_ram ram;
	static uint8_t owner[FRAMES];
	static struct {
		uint64_t frame;
		unsigned order;
	} live[512];
	unsigned live_count = 0;
	uint64_t state = 88172645463325252ull;

	fake_ram_init(&ram);
	memset(owner, 0, sizeof(owner));
	buddy_add_range(&ram.buddy, FIRST_FRAME, FIRST_FRAME + FRAMES);
	for (int step = 0; step < 100000; step++) {
		if (live_count < 512 && (next_random(&state) & 1)) {
			unsigned order = next_random(&state) % 5;
			uint64_t frame = buddy_alloc(&ram.buddy, order);
			if (frame == UINT64_MAX)
				continue;
			CHECK_EQ(frame % (1u << order), 0);
			for (unsigned i = 0; i < (1u << order); i++) {
				CHECK(!owner[frame - FIRST_FRAME + i]);
				owner[frame - FIRST_FRAME + i] = 1;
			}
			live[live_count].frame = frame;
			live[live_count++].order = order;
		} else if (live_count) {
			unsigned pick = next_random(&state) % live_count;
			for (unsigned i = 0; i < (1u << live[pick].order); i++)
				owner[live[pick].frame - FIRST_FRAME + i] = 0;
			buddy_free(&ram.buddy, live[pick].frame, live[pick].order);
			live[pick] = live[--live_count];
		}
	}
	while (live_count--)
		buddy_free(&ram.buddy, live[live_count].frame, live[live_count].order);
	CHECK_EQ(ram.buddy.free_frames, FRAMES);
	free(ram.memory);
}
