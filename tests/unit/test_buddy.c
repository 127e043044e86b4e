/* The buddy frame allocator (mm/buddy.c). It keeps everything in its metadata and never touches
 * the frames it manages, so the tests give it frame numbers and no memory behind them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mm/buddy.h"
#include "tests/unit/unit.h"

#define FRAMES	    1024
#define FIRST_FRAME 256 /* pretend RAM starts at 1 MiB */

struct fake_ram {
	struct buddy_allocator buddy;
	uint8_t *metadata;
};

static void fake_ram_init(struct fake_ram *ram, uint64_t first_frame, uint64_t frames)
{
	ram->metadata = malloc(buddy_metadata_size(frames));
	CHECK(ram->metadata != NULL);
	buddy_init(&ram->buddy, first_frame, frames, ram->metadata);
}

static void fake_ram_release(struct fake_ram *ram)
{
	free(ram->metadata);
}

static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/* Takes every free frame one at a time and checks none comes twice and each is managed
 * (`managed` marks them, indexed from FIRST_FRAME); returns how many there were. */
static uint64_t drain(struct buddy_allocator *buddy, const uint8_t *managed)
{
	static uint8_t seen[FRAMES];
	uint64_t count = 0, frame;

	memset(seen, 0, sizeof(seen));
	while ((frame = buddy_alloc(buddy, 0)) != UINT64_MAX) {
		CHECK(frame >= FIRST_FRAME && frame < FIRST_FRAME + FRAMES);
		if (frame < FIRST_FRAME || frame >= FIRST_FRAME + FRAMES)
			break;
		CHECK(managed[frame - FIRST_FRAME] && !seen[frame - FIRST_FRAME]);
		seen[frame - FIRST_FRAME] = 1;
		count++;
	}
	CHECK_EQ(buddy->free_frames, 0);
	return count;
}

/* Allocates greedily from the largest order down and counts the blocks of each order: equal
 * profiles mean the free space is merged the same way. */
static void block_profile(struct buddy_allocator *buddy, uint64_t counts[BUDDY_MAX_ORDER + 1])
{
	for (int order = BUDDY_MAX_ORDER; order >= 0; order--) {
		counts[order] = 0;
		while (buddy_alloc(buddy, order) != UINT64_MAX)
			counts[order]++;
	}
}

TEST(buddy_allocates_aligned_blocks_and_merges_back)
{
	struct fake_ram ram;

	fake_ram_init(&ram, FIRST_FRAME, FRAMES);
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
	CHECK_EQ(ram.buddy.rejected_frees, 0);
	/* Everything merged back: [256, 1280) is the aligned blocks 256+256, 512+512, 1024+256. */
	CHECK_EQ(buddy_alloc(&ram.buddy, 9), 512);
	CHECK(buddy_alloc(&ram.buddy, 8) != UINT64_MAX);
	CHECK(buddy_alloc(&ram.buddy, 8) != UINT64_MAX);
	CHECK_EQ(buddy_alloc(&ram.buddy, 0), UINT64_MAX);
	CHECK_EQ(buddy_alloc(&ram.buddy, BUDDY_MAX_ORDER + 1), UINT64_MAX);
	fake_ram_release(&ram);
}

TEST(buddy_unaligned_ranges_with_holes)
{
	struct fake_ram ram;
	uint64_t frames[41];

	fake_ram_init(&ram, FIRST_FRAME, FRAMES);
	buddy_add_range(&ram.buddy, FIRST_FRAME + 1, FIRST_FRAME + 10);
	buddy_add_range(&ram.buddy, FIRST_FRAME + 20, FIRST_FRAME + 52);
	CHECK_EQ(ram.buddy.free_frames, 41);
	CHECK_EQ(buddy_alloc(&ram.buddy, 5), UINT64_MAX);
	for (int i = 0; i < 41; i++) {
		frames[i] = buddy_alloc(&ram.buddy, 0);
		uint64_t offset = frames[i] - FIRST_FRAME;
		CHECK((offset >= 1 && offset < 10) || (offset >= 20 && offset < 52));
	}
	CHECK_EQ(buddy_alloc(&ram.buddy, 0), UINT64_MAX);
	CHECK_EQ(ram.buddy.free_frames, 0);
	for (int i = 0; i < 41; i++)
		buddy_free(&ram.buddy, frames[i], 0);
	/* [276, 308) holds exactly one aligned block of 16 once everything is merged. */
	CHECK_EQ(buddy_alloc(&ram.buddy, 4), FIRST_FRAME + 32);
	CHECK_EQ(buddy_alloc(&ram.buddy, 4), UINT64_MAX);
	fake_ram_release(&ram);
}

