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
