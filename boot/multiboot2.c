// SPDX-License-Identifier: MIT
/* The Multiboot2 boot information (GRUB): command line, modules, memory map, ACPI RSDP, where
 * the framebuffer tag is (read by drivers/video/multiboot_framebuffer.c in images with
 * graphics). */
#include <stdint.h>
#include "boot/boot.h"
#include "kernel/compiler.h"
#include "lib/string.h"
#include "mm/layout.h"

#define TAG_END		 0
#define TAG_COMMAND_LINE 1
#define TAG_MODULE	 3
#define TAG_MEMORY_MAP	 6
#define TAG_FRAMEBUFFER	 8
#define TAG_ACPI_OLD	 14
#define TAG_ACPI_NEW	 15

struct multiboot2_tag {
	uint32_t type;
	uint32_t size;
};

struct multiboot2_module {
	struct multiboot2_tag tag;
	uint32_t start, end;
	char command_line[];
};

struct multiboot2_memory_map {
	struct multiboot2_tag tag;
	uint32_t entry_size;
	uint32_t entry_version;
};

struct multiboot2_memory_entry {
	uint64_t address;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
};

static void parse_memory_map(struct bootinfo *info, const struct multiboot2_memory_map *map)
{
	const char *entry = (const char *)(map + 1);
	const char *end = (const char *)map + map->tag.size;

	for (; entry + sizeof(struct multiboot2_memory_entry) <= end; entry += map->entry_size) {
		const struct multiboot2_memory_entry *region = (const void *)entry;
		bootinfo_add_memory(info, region->address, region->length, region->type);
		if (map->entry_size == 0)
			break;
	}
}

static void parse_tag(struct bootinfo *info, const struct multiboot2_tag *tag)
{
	switch (tag->type) {
	case TAG_COMMAND_LINE:
		strlcpy(info->command_line, (const char *)(tag + 1), sizeof(info->command_line));
		break;
	case TAG_MODULE:
		if (info->module_count < BOOTINFO_MAX_MODULES) {
			const struct multiboot2_module *module = (const void *)tag;
			info->modules[info->module_count].start = module->start;
			info->modules[info->module_count].length = module->end - module->start;
			info->modules[info->module_count].arguments =
			    !strcmp(module->command_line, ARGUMENTS_MODULE_NAME);
			info->module_count++;
		}
		break;
	case TAG_MEMORY_MAP:
		parse_memory_map(info, (const void *)tag);
		break;
	case TAG_FRAMEBUFFER:
		info->framebuffer_tag = (uint64_t)(uintptr_t)tag;
		break;
	case TAG_ACPI_OLD:
	case TAG_ACPI_NEW:
		/* The tag holds a copy of the RSDP; its address is what the ACPI code wants. */
		info->rsdp = (uint64_t)(uintptr_t)(tag + 1);
		break;
	}
}

int multiboot2_parse(struct bootinfo *info, const void *boot_information)
{
	const char *cursor = boot_information;
	uint32_t total_size = *(const uint32_t *)cursor;
	const char *end = cursor + total_size;

	info->protocol = "multiboot2";
	for (cursor += 8; cursor + sizeof(struct multiboot2_tag) <= end;) {
		const struct multiboot2_tag *tag = (const void *)cursor;
		if (tag->type == TAG_END || tag->size < sizeof(*tag))
			break;
		parse_tag(info, tag);
		cursor += ALIGN_UP(tag->size, 8);
	}
	/* The information stays in use after boot (the RSDP copy in its ACPI tag): out of RAM. */
	if (info->memory_count)
		bootinfo_reserve(info, (uint64_t)(uintptr_t)boot_information, total_size);
	return info->memory_count ? 0 : -1;
}