TEST(buddy_rejects_bad_frees_without_damage)
{
	struct fake_ram ram;
	static uint8_t managed[FRAMES];

	fake_ram_init(&ram, FIRST_FRAME, FRAMES);
	buddy_add_range(&ram.buddy, FIRST_FRAME, FIRST_FRAME + 64);
	buddy_add_range(&ram.buddy, FIRST_FRAME + 128, FIRST_FRAME + 192);
	uint64_t a = buddy_alloc(&ram.buddy, 0), b = buddy_alloc(&ram.buddy, 0);
	uint64_t c = buddy_alloc(&ram.buddy, 3);
	CHECK_EQ(a ^ b, 1); /* buddies */
	buddy_free(&ram.buddy, a, 0);
	buddy_free(&ram.buddy, a, 0); /* double free, a still heads a free block */
	buddy_free(&ram.buddy, b, 0);
	buddy_free(&ram.buddy, b, 0);		      /* double free after merging into a's block */
	buddy_free(&ram.buddy, c, 2);		      /* wrong order */
	buddy_free(&ram.buddy, c + 1, 0);	      /* inside a live block */
	buddy_free(&ram.buddy, FIRST_FRAME + 100, 0); /* a hole */
	buddy_free(&ram.buddy, FIRST_FRAME - 1, 0);   /* below the range */
	buddy_free(&ram.buddy, FIRST_FRAME + 5000, 0); /* above the range */
	buddy_free(&ram.buddy, c, BUDDY_MAX_ORDER + 1);
	CHECK_EQ(ram.buddy.rejected_frees, 8);
	CHECK_EQ(ram.buddy.free_frames, 128 - 8);
	buddy_free(&ram.buddy, c, 3);
	buddy_free(&ram.buddy, c, 3);
	CHECK_EQ(ram.buddy.rejected_frees, 9);
	memset(managed, 1, 64);
	memset(managed + 128, 1, 64);
	CHECK_EQ(drain(&ram.buddy, managed), 128);
	fake_ram_release(&ram);
}

TEST(buddy_overlapping_ranges_are_added_once)
{
	struct fake_ram ram;
	static uint8_t managed[FRAMES];

	fake_ram_init(&ram, FIRST_FRAME, FRAMES);
	buddy_add_range(&ram.buddy, FIRST_FRAME + 10, FIRST_FRAME + 64);
	buddy_add_range(&ram.buddy, FIRST_FRAME, FIRST_FRAME + 100);
	buddy_add_range(&ram.buddy, FIRST_FRAME + 20, FIRST_FRAME + 30);
	buddy_add_range(&ram.buddy, 0, FIRST_FRAME + 5); /* clipped to the allocator's range */
	CHECK_EQ(ram.buddy.managed_frames, 100);
	CHECK_EQ(ram.buddy.free_frames, 100);
	memset(managed, 1, 100);
	CHECK_EQ(drain(&ram.buddy, managed), 100);
	fake_ram_release(&ram);
}

