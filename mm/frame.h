/* SPDX-License-Identifier: MIT */
/* Physical page frames for the kernel: one buddy allocator over all RAM. Addresses are physical;
 * use phys_to_virtual() (mm/layout.h) to touch the memory. Safe to call with interrupts on. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "boot/bootinfo.h"

/* Builds the allocator from the boot memory map, leaving out everything below `reserved_end`
 * (firmware, the image, boot page tables). */
void frame_init(const struct bootinfo *info, uint64_t reserved_end);
/* 2^order contiguous frames, aligned to their size; 0 when memory is exhausted. */
uint64_t frame_alloc(unsigned order);
/* Same, filled with zeros. */
uint64_t frame_alloc_zeroed(unsigned order);
void frame_free(uint64_t physical, unsigned order);
uint64_t frame_free_count(void);
uint64_t frame_total_count(void);
