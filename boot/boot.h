/* SPDX-License-Identifier: MIT */
/* Recognises how the machine booted and fills struct bootinfo (see boot/bootinfo.h). */
#pragma once
#include <stdint.h>
#include "boot/bootinfo.h"

#define PVH_START_INFO_MAGIC	    0x336ec578
#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36d76289

/* The TSC at the first instruction (arch/x86_64/boot_entry.S): time zero of the monotonic
 * clock. */
extern uint64_t boot_first_tsc;

/* Returns 0, or -1 if neither protocol is recognised. `information` is reachable through the
 * boot page tables (the first GiB is mapped). */
int boot_parse(struct bootinfo *info, uint32_t magic, const void *information);
int pvh_parse(struct bootinfo *info, const void *start_info);
int multiboot2_parse(struct bootinfo *info, const void *boot_information);
