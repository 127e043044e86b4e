// SPDX-License-Identifier: MIT
/* Binary buddy allocator (see mm/buddy.h). A frame's metadata byte is FREE_HEAD | order when it
 * starts a free block of that order, and 0 otherwise (allocated, inside a free block, or never
 * given). Blocks are aligned to their size in absolute frame numbers, so a block's buddy is
 * found by flipping one bit. */
#include "mm/buddy.h"

#define FREE_HEAD 0x80

struct buddy_free_block {
	struct buddy_free_block *next, *prev;
};

size_t buddy_metadata_size(uint64_t frame_count)
{
	return frame_count;
}

void buddy_init(struct buddy_allocator *buddy, uint64_t first_frame, uint64_t frame_count,
		uint64_t virtual_offset, void *metadata)
{
	buddy->first_frame = first_frame;
	buddy->frame_count = frame_count;
	buddy->virtual_offset = virtual_offset;
	buddy->metadata = metadata;
	buddy->free_frames = buddy->managed_frames = 0;
	for (int order = 0; order <= BUDDY_MAX_ORDER; order++)
		buddy->free_lists[order] = NULL;
	for (uint64_t i = 0; i < frame_count; i++)
		buddy->metadata[i] = 0;
}

static struct buddy_free_block *block_at(const struct buddy_allocator *buddy, uint64_t frame)
{
	return (struct buddy_free_block *)(uintptr_t)((frame << 12) + buddy->virtual_offset);
}

static uint64_t frame_of(const struct buddy_allocator *buddy, const struct buddy_free_block *block)
{
	return ((uintptr_t)block - buddy->virtual_offset) >> 12;
}

static bool in_range(const struct buddy_allocator *buddy, uint64_t frame, unsigned order)
{
	return frame >= buddy->first_frame &&
	       frame + (1ull << order) <= buddy->first_frame + buddy->frame_count;
}

static void push(struct buddy_allocator *buddy, uint64_t frame, unsigned order)
{
	struct buddy_free_block *block = block_at(buddy, frame);

	block->prev = NULL;
	block->next = buddy->free_lists[order];
	if (block->next)
		block->next->prev = block;
	buddy->free_lists[order] = block;
	buddy->metadata[frame - buddy->first_frame] = FREE_HEAD | order;
}

static void unlink_block(struct buddy_allocator *buddy, uint64_t frame, unsigned order)
{
	struct buddy_free_block *block = block_at(buddy, frame);

	if (block->prev)
		block->prev->next = block->next;
	else
		buddy->free_lists[order] = block->next;
	if (block->next)
		block->next->prev = block->prev;
	buddy->metadata[frame - buddy->first_frame] = 0;
}

uint64_t buddy_alloc(struct buddy_allocator *buddy, unsigned order)
{
	unsigned found = order;

	if (order > BUDDY_MAX_ORDER)
		return UINT64_MAX;
	while (found <= BUDDY_MAX_ORDER && !buddy->free_lists[found])
		found++;
	if (found > BUDDY_MAX_ORDER)
		return UINT64_MAX;
	uint64_t frame = frame_of(buddy, buddy->free_lists[found]);
	unlink_block(buddy, frame, found);
	/* Split: hand the upper halves back until the block has the asked size. */
	while (found > order) {
		found--;
		push(buddy, frame + (1ull << found), found);
	}
	buddy->free_frames -= 1ull << order;
	return frame;
}

static void release(struct buddy_allocator *buddy, uint64_t frame, unsigned order)
{
	while (order < BUDDY_MAX_ORDER) {
		uint64_t buddy_frame = frame ^ (1ull << order);
		if (!in_range(buddy, buddy_frame, order) ||
		    buddy->metadata[buddy_frame - buddy->first_frame] != (FREE_HEAD | order))
			break;
		unlink_block(buddy, buddy_frame, order);
		frame &= ~(1ull << order);
		order++;
	}
	push(buddy, frame, order);
}

void buddy_free(struct buddy_allocator *buddy, uint64_t frame, unsigned order)
{
	if (order > BUDDY_MAX_ORDER || !in_range(buddy, frame, order) ||
	    (frame & ((1ull << order) - 1)))
		return; /* not a block this allocator handed out */
	if (buddy->metadata[frame - buddy->first_frame] & FREE_HEAD)
		return; /* double free: already free, keep the lists intact */
	buddy->free_frames += 1ull << order;
	release(buddy, frame, order);
}

void buddy_add_range(struct buddy_allocator *buddy, uint64_t start_frame, uint64_t end_frame)
{
	uint64_t limit = buddy->first_frame + buddy->frame_count;

	if (start_frame < buddy->first_frame)
		start_frame = buddy->first_frame;
	if (end_frame > limit)
		end_frame = limit;
	while (start_frame < end_frame) {
		unsigned order = 0;
		while (order < BUDDY_MAX_ORDER && !(start_frame & (1ull << order)) &&
		       start_frame + (2ull << order) <= end_frame)
			order++;
		buddy->free_frames += 1ull << order;
		buddy->managed_frames += 1ull << order;
		release(buddy, start_frame, order);
		start_frame += 1ull << order;
	}
}
