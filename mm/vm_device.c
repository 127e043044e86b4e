// SPDX-License-Identifier: MIT
/* mmap of device memory (see vm_map_device in mm/vm.h): the pages are mapped at once, marked
 * PAGE_DEVICE so that unmapping never frees them. Linked only into images with graphics. */
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "mm/layout.h"
#include "mm/paging.h"
#include "mm/vm.h"

/* The emulator's TLB, grown to 4096 entries (mm/emulator_tlb.c), repeats every 16 MiB. */
#define TLB_PERIOD (16ul << 20)

long vm_map_device(uint64_t physical, uint64_t length, int protection, uint64_t cache)
{
	uint64_t flags = PAGE_PRESENT | PAGE_DEVICE | PAGE_NO_EXECUTE | cache;

	length = ALIGN_UP(length, PAGE_SIZE);
	if (!length || (physical & (PAGE_SIZE - 1)) || (protection & PROT_EXEC))
		return -EINVAL;
	if (protection & PROT_WRITE)
		flags |= PAGE_WRITABLE;
	uint64_t room = vm_find_free_range(length + 2 * TLB_PERIOD);
	if (!room)
		return -ENOMEM;
	uint64_t start = ALIGN_UP(room, TLB_PERIOD) + TLB_PERIOD / 2;
	if (!vm_add_area(start, start + length, protection, VM_DEVICE))
		return -ENOMEM;
	for (uint64_t offset = 0; offset < length; offset += PAGE_SIZE)
		if (paging_map(start + offset, physical + offset,
			       protection == PROT_NONE ? PAGE_REVOKED | PAGE_DEVICE : flags)) {
			vm_unmap(start, length);
			return -ENOMEM;
		}
	return (long)start;
}
