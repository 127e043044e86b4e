// SPDX-License-Identifier: MIT
/* The boot memory map, kept sorted and merged (see boot/bootinfo.h). Pure code. */
#include "boot/bootinfo.h"

int bootinfo_add_memory(struct bootinfo *info, uint64_t start, uint64_t length, uint32_t type)
{
	unsigned index = 0;

	if (!length)
		return 0;
	while (index < info->memory_count && info->memory[index].start < start)
		index++;
	struct memory_region *before = index ? &info->memory[index - 1] : 0;
	if (before && before->type == type && before->start + before->length == start) {
		before->length += length;
		if (index < info->memory_count && info->memory[index].type == type &&
		    info->memory[index].start == start + length) {
			before->length += info->memory[index].length;
			for (unsigned i = index; i + 1 < info->memory_count; i++)
				info->memory[i] = info->memory[i + 1];
			info->memory_count--;
		}
		goto update_highest;
	}
	if (index < info->memory_count && info->memory[index].type == type &&
	    info->memory[index].start == start + length) {
		info->memory[index].start = start;
		info->memory[index].length += length;
		goto update_highest;
	}
	if (info->memory_count == BOOTINFO_MAX_MEMORY_REGIONS)
		return -1;
	for (unsigned i = info->memory_count; i > index; i--)
		info->memory[i] = info->memory[i - 1];
	info->memory[index] = (struct memory_region){ start, length, type };
	info->memory_count++;
update_highest:
	if (type == MEMORY_USABLE && start + length > info->highest_physical)
		info->highest_physical = start + length;
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
			result |= bootinfo_add_memory(info, region_start, old[i].length, old[i].type);
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
