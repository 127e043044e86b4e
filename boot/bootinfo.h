/* SPDX-License-Identifier: MIT */
/* What the boot protocol told us, normalised at the door: boot/pvh.c and boot/multiboot2.c fill
 * one struct bootinfo, and nothing after them knows how the machine booted. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#define BOOTINFO_MAX_MEMORY_REGIONS 64
#define BOOTINFO_MAX_MODULES	    8
#define BOOTINFO_COMMAND_LINE_SIZE  4096
/* The Multiboot2 module string of the program's arguments (kernel/arguments.h). */
#define ARGUMENTS_MODULE_NAME "yolk-arguments"

enum memory_type {
	MEMORY_USABLE = 1,
	MEMORY_RESERVED = 2,
	MEMORY_ACPI_RECLAIMABLE = 3,
	MEMORY_ACPI_NVS = 4,
	MEMORY_BAD = 5,
};

struct memory_region {
	uint64_t start;
	uint64_t length;
	uint32_t type; /* enum memory_type */
};

struct boot_module {
	uint64_t start; /* physical */
	uint64_t length;
	bool arguments; /* the program's arguments (kernel/arguments.c), not an initrd */
};

struct bootinfo {
	const char *protocol; /* "pvh" or "multiboot2" */
	struct memory_region memory[BOOTINFO_MAX_MEMORY_REGIONS];
	unsigned memory_count;
	struct boot_module modules[BOOTINFO_MAX_MODULES];
	unsigned module_count;
	uint64_t rsdp; /* physical address of the ACPI RSDP, 0 if unknown */
	/* The Multiboot2 framebuffer tag (its physical address), 0 if none. */
	uint64_t framebuffer_tag;
	char command_line[BOOTINFO_COMMAND_LINE_SIZE];
	uint64_t highest_physical; /* end of the highest usable region */
};

/* Takes [start, start + length) out of the usable regions (a boot module must not become free
 * memory). 0, or -1 when the table overflowed. */
int bootinfo_reserve(struct bootinfo *info, uint64_t start, uint64_t length);
/* Adds a region, merging it with the regions of the same type it overlaps or touches; keeps
 * the list sorted.
 * Returns 0, or -1 when the table is full (the region is dropped). */
int bootinfo_add_memory(struct bootinfo *info, uint64_t start, uint64_t length, uint32_t type);
