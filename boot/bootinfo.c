// SPDX-License-Identifier: MIT
/* The boot memory map, kept sorted by start, with regions of one type that overlap or touch
 * merged into one (see boot/bootinfo.h). Regions of different types are kept as given, even
 * when they overlap: mm/frame.c gives the other type precedence. Pure code, called by the boot
 * protocol parsers. */
#include "boot/bootinfo.h"

static void remove_region(struct bootinfo *info, unsigned index)
{
	for (unsigned i = index; i + 1 < info->memory_count; i++)
		info->memory[i] = info->memory[i + 1];
	info->memory_count--;
}

/* Widens [*start, *end) by every region of the type that overlaps or touches it, and removes
 * those. One pass is enough: regions of one type in the table never touch each other. */
static void absorb_same_type(struct bootinfo *info, uint64_t *start, uint64_t *end, uint32_t type)
{
	unsigned i = 0;

	while (i < info->memory_count) {
		struct memory_region *region = &info->memory[i];
		uint64_t region_end = region->start + region->length;
		if (region->type != type || region->start > *end || region_end < *start) {
			i++;
			continue;
		}
		if (region->start < *start)
			*start = region->start;
		if (region_end > *end)
			*end = region_end;
		remove_region(info, i);
	}
}

static void insert_sorted(struct bootinfo *info, uint64_t start, uint64_t end, uint32_t type)
{
	unsigned index = info->memory_count;

	while (index && info->memory[index - 1].start > start) {
		info->memory[index] = info->memory[index - 1];
		index--;
	}
	info->memory[index] = (struct memory_region){start, end - start, type};
	info->memory_count++;
}

int bootinfo_add_memory(struct bootinfo *info, uint64_t start, uint64_t length, uint32_t type)
{
	/* A region running past the top of the address space ends at the top. */
	uint64_t end = length > UINT64_MAX - start ? UINT64_MAX : start + length;

	if (!length)
		return 0;
	absorb_same_type(info, &start, &end, type);
	if (info->memory_count == BOOTINFO_MAX_MEMORY_REGIONS)
		return -1;
	insert_sorted(info, start, end, type);
	if (type == MEMORY_USABLE && end > info->highest_physical)
		info->highest_physical = end;
	return 0;
}

int bootinfo_reserve(struct bootinfo *info, uint64_t start, uint64_t length)
{
	struct memory_region old[BOOTINFO_MAX_MEMORY_REGIONS];
	unsigned count = info->memory_count;
	uint64_t end = start + length;
	int result = 0;

	for (unsigned i = 0; i < count; i++)
		old[i] = info->memory[i];
	info->memory_count = 0;
	info->highest_physical = 0;
	for (unsigned i = 0; i < count; i++) {
		uint64_t region_start = old[i].start, region_end = old[i].start + old[i].length;
		if (old[i].type != MEMORY_USABLE || region_end <= start || region_start >= end) {
			result |=
			    bootinfo_add_memory(info, region_start, old[i].length, old[i].type);
			continue;
		}
		if (region_start < start)
			result |= bootinfo_add_memory(info, region_start, start - region_start,
						      MEMORY_USABLE);
		uint64_t overlap_start = region_start > start ? region_start : start;
		uint64_t overlap_end = region_end < end ? region_end : end;
		result |= bootinfo_add_memory(info, overlap_start, overlap_end - overlap_start,
					      MEMORY_RESERVED);
		if (region_end > end)
			result |= bootinfo_add_memory(info, end, region_end - end, MEMORY_USABLE);
	}
	return result;
}
