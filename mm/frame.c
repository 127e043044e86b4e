// SPDX-License-Identifier: MIT
/* The kernel's frame allocator: one buddy allocator over all RAM (see mm/frame.h). Its metadata
 * (9 bytes per frame up to the highest usable address) is placed in the lowest usable memory
 * above what boot reserved; every other whole usable frame above reserved_end is free, less
 * anything another region of the map overlaps. Frees the buddy rejects are warned about once. */
#include "mm/frame.h"
#include "arch/x86_64/cpu.h"
#include "fs/procfs.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "kernel/panic.h"
#include "lib/string.h"
#include "mm/buddy.h"
#include "mm/layout.h"
#include "mm/vm.h"

static struct buddy_allocator frames;

static uint64_t highest_usable(const struct bootinfo *info)
{
	uint64_t highest = 0;

	for (unsigned i = 0; i < info->memory_count; i++)
		if (info->memory[i].type == MEMORY_USABLE)
			highest = MAX(highest, info->memory[i].start + info->memory[i].length);
	return highest;
}

/* True when [start, end) meets a region of another type: firmware maps may overlap. */
static bool overlaps_unusable(const struct bootinfo *info, uint64_t start, uint64_t end)
{
	for (unsigned i = 0; i < info->memory_count; i++) {
		const struct memory_region *region = &info->memory[i];
		if (region->type != MEMORY_USABLE && region->start < end &&
		    start < region->start + region->length)
			return true;
	}
	return false;
}

/* The first page-aligned place at or above reserved_end, in the lowest usable region. */
static uint64_t place_metadata(const struct bootinfo *info, uint64_t reserved_end, size_t size)
{
	for (unsigned i = 0; i < info->memory_count; i++) {
		const struct memory_region *region = &info->memory[i];
		uint64_t start = ALIGN_UP(MAX(region->start, reserved_end), PAGE_SIZE);
		if (region->type == MEMORY_USABLE &&
		    start + size <= region->start + region->length &&
		    !overlaps_unusable(info, start, start + size))
			return start;
	}
	panic("no room for the frame allocator's metadata (%zu bytes)", size);
}

/* Gives the allocator the whole frames inside [start, end). */
static void add_frames(uint64_t start, uint64_t end)
{
	start = ALIGN_UP(start, PAGE_SIZE);
	end = ALIGN_DOWN(end, PAGE_SIZE);
	if (start < end)
		buddy_add_range(&frames, start / PAGE_SIZE, end / PAGE_SIZE);
}

/* Adds [start, end) less every region of another type that overlaps it. The map is sorted by
 * start (boot/bootinfo.c), so each piece lies after every hole already cut. */
static void add_usable(const struct bootinfo *info, uint64_t start, uint64_t end)
{
	for (unsigned i = 0; i < info->memory_count && start < end; i++) {
		const struct memory_region *region = &info->memory[i];
		if (region->type == MEMORY_USABLE || region->start >= end ||
		    region->start + region->length <= start)
			continue;
		add_frames(start, region->start);
		start = MAX(start, region->start + region->length);
	}
	add_frames(start, end);
}

static void generate_meminfo(struct procfs_text *text, void *context)
{
	uint64_t total = frame_total_count() * 4, free = frame_free_count() * 4;

	(void)context;
	procfs_printf(text,
		      "MemTotal:       %8llu kB\nMemFree:        %8llu kB\n"
		      "MemAvailable:   %8llu kB\nBuffers:               0 kB\n"
		      "Cached:                0 kB\nAnonPages:      %8llu kB\n"
		      "SwapTotal:             0 kB\nSwapFree:              0 kB\n",
		      (unsigned long long)total, (unsigned long long)free, (unsigned long long)free,
		      (unsigned long long)(vm_resident_bytes() / 1024));
}

void frame_init(const struct bootinfo *info, uint64_t reserved_end)
{
	procfs_register_file("meminfo", generate_meminfo, NULL);
	uint64_t frame_count = highest_usable(info) / PAGE_SIZE;
	size_t size = buddy_metadata_size(frame_count);
	uint64_t metadata = place_metadata(info, reserved_end, size);
	uint64_t metadata_end = ALIGN_UP(metadata + size, PAGE_SIZE);

	buddy_init(&frames, 0, frame_count, phys_to_virtual(metadata));
	/* Frame 0 stays out whatever reserved_end says: frame_alloc's 0 means "none". */
	reserved_end = MAX(reserved_end, PAGE_SIZE);
	for (unsigned i = 0; i < info->memory_count; i++) {
		const struct memory_region *region = &info->memory[i];
		uint64_t start = MAX(region->start, reserved_end);
		uint64_t end = region->start + region->length;
		if (region->type != MEMORY_USABLE)
			continue;
		add_usable(info, start, MIN(end, metadata));
		add_usable(info, MAX(start, metadata_end), end);
	}
}

/* System calls run on the program's stack, which is demand paged: a page fault there can come
 * in the middle of buddy_alloc or buddy_free, with their lists half updated, and the fault
 * wants a frame (and page tables). Such a nested request is served from a few frames kept
 * aside, filled again once the outer call is done. */
#define RESERVE_FRAMES 8
static uint64_t reserve[RESERVE_FRAMES];
static unsigned reserve_count;
static bool allocator_busy;

static void refill_reserve(void)
{
	while (reserve_count < RESERVE_FRAMES) {
		uint64_t frame = buddy_alloc(&frames, 0);
		if (frame == UINT64_MAX)
			break;
		reserve[reserve_count++] = frame;
	}
}

uint64_t frame_alloc(unsigned order)
{
	uint64_t flags = interrupts_save(), frame = UINT64_MAX;

	if (allocator_busy) {
		if (order == 0 && reserve_count)
			frame = reserve[--reserve_count];
	} else {
		allocator_busy = true;
		frame = buddy_alloc(&frames, order);
		refill_reserve();
		allocator_busy = false;
	}
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

/* A double free or a foreign frame: the allocator ignored it, the caller has a bug. Once, so a
 * loop of them cannot flood the console. */
static void report_bad_free(uint64_t physical, unsigned order)
{
	static bool reported;

	if (reported)
		return;
	reported = true;
	pr_warn("frame: ignored free of %#lx order %u (reported once)\n", physical, order);
}

void frame_free(uint64_t physical, unsigned order)
{
	/* UINT64_MAX is no frame, so a misaligned address is rejected like a foreign one. */
	uint64_t frame = physical % PAGE_SIZE ? UINT64_MAX : physical / PAGE_SIZE;
	uint64_t flags = interrupts_save();
	uint64_t rejected = frames.rejected_frees;

	if (allocator_busy) { /* a nested free (see frame_alloc): a single frame goes aside */
		if (order == 0 && frame != UINT64_MAX && reserve_count < RESERVE_FRAMES)
			reserve[reserve_count++] = frame;
		interrupts_restore(flags);
		return;
	}
	allocator_busy = true;
	buddy_free(&frames, frame, order);
	allocator_busy = false;
	rejected = frames.rejected_frees - rejected;
	interrupts_restore(flags);
	if (rejected)
		report_bad_free(physical, order);
}

uint64_t frame_free_count(void)
{
	return frames.free_frames;
}

uint64_t frame_total_count(void)
{
	return frames.managed_frames;
}
