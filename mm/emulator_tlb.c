// SPDX-License-Identifier: MIT
/* Growing the software TLB of QEMU's TCG, the emulator that the tests and benchmarks run on
 * where KVM does not work. TCG keeps one TLB per CPU, direct-mapped by virtual page number,
 * that starts with 256 entries and is resized only when the guest flushes it whole (a CR3
 * write) after filling more than 70% of it (accel/tcg/cputlb.c, tlb_mmu_resize_locked). Linux
 * flushes at every process switch, so the emulator's TLB grows to fit it; Yolk never flushes
 * after boot, so its TLB would stay at 256 entries, and two pages a loop keeps using that are a
 * multiple of 1 MiB apart (the stack and a kernel table, say) would evict each other at every
 * access: ~17 ns each time under TCG, as much as a whole system call. So when CPUID names TCG
 * as the hypervisor, boot fills the TLB past 70% with reads of the direct map and flushes it,
 * doubling it each round. Nothing happens on other machines (hardware TLBs, KVM).
 * Cost under TCG: one read and one TLB fill per page touched, ~0.75 x the final size in all,
 * about 1 ms: paid 20 ms after boot, by a kernel timer, so not by programs that are done
 * sooner (nor at boot). */
#include "mm/emulator_tlb.h"
#include <stdbool.h>
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/cpu_setup.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/layout.h"

#define TCG_INITIAL_ENTRIES 256
#define TCG_TARGET_ENTRIES  4096

static bool running_under_tcg(void)
{
	char vendor[13];

	cpu_hypervisor(vendor);
	return strcmp(vendor, "TCGTCGTCGTCG") == 0;
}

/* The usable region of at least PAGES pages from 1 MiB up, as a direct-map address; 0 if none. */
static uint64_t pages_to_touch(const struct bootinfo *info, uint64_t pages)
{
	for (unsigned i = 0; i < info->memory_count; i++) {
		const struct memory_region *region = &info->memory[i];
		uint64_t start = region->start < 0x100000 ? 0x100000 : region->start;
		uint64_t end = region->start + region->length;
		if (region->type == MEMORY_USABLE && end > start &&
		    (end - start) / PAGE_SIZE >= pages)
			return DIRECT_MAP_BASE + ALIGN_UP(start, PAGE_SIZE);
	}
	return 0;
}

static const struct bootinfo *boot_memory;
static struct kernel_timer growth_timer;
static unsigned grown_entries;

static void report_growth(void)
{
	pr_info("TCG: software TLB grown to %u entries\n", grown_entries);
}

static void grow(struct kernel_timer *timer)
{
	const struct bootinfo *info = boot_memory;

	(void)timer;
	unsigned entries = TCG_INITIAL_ENTRIES;
	for (; entries < TCG_TARGET_ENTRIES; entries *= 2) {
		uint64_t pages = entries * 3 / 4; /* over 70% of the entries */
		uint64_t base = pages_to_touch(info, pages);
		if (!base)
			break;
		for (uint64_t page = 0; page < pages; page++)
			(void)*(volatile const uint8_t *)(base + page * PAGE_SIZE);
		write_cr3(read_cr3()); /* the flush at which TCG resizes */
	}
	grown_entries = entries;
	log_defer(report_growth);
}

void emulator_tlb_grow_later(const struct bootinfo *info)
{
	if (!running_under_tcg())
		return;
	boot_memory = info;
	growth_timer.expire = grow;
	kernel_timer_start(&growth_timer, time_monotonic_ns() + EMULATOR_TLB_DELAY_NS);
}