TEST(buddy_largest_block_is_max_order)
{
	struct fake_ram ram;
	uint64_t frames = (2ull << BUDDY_MAX_ORDER) + 3;

	fake_ram_init(&ram, 0, frames);
	buddy_add_range(&ram.buddy, 0, frames);
	CHECK_EQ(ram.buddy.free_frames, frames);
	uint64_t a = buddy_alloc(&ram.buddy, BUDDY_MAX_ORDER);
	uint64_t b = buddy_alloc(&ram.buddy, BUDDY_MAX_ORDER);
	CHECK(a != UINT64_MAX && b != UINT64_MAX && a != b);
	CHECK_EQ(a % (1ull << BUDDY_MAX_ORDER), 0);
	CHECK_EQ(buddy_alloc(&ram.buddy, BUDDY_MAX_ORDER), UINT64_MAX);
	CHECK_EQ(buddy_alloc(&ram.buddy, 2), UINT64_MAX);
	CHECK_EQ(buddy_alloc(&ram.buddy, 1), 2ull << BUDDY_MAX_ORDER);
	buddy_free(&ram.buddy, a, BUDDY_MAX_ORDER);
	buddy_free(&ram.buddy, b, BUDDY_MAX_ORDER);
	buddy_free(&ram.buddy, 2ull << BUDDY_MAX_ORDER, 1);
	CHECK_EQ(ram.buddy.free_frames, frames);
	CHECK_EQ(ram.buddy.rejected_frees, 0);
	fake_ram_release(&ram);
}

struct live_block {
	uint64_t frame;
	unsigned order;
};

static void add_stress_ranges(struct buddy_allocator *buddy, uint8_t *managed)
{
	buddy_add_range(buddy, FIRST_FRAME + 3, FIRST_FRAME + 500);
	buddy_add_range(buddy, FIRST_FRAME + 520, FIRST_FRAME + FRAMES - 7);
	memset(managed, 0, FRAMES);
	memset(managed + 3, 1, 497);
	memset(managed + 520, 1, FRAMES - 7 - 520);
}

/* One random step: allocate and claim the frames in the shadow map, or free a random live
 * block and at once free it again, which must be rejected. */
static void stress_step(struct buddy_allocator *buddy, uint8_t *owner, uint64_t *state,
			struct live_block *live, unsigned *live_count)
{
	if (*live_count < 512 && (next_random(state) & 1)) {
		unsigned order = next_random(state) % 6;
		uint64_t frame = buddy_alloc(buddy, order);
		if (frame == UINT64_MAX)
			return;
		CHECK_EQ(frame % (1u << order), 0);
		for (unsigned i = 0; i < (1u << order); i++) {
			CHECK(owner[frame - FIRST_FRAME + i] == 1); /* managed and not in use */
			owner[frame - FIRST_FRAME + i] = 2;
		}
		live[(*live_count)++] = (struct live_block){frame, order};
	} else if (*live_count) {
		unsigned pick = next_random(state) % *live_count;
		uint64_t rejected = buddy->rejected_frees;
		for (unsigned i = 0; i < (1u << live[pick].order); i++)
			owner[live[pick].frame - FIRST_FRAME + i] = 1;
		buddy_free(buddy, live[pick].frame, live[pick].order);
		if (!(next_random(state) % 8)) {
			buddy_free(buddy, live[pick].frame, live[pick].order);
			CHECK_EQ(buddy->rejected_frees, rejected + 1);
		}
		live[pick] = live[--*live_count];
	}
}

TEST(buddy_random_stress_never_overlaps_and_merges_fully)
{
	static struct fake_ram ram, fresh;
	static uint8_t managed[FRAMES], owner[FRAMES];
	static struct live_block live[512];
	uint64_t state = 88172645463325252ull, stressed_profile[BUDDY_MAX_ORDER + 1];
	uint64_t fresh_profile[BUDDY_MAX_ORDER + 1];
	unsigned live_count = 0;

	fake_ram_init(&ram, FIRST_FRAME, FRAMES);
	add_stress_ranges(&ram.buddy, managed);
	memcpy(owner, managed, FRAMES);
	for (int step = 0; step < 100000; step++)
		stress_step(&ram.buddy, owner, &state, live, &live_count);
	while (live_count--)
		buddy_free(&ram.buddy, live[live_count].frame, live[live_count].order);
	CHECK_EQ(ram.buddy.free_frames, ram.buddy.managed_frames);
	fake_ram_init(&fresh, FIRST_FRAME, FRAMES);
	add_stress_ranges(&fresh.buddy, managed);
	block_profile(&ram.buddy, stressed_profile);
	block_profile(&fresh.buddy, fresh_profile);
	CHECK(!memcmp(stressed_profile, fresh_profile, sizeof(fresh_profile)));
	fake_ram_release(&fresh);
	fake_ram_release(&ram);
}
