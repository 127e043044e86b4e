// SPDX-License-Identifier: MIT
/* Page tables of the single address space. Boot: paging_init() replaces the boot stub's
 * identity+higher-half tables with the final ones. After that, mm/vm.c maps and unmaps the
 * application's pages one 4 KiB page at a time through paging_map/paging_unmap. */
#include "mm/paging.h"
#include "arch/x86_64/cpu.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/panic.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/layout.h"

#define LARGE_PAGE_SIZE (2ul << 20)
#define ENTRIES		512

extern char __image_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __data_end[], __symbols_start[], __image_end[];

static uint64_t *root_table;
static uint64_t boot_allocator_next; /* physical; 0 once the frame allocator runs */

static uint64_t table_frame_alloc(void)
{
	if (boot_allocator_next) {
		uint64_t frame = boot_allocator_next;
		boot_allocator_next += PAGE_SIZE;
		memset(phys_to_virtual(frame), 0, PAGE_SIZE);
		return frame;
	}
	return frame_alloc_zeroed(0);
}

static unsigned table_index(uint64_t virtual, int level)
{
	return (virtual >> (12 + 9 * level)) & (ENTRIES - 1);
}

/* The entry for `virtual` at `level` (0 = page table), creating tables above it on the way. */
static uint64_t *walk(uint64_t virtual, int target_level, bool create)
{
	uint64_t *table = root_table;

	for (int level = 3; level > target_level; level--) {
		uint64_t *entry = &table[table_index(virtual, level)];
		if (!(*entry & PAGE_PRESENT)) {
			if (!create)
				return NULL;
			uint64_t frame = table_frame_alloc();
			if (!frame)
				return NULL;
			*entry = frame | PAGE_PRESENT | PAGE_WRITABLE;
		}
		if (*entry & PAGE_LARGE)
			return NULL;
		table = phys_to_virtual(*entry & PAGE_ADDRESS_MASK);
	}
	return &table[table_index(virtual, target_level)];
}

int paging_map(uint64_t virtual, uint64_t physical, uint64_t flags)
{
	uint64_t *entry = walk(virtual, 0, true);

	if (!entry)
		return -ENOMEM;
	*entry = (physical & PAGE_ADDRESS_MASK) | flags;
	invlpg(virtual);
	return 0;
}

uint64_t paging_unmap(uint64_t virtual)
{
	uint64_t *entry = walk(virtual, 0, false);
	uint64_t old;

	if (!entry || !*entry)
		return 0;
	old = *entry;
	*entry = 0;
	invlpg(virtual);
	return old;
}

uint64_t paging_lookup(uint64_t virtual)
{
	uint64_t *table = root_table;

	for (int level = 3; level >= 0; level--) {
		uint64_t entry = table[table_index(virtual, level)];
		if (!(entry & (PAGE_PRESENT | PAGE_REVOKED)) || level == 0 || (entry & PAGE_LARGE))
			return entry;
		table = phys_to_virtual(entry & PAGE_ADDRESS_MASK);
	}
	return 0;
}

void paging_set_flags(uint64_t virtual, uint64_t flags)
{
	uint64_t *entry = walk(virtual, 0, false);

	if (!entry || !*entry)
		return;
	*entry = (*entry & PAGE_ADDRESS_MASK) | flags;
	invlpg(virtual);
}

static void walk_table(uint64_t *table, int level, uint64_t base, uint64_t start, uint64_t end,
		       void (*visit)(uint64_t, uint64_t *, void *), void *context)
{
	uint64_t span = 1ul << (12 + 9 * level);

	for (unsigned i = table_index(start, level); i < ENTRIES; i++) {
		uint64_t virtual = base + i * span;
		if (level == 3 && i >= 256)
			virtual |= 0xffff000000000000ul; /* sign-extend the upper half */
		if (virtual >= end)
			break;
		uint64_t entry = table[i];
		if (!entry)
			continue;
		if (level == 0) {
			visit(virtual, &table[i], context);
			invlpg(virtual);
		} else if ((entry & PAGE_PRESENT) && !(entry & PAGE_LARGE)) {
			walk_table(phys_to_virtual(entry & PAGE_ADDRESS_MASK), level - 1, virtual,
				   MAX(start, virtual), end, visit, context);
		}
	}
}

void paging_walk_range(uint64_t start, uint64_t end,
		       void (*visit)(uint64_t virtual, uint64_t *entry, void *context),
		       void *context)
{
	if (start < end)
		walk_table(root_table, 3, 0, start, end, visit, context);
}

static bool table_empty(const uint64_t *table)
{
	for (unsigned i = 0; i < ENTRIES; i++)
		if (table[i])
			return false;
	return true;
}

