/* SPDX-License-Identifier: MIT */
/* The one address space, top to bottom:
 *   0xffffffff80000000  the image (kernel + application), physical address + IMAGE_BASE
 *   0xffff800000000000  direct map of all physical RAM, physical address + DIRECT_MAP_BASE
 *   0x00007ff000000000  top of the main thread's stack (grows down, guard page below)
 *   0x0000100000000000  mmap area (grows up)
 *   0x0000000010000000  brk heap
 *   0x0000000000000000  unmapped: NULL and small offsets from it fault */
#pragma once
#include <stdint.h>

#define PAGE_SIZE	4096ul
#define PAGE_SHIFT	12
#define IMAGE_BASE	0xffffffff80000000ul
#define DIRECT_MAP_BASE 0xffff800000000000ul
#define STACK_TOP	0x00007ff000000000ul
#define STACK_MAX_SIZE	(8ul << 20)
#define MMAP_BASE	0x0000100000000000ul
#define MMAP_END	0x00007f0000000000ul
#define BRK_BASE	0x0000000010000000ul
#define BRK_MAX_SIZE	(64ul << 30)

static inline void *phys_to_virtual(uint64_t physical)
{
	return (void *)(physical + DIRECT_MAP_BASE);
}

static inline uint64_t virtual_to_phys(const void *direct_mapped)
{
	return (uint64_t)direct_mapped - DIRECT_MAP_BASE;
}

static inline uint64_t image_virtual_to_phys(const void *image_address)
{
	return (uint64_t)image_address - IMAGE_BASE;
}
