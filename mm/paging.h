/* SPDX-License-Identifier: MIT */
/* x86-64 four-level page tables: the one address space (mm/layout.h). All mappings are 4 KiB
 * pages except the direct map of RAM, which uses 2 MiB pages. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "boot/bootinfo.h"

#define PAGE_PRESENT	   (1ul << 0)
#define PAGE_WRITABLE	   (1ul << 1)
#define PAGE_WRITE_THROUGH (1ul << 3)
#define PAGE_CACHE_DISABLE (1ul << 4)
#define PAGE_ACCESSED	   (1ul << 5)
#define PAGE_DIRTY	   (1ul << 6)
#define PAGE_LARGE	   (1ul << 7)
#define PAGE_GLOBAL	   (1ul << 8)
/* Software bit: the frame is kept but access is revoked (PROT_NONE); PRESENT is clear. */
#define PAGE_REVOKED (1ul << 9)
/* Software bit: the frame is device memory, not RAM the area owns (never freed). */
#define PAGE_DEVICE	  (1ul << 10)
#define PAGE_NO_EXECUTE	  (1ul << 63)
#define PAGE_ADDRESS_MASK 0x000ffffffffff000ul

/* Builds the kernel's page tables (direct map of RAM, the image with per-section rights, nothing
 * at low addresses) from frames taken right after the image, and switches to them. Returns the
 * first physical address not used by the image or the tables. */
uint64_t paging_init(const struct bootinfo *info);
/* Maps one 4 KiB page; intermediate tables come from the frame allocator. 0 or -ENOMEM. */
int paging_map(uint64_t virtual, uint64_t physical, uint64_t flags);
/* Removes a mapping and returns the entry it had (0 if none). */
uint64_t paging_unmap(uint64_t virtual);
/* The entry for a 4 KiB page (0 if none); large pages are reported with PAGE_LARGE. */
uint64_t paging_lookup(uint64_t virtual);
/* Replaces the flags of an existing 4 KiB entry, keeping its frame. */
void paging_set_flags(uint64_t virtual, uint64_t flags);
/* Calls visit() for every non-empty 4 KiB entry in [start, end), skipping absent tables
 * whole, so huge sparse ranges cost nothing. visit() may change or clear the entry; the TLB
 * entry of each visited page is flushed afterwards. */
void paging_walk_range(uint64_t start, uint64_t end,
		       void (*visit)(uint64_t virtual, uint64_t *entry, void *context),
		       void *context);
/* Frees the page tables in the lower half that cover part of [start, end) and map nothing. */
void paging_release_tables(uint64_t start, uint64_t end);
/* Maps device memory uncached in the direct map and returns its virtual address, or NULL. */
void *paging_map_device(uint64_t physical, uint64_t length);
