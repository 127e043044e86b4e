// SPDX-License-Identifier: MIT
/* Binary buddy allocator (see mm/buddy.h). Blocks are aligned to their size in absolute frame
 * numbers, so a block's buddy is found by flipping one bit. Each frame's metadata byte is one of:
 *   UNMANAGED        never given by buddy_add_range (a hole, or outside RAM)
 *   TAIL             managed, but not the first frame of a block
 *   FREE | order     first frame of a free block of 2^order frames, on free_lists[order]
 *   USED | order     first frame of a block buddy_alloc handed out
 * Only the first frames of blocks change on split and merge, so every operation is O(orders),
 * and buddy_free can insist on USED | order: a double free, a wrong order, a frame inside a
 * block or a frame never managed is counted in rejected_frees and otherwise ignored. */
#include "mm/buddy.h"
#include "lib/string.h"

#define UNMANAGED 0x00
#define TAIL	  0x20
#define USED	  0x40
#define FREE	  0x80

/* The state bytes, padded so that the links after them are 4-byte aligned. */
static uint64_t states_size(uint64_t frame_count)
{
	return (frame_count + 3) & ~3ull;
}

size_t buddy_metadata_size(uint64_t frame_count)
{
	return states_size(frame_count) + 2 * sizeof(uint32_t) * frame_count;
}

void buddy_init(struct buddy_allocator *buddy, uint64_t first_frame, uint64_t frame_count,
		void *metadata)
{
	buddy->first_frame = first_frame;
	buddy->frame_count = frame_count;
	buddy->states = metadata;
	buddy->next = (uint32_t *)(buddy->states + states_size(frame_count));
	buddy->prev = buddy->next + frame_count;
	buddy->free_frames = buddy->managed_frames = buddy->rejected_frees = 0;
	for (int order = 0; order <= BUDDY_MAX_ORDER; order++)
		buddy->free_lists[order] = BUDDY_NONE;
	memset(buddy->states, UNMANAGED, frame_count);
}

static uint8_t *state(const struct buddy_allocator *buddy, uint64_t frame)
{
	return &buddy->states[frame - buddy->first_frame];
}

static bool in_range(const struct buddy_allocator *buddy, uint64_t frame)
{
	return frame >= buddy->first_frame && frame - buddy->first_frame < buddy->frame_count;
}

static void push(struct buddy_allocator *buddy, uint64_t frame, unsigned order)
{
	uint32_t index = (uint32_t)(frame - buddy->first_frame), head = buddy->free_lists[order];

	buddy->prev[index] = BUDDY_NONE;
	buddy->next[index] = head;
	if (head != BUDDY_NONE)
		buddy->prev[head] = index;
	buddy->free_lists[order] = index;
	*state(buddy, frame) = FREE | order;
}

/* Takes a free block off its list; the caller sets its first frame's new state. */
static void unlink_block(struct buddy_allocator *buddy, uint64_t frame, unsigned order)
{
	uint32_t index = (uint32_t)(frame - buddy->first_frame);
	uint32_t next = buddy->next[index], prev = buddy->prev[index];

	if (prev != BUDDY_NONE)
		buddy->next[prev] = next;
	else
		buddy->free_lists[order] = next;
	if (next != BUDDY_NONE)
		buddy->prev[next] = prev;
}

uint64_t buddy_alloc(struct buddy_allocator *buddy, unsigned order)
{
	unsigned found = order;

	while (found <= BUDDY_MAX_ORDER && buddy->free_lists[found] == BUDDY_NONE)
		found++;
	if (found > BUDDY_MAX_ORDER)
		return UINT64_MAX;
	uint64_t frame = buddy->first_frame + buddy->free_lists[found];
	unlink_block(buddy, frame, found);
	/* Split: hand the upper halves back until the block has the asked size. */
	while (found > order) {
		found--;
		push(buddy, frame + (1ull << found), found);
	}
	*state(buddy, frame) = USED | order;
	buddy->free_frames -= 1ull << order;
	return frame;
}

/* Puts a block whose first frame is not on any list back, merging it with free buddies. */
static void release(struct buddy_allocator *buddy, uint64_t frame, unsigned order)
{
	while (order < BUDDY_MAX_ORDER) {
		uint64_t other = frame ^ (1ull << order);
		if (!in_range(buddy, other) || *state(buddy, other) != (FREE | order))
			break;
		unlink_block(buddy, other, order);
		*state(buddy, frame | (1ull << order)) = TAIL;
		frame &= ~(1ull << order);
		order++;
	}
	push(buddy, frame, order);
}

void buddy_free(struct buddy_allocator *buddy, uint64_t frame, unsigned order)
{
	if (order > BUDDY_MAX_ORDER || !in_range(buddy, frame) ||
	    *state(buddy, frame) != (USED | order)) {
		buddy->rejected_frees++;
		return;
	}
	buddy->free_frames += 1ull << order;
	release(buddy, frame, order);
}

/* Frees [start, end), frames already marked TAIL, as the largest aligned blocks that fit. */
static void add_run(struct buddy_allocator *buddy, uint64_t start, uint64_t end)
{
	while (start < end) {
		unsigned order = 0;
		while (order < BUDDY_MAX_ORDER && !(start & (1ull << order)) &&
		       start + (2ull << order) <= end)
			order++;
		buddy->free_frames += 1ull << order;
		buddy->managed_frames += 1ull << order;
		release(buddy, start, order);
		start += 1ull << order;
	}
}

/* Frames already managed are skipped, so overlapping ranges never put a frame in twice. */
void buddy_add_range(struct buddy_allocator *buddy, uint64_t start_frame, uint64_t end_frame)
{
	uint64_t limit = buddy->first_frame + buddy->frame_count;

	if (start_frame < buddy->first_frame)
		start_frame = buddy->first_frame;
	if (end_frame > limit)
		end_frame = limit;
	while (start_frame < end_frame) {
		uint64_t run_end = start_frame;
		while (run_end < end_frame && *state(buddy, run_end) == UNMANAGED) {
			/* Eight at a time where they are aligned: boot hands over all of RAM. */
			uint64_t *eight = (uint64_t *)state(buddy, run_end);
			if ((run_end - buddy->first_frame) % 8 == 0 && end_frame - run_end >= 8 &&
			    *eight == UNMANAGED * 0x0101010101010101ull) {
				*eight = TAIL * 0x0101010101010101ull;
				run_end += 8;
				continue;
			}
			*state(buddy, run_end++) = TAIL;
		}
		add_run(buddy, start_frame, run_end);
		start_frame = run_end + (run_end < end_frame);
	}
}
