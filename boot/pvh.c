// SPDX-License-Identifier: MIT
/* The PVH boot protocol (Xen's hvm_start_info, used by QEMU -kernel and Firecracker). */
#include <stdint.h>
#include "boot/boot.h"
#include "lib/string.h"
#include "mm/layout.h"

struct hvm_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t module_count;
	uint64_t module_list;
	uint64_t command_line;
	uint64_t rsdp;
	/* version 1 and later */
	uint64_t memory_map;
	uint32_t memory_map_entries;
	uint32_t reserved;
};

struct hvm_module {
	uint64_t address;
	uint64_t size;
	uint64_t command_line;
	uint64_t reserved;
};

struct hvm_memory_map_entry {
	uint64_t address;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

/* The boot page tables identity-map the first GiB; PVH structures live there. */
static const void *low_physical(uint64_t address)
{
	return (const void *)address;
}

int pvh_parse(struct bootinfo *info, const void *start_info)
{
	const struct hvm_start_info *start = start_info;

	info->protocol = "pvh";
	info->rsdp = start->rsdp;
	if (start->command_line)
		strlcpy(info->command_line, low_physical(start->command_line),
			sizeof(info->command_line));
	const struct hvm_module *modules = low_physical(start->module_list);
	for (uint32_t i = 0; i < start->module_count && i < BOOTINFO_MAX_MODULES; i++) {
		info->modules[i].start = modules[i].address;
		info->modules[i].length = modules[i].size;
		info->module_count++;
	}
	if (start->version < 1 || !start->memory_map)
		return -1;
	const struct hvm_memory_map_entry *map = low_physical(start->memory_map);
	for (uint32_t i = 0; i < start->memory_map_entries; i++)
		bootinfo_add_memory(info, map[i].address, map[i].size, map[i].type);
	return 0;
}
