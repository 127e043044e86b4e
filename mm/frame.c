// SPDX-License-Identifier: MIT
/* The kernel's frame allocator: one buddy allocator over all RAM (see mm/frame.h). Its metadata
 * (a byte per frame) is placed in the first usable memory above what boot reserved. */
#include "mm/frame.h"
#include "arch/x86_64/cpu.h"
#include "kernel/compiler.h"
#include "kernel/panic.h"
#include "lib/string.h"
#include "mm/buddy.h"
#include "mm/layout.h"

static struct buddy_allocator frames;

static uint64_t highest_usable(const struct bootinfo *info)
{
	uint64_t highest = 0;

	for (unsigned i = 0; i < info->memory_count; i++)
		if (info->memory[i].type == MEMORY_USABLE)
			highest = MAX(highest, info->memory[i].start + info->memory[i].length);
	return highest;
}

static uint64_t place_metadata(const struct bootinfo *info, uint64_t reserved_end, size_t size)
{
	for (unsigned i = 0; i < info->memory_count; i++) {
		const struct memory_region *region = &info->memory[i];
		uint64_t start = ALIGN_UP(MAX(region->start, reserved_end), PAGE_SIZE);
		if (region->type == MEMORY_USABLE && start + size <= region->start + region->length)
			return start;
	}
	panic("no room for the frame allocator's metadata (%zu bytes)", size);
}

void frame_init(const struct bootinfo *info, uint64_t reserved_end)
{
	uint64_t frame_count = highest_usable(info) / PAGE_SIZE;
	size_t size = buddy_metadata_size(frame_count);
	uint64_t metadata = place_metadata(info, reserved_end, size);

	buddy_init(&frames, 0, frame_count, DIRECT_MAP_BASE, phys_to_virtual(metadata));
	reserved_end = ALIGN_UP(MAX(reserved_end, metadata + size), PAGE_SIZE);
	for (unsigned i = 0; i < info->memory_count; i++) {
		const struct memory_region *region = &info->memory[i];
		if (region->type != MEMORY_USABLE)
			continue;
		uint64_t start = ALIGN_UP(MAX(region->start, reserved_end), PAGE_SIZE);
		uint64_t end = ALIGN_DOWN(region->start + region->length, PAGE_SIZE);
		if (start < end)
			buddy_add_range(&frames, start / PAGE_SIZE, end / PAGE_SIZE);
	}
}

uint64_t frame_alloc(unsigned order)
{
	uint64_t flags = interrupts_save();
	uint64_t frame = buddy_alloc(&frames, order);

	interrupts_restore(flags);
	return frame == UINT64_MAX ? 0 : frame * PAGE_SIZE;
}

uint64_t frame_alloc_zeroed(unsigned order)
{
	uint64_t physical = frame_alloc(order);

	if (physical)
		memset(phys_to_virtual(physical), 0, PAGE_SIZE << order);
	return physical;
}

void frame_free(uint64_t physical, unsigned order)
{
	uint64_t flags = interrupts_save();

	buddy_free(&frames, physical / PAGE_SIZE, order);
	interrupts_restore(flags);
}

uint64_t frame_free_count(void)
{
	return frames.free_frames;
}

uint64_t frame_total_count(void)
{
	return frames.managed_frames;
}
