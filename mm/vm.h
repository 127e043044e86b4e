/* SPDX-License-Identifier: MIT */
/* The application's view of memory: a sorted list of areas (the image's segments, the main
 * stack, the brk heap, mmap regions), each with its access rights. Pages of anonymous areas are
 * allocated on first touch (the page-fault handler) and zero-filled. The system-call layer
 * checks user pointers against these areas (EFAULT), never by touching them. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lib/avl.h"

/* Linux PROT_* and MAP_* values. */
#define PROT_NONE	    0
#define PROT_READ	    1
#define PROT_WRITE	    2
#define PROT_EXEC	    4
#define MAP_SHARED	    0x01
#define MAP_PRIVATE	    0x02
#define MAP_FIXED	    0x10
#define MAP_ANONYMOUS	    0x20
#define MAP_GROWSDOWN	    0x0100
#define MAP_NORESERVE	    0x4000
#define MAP_POPULATE	    0x8000
#define MAP_STACK	    0x20000
#define MAP_FIXED_NOREPLACE 0x100000
#define MREMAP_MAYMOVE	    1
#define MREMAP_FIXED	    2
#define MADV_DONTNEED	    4
#define MADV_FREE	    8

enum vm_area_kind {
	VM_IMAGE,     /* part of the loaded image: never unmapped */
	VM_ANONYMOUS, /* zero-filled on demand */
	VM_STACK,     /* the main thread's stack: anonymous, with a guard page below */
	VM_DEVICE,    /* device memory (a framebuffer): mapped whole at mmap, never freed */
};

struct vm_area {
	struct avl_node node; /* keyed by the start address */
	uint64_t start, end;  /* page-aligned, end exclusive; start == node.key */
	int protection;	      /* PROT_* */
	enum vm_area_kind kind;
};

/* Registers the image segments and the brk base. */
void vm_init(void);
/* Maps the main stack; returns its top. */
uint64_t vm_create_main_stack(uint64_t size);

/* mmap of anonymous memory. Returns the address or -errno. */
long vm_map(uint64_t hint, uint64_t length, int protection, int flags);
long vm_unmap(uint64_t start, uint64_t length);
/* mmap of device memory: maps [physical, physical + length) at once with the page flags
 * `cache` (PAGE_WRITE_THROUGH, PAGE_CACHE_DISABLE: see mm/paging.h), at an address whose
 * offset in 16 MiB is 8 MiB, so that it does not share the emulator's direct-mapped TLB
 * entries with a buffer mapped just before or after it. Returns the address or -errno. */
long vm_map_device(uint64_t physical, uint64_t length, int protection, uint64_t cache);
/* For mm/vm_device.c: a free range of `length` bytes for a new mapping (0 if none), and a new
 * area on it (NULL without memory). */
uint64_t vm_find_free_range(uint64_t length);
struct vm_area *vm_add_area(uint64_t start, uint64_t end, int protection, enum vm_area_kind kind);
long vm_protect(uint64_t start, uint64_t length, int protection);
long vm_remap(uint64_t old_start, uint64_t old_length, uint64_t new_length, int flags,
	      uint64_t new_start);
long vm_discard(uint64_t start, uint64_t length);
/* brk: returns the new break (the old one if the request cannot be met). */
uint64_t vm_set_break(uint64_t requested);

/* True when [address, address + length) lies in areas that allow `protection`. */
bool vm_range_allowed(uint64_t address, uint64_t length, int protection);
/* The area holding address, or NULL. */
const struct vm_area *vm_find(uint64_t address);

/* Page-fault handling: 0 when the fault was resolved (the page is now mapped), else why not. */
enum vm_fault_result {
	VM_FAULT_RESOLVED,
	VM_FAULT_UNMAPPED,
	VM_FAULT_PROTECTION,
	VM_FAULT_STACK_OVERFLOW,
	VM_FAULT_OUT_OF_MEMORY,
};
enum vm_fault_result vm_handle_fault(uint64_t address, bool write, bool execute);
/* Bytes of anonymous memory currently backed by frames (for sysinfo and /proc later). */
uint64_t vm_resident_bytes(void);
/* Calls visit() for every area in address order (for /proc/self/maps). */
void vm_for_each_area(void (*visit)(const struct vm_area *area, void *context), void *context);
/* Bytes in areas of each kind: all mapped, and the stacks. */
uint64_t vm_mapped_bytes(void);