/* Frees the tables under `table` that cover part of [start, end) and hold nothing. Each is
 * invalidated by address as it goes, which drops the cached paths through it (INVLPG clears
 * the paging-structure caches): no CR3 write, whose whole-TLB flush would also let an emulator
 * shrink its TLB (mm/emulator_tlb.c). */
static void release_tables(uint64_t *table, int level, uint64_t base, uint64_t start, uint64_t end)
{
	uint64_t span = 1ul << (12 + 9 * level);

	for (unsigned i = table_index(start, level); i < ENTRIES && level > 0; i++) {
		uint64_t virtual = base + i * span;
		if (virtual >= end)
			break;
		uint64_t entry = table[i];
		if (!(entry & PAGE_PRESENT) || (entry & PAGE_LARGE))
			continue;
		uint64_t *child = phys_to_virtual(entry & PAGE_ADDRESS_MASK);
		release_tables(child, level - 1, virtual, MAX(start, virtual), end);
		if (table_empty(child)) {
			table[i] = 0;
			invlpg(virtual);
			frame_free(entry & PAGE_ADDRESS_MASK, 0);
		}
	}
}

void paging_release_tables(uint64_t start, uint64_t end)
{
	/* Only the lower half, where the application's mappings come and go. */
	if (start < end && end <= 0x0000800000000000ul)
		release_tables(root_table, 3, 0, start, end);
}

static void map_large(uint64_t virtual, uint64_t physical, uint64_t flags)
{
	uint64_t *entry = walk(virtual, 1, true);

	if (!entry)
		panic("out of memory building the direct map");
	*entry = physical | flags | PAGE_LARGE;
}

static void map_direct_range(uint64_t start, uint64_t length)
{
	const uint64_t flags = PAGE_PRESENT | PAGE_WRITABLE | PAGE_GLOBAL | PAGE_NO_EXECUTE;
	uint64_t end = ALIGN_UP(start + length, LARGE_PAGE_SIZE);

	for (uint64_t physical = ALIGN_DOWN(start, LARGE_PAGE_SIZE); physical < end;
	     physical += LARGE_PAGE_SIZE)
		map_large(DIRECT_MAP_BASE + physical, physical, flags);
}

/* RAM and the boot modules (initrds), which are reserved out of RAM but read through the
 * direct map. */
static void map_direct_ram(const struct bootinfo *info)
{
	for (unsigned i = 0; i < info->memory_count; i++) {
		const struct memory_region *region = &info->memory[i];
		if (region->type == MEMORY_USABLE || region->type == MEMORY_ACPI_RECLAIMABLE)
			map_direct_range(region->start, region->length);
	}
	for (unsigned i = 0; i < info->module_count; i++)
		map_direct_range(info->modules[i].start, info->modules[i].length);
}

static void map_image_range(const char *start, const char *end, uint64_t flags)
{
	uint64_t virtual = ALIGN_DOWN((uint64_t)start, PAGE_SIZE);

	for (; virtual < (uint64_t)end; virtual += PAGE_SIZE)
		if (paging_map(virtual, virtual - IMAGE_BASE, flags | PAGE_PRESENT | PAGE_GLOBAL))
			panic("out of memory mapping the image");
}

uint64_t paging_init(const struct bootinfo *info)
{
	boot_allocator_next = image_virtual_to_phys(__image_end);
	root_table = phys_to_virtual(table_frame_alloc());

	map_direct_ram(info);
	map_image_range(__image_start, __text_end, 0);
	map_image_range(__rodata_start, __rodata_end, PAGE_NO_EXECUTE);
	map_image_range(__data_start, __data_end, PAGE_WRITABLE | PAGE_NO_EXECUTE);
	map_image_range(__symbols_start, __image_end, PAGE_NO_EXECUTE);
	write_cr3(virtual_to_phys(root_table));

	uint64_t reserved_end = boot_allocator_next;
	boot_allocator_next = 0;
	return reserved_end;
}

void *paging_map_device(uint64_t physical, uint64_t length)
{
	const uint64_t flags = PAGE_PRESENT | PAGE_WRITABLE | PAGE_CACHE_DISABLE |
			       PAGE_WRITE_THROUGH | PAGE_GLOBAL | PAGE_NO_EXECUTE;
	uint64_t start = ALIGN_DOWN(physical, PAGE_SIZE);

	for (uint64_t page = start; page < physical + length; page += PAGE_SIZE) {
		uint64_t existing = paging_lookup(DIRECT_MAP_BASE + page);
		if (existing & PAGE_LARGE)
			continue; /* already inside the RAM direct map */
		if (paging_map(DIRECT_MAP_BASE + page, page, flags))
			return NULL;
	}
	return phys_to_virtual(physical);
}
