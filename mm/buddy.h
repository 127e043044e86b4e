/* SPDX-License-Identifier: MIT */
/* A binary buddy allocator over a range of page frames. Pure code with no kernel dependencies,
 * so host unit tests exercise it directly; mm/frame.c wraps one global instance for the kernel.
 *
 * Frames are numbered by physical address / 4096. Everything the allocator keeps lives in
 * `metadata`, never in the free frames themselves: per frame a state byte and the links of the
 * one free list per order that a free block's first frame is on (so handing RAM to it, or
 * splitting a block, touches no page of the RAM it manages: under an emulator, a first touch of
 * guest memory is the host zeroing a page, 2 MiB at a time with transparent huge pages). At
 * most 2^32 - 1 frames (16 TiB). Not locked: callers serialise. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUDDY_MAX_ORDER 20 /* largest block: 2^20 frames = 4 GiB */
#define BUDDY_NONE	UINT32_MAX

struct buddy_allocator {
	uint64_t first_frame;
	uint64_t frame_count;
	uint8_t *states;       /* a byte per frame */
	uint32_t *next, *prev; /* free-list links, by frame index; BUDDY_NONE ends a list */
	uint32_t free_lists[BUDDY_MAX_ORDER + 1]; /* the first block's frame index, or BUDDY_NONE */
	uint64_t free_frames;
	uint64_t managed_frames;
	uint64_t rejected_frees; /* buddy_free calls ignored: double free, wrong order, not ours */
};

/* Bytes of metadata needed for frame_count frames (9 a frame), 4-byte aligned. */
size_t buddy_metadata_size(uint64_t frame_count);
/* Starts empty: every frame is "not managed" until buddy_add_range gives it. */
void buddy_init(struct buddy_allocator *buddy, uint64_t first_frame, uint64_t frame_count,
		void *metadata);
/* Hands the frames [start_frame, end_frame) to the allocator as free. Frames outside
 * [first_frame, first_frame + frame_count) and frames already managed are skipped. */
void buddy_add_range(struct buddy_allocator *buddy, uint64_t start_frame, uint64_t end_frame);
/* Returns the first frame of a free block of 2^order frames, aligned to its size, or
 * UINT64_MAX when none is free. */
uint64_t buddy_alloc(struct buddy_allocator *buddy, unsigned order);
/* Returns a block from buddy_alloc with the same order; merges with free buddies. Anything else
 * (a double free, another order, a frame inside a block or never managed) changes nothing but
 * rejected_frees. */
void buddy_free(struct buddy_allocator *buddy, uint64_t frame, unsigned order);
