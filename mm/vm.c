// SPDX-License-Identifier: MIT
/* The application's memory areas (see mm/vm.h), in an AVL tree by start address, so that
 * thousands of thread stacks cost O(log n) per fault or mapping. Operations on a range first
 * split the areas at the range's ends, so every area is then wholly in or out. New mappings go
 * next-fit from where the last one ended; unmapping frees page tables that become empty, so
 * the address space moving on costs no memory. */
#include "mm/vm.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"
#include "mm/paging.h"

#define STACK_OVERFLOW_REACH (1ul << 20) /* faults this far below a stack count as overflow */

extern char __image_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __data_end[], __symbols_start[], __image_end[];

static struct avl_tree areas;
static uint64_t next_fit = MMAP_BASE;
static uint64_t break_current = BRK_BASE;
static uint64_t resident_pages;

static uint64_t page_flags(int protection)
{
	uint64_t flags = PAGE_PRESENT;

	if (protection == PROT_NONE)
		return PAGE_REVOKED;
	if (protection & PROT_WRITE)
		flags |= PAGE_WRITABLE;
	if (!(protection & PROT_EXEC))
		flags |= PAGE_NO_EXECUTE;
	return flags;
}

static struct vm_area *area_of(struct avl_node *node)
{
	return node ? container_of(node, struct vm_area, node) : NULL;
}

static struct vm_area *next_area(const struct vm_area *area)
{
	return area_of(avl_next(&area->node));
}

/* The first area that ends after `address` (it may start after it too). */
static struct vm_area *first_area_after(uint64_t address)
{
	struct vm_area *area = area_of(avl_floor(&areas, address));

	if (area && area->end > address)
		return area;
	return area_of(avl_ceiling(&areas, address));
}

/* The area vm_find found last: system calls check pointers into the same few areas (the stack,
 * the heap) again and again. Only a removed area can make it wrong (its bounds are read anew
 * each time), so remove_range forgets it. */
static struct vm_area *last_found;

const struct vm_area *vm_find(uint64_t address)
{
	struct vm_area *area = last_found;

	if (area && area->start <= address && address < area->end)
		return area;
	area = area_of(avl_floor(&areas, address));
	if (!area || address >= area->end)
		return NULL;
	last_found = area;
	return area;
}

struct vm_area *vm_add_area(uint64_t start, uint64_t end, int protection, enum vm_area_kind kind)
{
	struct vm_area *area = heap_alloc(sizeof(*area));

	if (!area)
		return NULL;
	*area =
	    (struct vm_area){.start = start, .end = end, .protection = protection, .kind = kind};
	area->node.key = start;
	avl_insert(&areas, &area->node);
	return area;
}

/* Splits the area containing `address` (if any) so that an area starts there. */
static int split_at(uint64_t address)
{
	struct vm_area *area = (struct vm_area *)vm_find(address);

	if (!area || area->start == address)
		return 0;
	struct vm_area *tail = vm_add_area(address, area->end, area->protection, area->kind);
	if (!tail)
		return -ENOMEM;
	area->end = address;
	return 0;
}

static bool range_free(uint64_t start, uint64_t end)
{
	struct vm_area *area = first_area_after(start);

	return !area || area->start >= end;
}

static bool range_has_image(uint64_t start, uint64_t end)
{
	for (struct vm_area *area = first_area_after(start); area && area->start < end;
	     area = next_area(area))
		if (area->kind == VM_IMAGE)
			return true;
	return false;
}

static uint64_t first_fit_from(uint64_t candidate, uint64_t length)
{
	for (struct vm_area *area = first_area_after(candidate);
	     area && area->start < candidate + length; area = next_area(area))
		candidate = area->end;
	return candidate + length <= MMAP_END ? candidate : 0;
}

uint64_t vm_find_free_range(uint64_t length)
{
	uint64_t start = first_fit_from(MAX(next_fit, MMAP_BASE), length);

	if (!start)
		start = first_fit_from(MMAP_BASE, length); /* wrapped around */
	if (start)
		next_fit = start + length;
	return start;
}

static bool memory_available(uint64_t length)
{
	return length / PAGE_SIZE <= frame_free_count();
}

static void release_page(uint64_t virtual, uint64_t *entry, void *context)
{
	(void)virtual;
	(void)context;
	if ((*entry & (PAGE_PRESENT | PAGE_REVOKED)) && !(*entry & PAGE_DEVICE)) {
		frame_free(*entry & PAGE_ADDRESS_MASK, 0);
		resident_pages--;
	}
	*entry = 0;
}

/* Removes the areas in [start, end) (already split at both ends) and frees their pages and the
 * page tables left empty. */
static void remove_range(uint64_t start, uint64_t end)
{
	struct vm_area *area = first_area_after(start);

	paging_walk_range(start, end, release_page, NULL);
	paging_release_tables(start, end);
	while (area && area->start < end) {
		struct vm_area *next = next_area(area);
		avl_remove(&areas, &area->node);
		if (last_found == area)
			last_found = NULL;
		heap_free(area);
		area = next;
	}
}

static bool valid_range(uint64_t start, uint64_t length)
{
	return !(start & (PAGE_SIZE - 1)) && length && start + length > start &&
	       start + length <= MMAP_END;
}

long vm_map(uint64_t hint, uint64_t length, int protection, int flags)
{
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	uint64_t start;

	if (!length)
		return -EINVAL;
	length = ALIGN_UP(length, PAGE_SIZE);
	if (!length || (fixed && !valid_range(hint, length)))
		return -EINVAL;
	if ((protection & PROT_WRITE) && !memory_available(length))
		return -ENOMEM;
	if (fixed && !range_free(hint, hint + length)) {
		if ((flags & MAP_FIXED_NOREPLACE) || range_has_image(hint, hint + length))
			return -EEXIST;
		long error = vm_unmap(hint, length);
		if (error)
			return error;
	}
	if (fixed)
		start = hint;
	else if (hint && valid_range(ALIGN_DOWN(hint, PAGE_SIZE), length) &&
		 range_free(ALIGN_DOWN(hint, PAGE_SIZE), ALIGN_DOWN(hint, PAGE_SIZE) + length))
		start = ALIGN_DOWN(hint, PAGE_SIZE);
	else if (!(start = vm_find_free_range(length)))
		return -ENOMEM;
	if (!vm_add_area(start, start + length, protection, VM_ANONYMOUS))
		return -ENOMEM;
	return (long)start;
}

long vm_unmap(uint64_t start, uint64_t length)
{
	if (!valid_range(start, length))
		return -EINVAL;
	uint64_t end = start + ALIGN_UP(length, PAGE_SIZE);
	if (range_has_image(start, end))
		return -EINVAL;
	if (split_at(start) || split_at(end))
		return -ENOMEM;
	remove_range(start, end);
	return 0;
}

static void protect_page(uint64_t virtual, uint64_t *entry, void *context)
{
	(void)virtual;
	const uint64_t kept =
	    PAGE_ADDRESS_MASK | PAGE_DEVICE | PAGE_WRITE_THROUGH | PAGE_CACHE_DISABLE;

	if (*entry & (PAGE_PRESENT | PAGE_REVOKED))
		*entry = (*entry & kept) | *(uint64_t *)context;
}

long vm_protect(uint64_t start, uint64_t length, int protection)
{
	if (start & (PAGE_SIZE - 1))
		return -EINVAL;
	uint64_t end = start + ALIGN_UP(length, PAGE_SIZE);
	if (end < start)
		return -ENOMEM;
	if (!vm_range_allowed(start, end - start, PROT_NONE))
		return -ENOMEM; /* Linux: part of the range is not mapped */
	if (range_has_image(start, end))
		return -EACCES;
	if (split_at(start) || split_at(end))
		return -ENOMEM;
	for (struct vm_area *area = first_area_after(start); area && area->start < end;
	     area = next_area(area))
		area->protection = protection;
	uint64_t flags = page_flags(protection);
	paging_walk_range(start, end, protect_page, &flags);
	return 0;
}

struct move_context {
	int64_t offset;
	int error;
};

static void move_page(uint64_t virtual, uint64_t *entry, void *context)
{
	struct move_context *move = context;
	uint64_t old = *entry;

	if (move->error ||
	    paging_map(virtual + move->offset, old & PAGE_ADDRESS_MASK, old & ~PAGE_ADDRESS_MASK))
		move->error = -ENOMEM;
	else
		*entry = 0;
}

static long move_area(struct vm_area *area, uint64_t old_start, uint64_t old_end,
		      uint64_t new_start, uint64_t new_length)
{
	struct move_context move = {.offset = (int64_t)(new_start - old_start)};
	int protection = area->protection;

	if (!vm_add_area(new_start, new_start + new_length, protection, VM_ANONYMOUS))
		return -ENOMEM;
	paging_walk_range(old_start, old_end, move_page, &move);
	if (move.error)
		return move.error; /* FIXME: pages moved so far stay at the new place */
	remove_range(old_start, old_end);
	return (long)new_start;
}

long vm_remap(uint64_t old_start, uint64_t old_length, uint64_t new_length, int flags,
	      uint64_t new_start)
{
	old_length = ALIGN_UP(old_length, PAGE_SIZE);
	new_length = ALIGN_UP(new_length, PAGE_SIZE);
	if ((old_start & (PAGE_SIZE - 1)) || !new_length || !old_length ||
	    ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
		return -EINVAL;
	uint64_t old_end = old_start + old_length;
	const struct vm_area *found = vm_find(old_start);
	/* The main thread's stack is neither moved nor resized. Growing part of it in place fails
	 * as on Linux, where the stack's next page is in the way: musl's pthread_getattr_np finds
	 * the stack's extent so (ENOMEM while the probe is inside, EFAULT below the stack). */
	if (found && found->kind == VM_STACK && found->end >= old_end)
		return new_length == old_length ? (long)old_start : -ENOMEM;
	if (!found || found->kind != VM_ANONYMOUS || found->end < old_end)
		return -EFAULT;
	if (new_length < old_length && !(flags & MREMAP_FIXED)) {
		vm_unmap(old_start + new_length, old_length - new_length);
		return (long)old_start;
	}
	if (new_length == old_length && !(flags & MREMAP_FIXED))
		return (long)old_start;
	if (!memory_available(new_length - MIN(old_length, new_length)))
		return -ENOMEM;
	if (split_at(old_start) || split_at(old_end))
		return -ENOMEM;
	struct vm_area *area = (struct vm_area *)vm_find(old_start);
	if (!(flags & MREMAP_FIXED) && range_free(old_end, old_start + new_length) &&
	    old_start + new_length <= MMAP_END) {
		area->end = old_start + new_length;
		return (long)old_start;
	}
	if (flags & MREMAP_FIXED) {
		if (!valid_range(new_start, new_length) ||
		    (new_start < old_end && old_start < new_start + new_length))
			return -EINVAL;
		long error = vm_unmap(new_start, new_length);
		if (error)
			return error;
	} else if (!(flags & MREMAP_MAYMOVE)) {
		return -ENOMEM;
	} else if (!(new_start = vm_find_free_range(new_length))) {
		return -ENOMEM;
	}
	uint64_t moved_end = old_start + MIN(old_length, new_length);
	if (moved_end < old_end)
		vm_unmap(moved_end, old_end - moved_end);
	return move_area(area, old_start, moved_end, new_start, new_length);
}

long vm_discard(uint64_t start, uint64_t length)
{
	uint64_t end = start + ALIGN_UP(length, PAGE_SIZE);

	if ((start & (PAGE_SIZE - 1)) || end < start)
		return -EINVAL;
	if (!vm_range_allowed(start, end - start, PROT_NONE))
		return -ENOMEM;
	if (range_has_image(start, end))
		return -EINVAL;
	paging_walk_range(start, end, release_page, NULL);
	return 0;
}

uint64_t vm_set_break(uint64_t requested)
{
	uint64_t old_end = ALIGN_UP(break_current, PAGE_SIZE);
	uint64_t new_end = ALIGN_UP(requested, PAGE_SIZE);

	if (requested < BRK_BASE || requested > BRK_BASE + BRK_MAX_SIZE)
		return break_current;
	if (new_end > old_end) {
		if (!range_free(old_end, new_end) || !memory_available(new_end - old_end))
			return break_current;
		struct vm_area *area = (struct vm_area *)vm_find(old_end - 1);
		if (area && area->start >= BRK_BASE && area->end == old_end)
			area->end = new_end;
		else if (!vm_add_area(old_end, new_end, PROT_READ | PROT_WRITE, VM_ANONYMOUS))
			return break_current;
	} else if (new_end < old_end) {
		vm_unmap(new_end, old_end - new_end);
	}
	break_current = requested;
	return break_current;
}

bool vm_range_allowed(uint64_t address, uint64_t length, int protection)
{
	uint64_t end = address + length;

	if (!length)
		return true;
	if (end < address)
		return false;
	for (const struct vm_area *area = vm_find(address); area; area = next_area(area)) {
		if (area->start > address || (area->protection & protection) != protection)
			return false;
		if (area->end >= end)
			return true;
		address = area->end;
	}
	return false;
}

static bool below_a_stack(uint64_t address)
{
	struct vm_area *area = area_of(avl_ceiling(&areas, address));

	return area && area->kind == VM_STACK && address + STACK_OVERFLOW_REACH >= area->start;
}

enum vm_fault_result vm_handle_fault(uint64_t address, bool write, bool execute)
{
	const struct vm_area *area = vm_find(address);
	uint64_t page = ALIGN_DOWN(address, PAGE_SIZE);

	if (!area)
		return below_a_stack(address) ? VM_FAULT_STACK_OVERFLOW : VM_FAULT_UNMAPPED;
	if (area->kind == VM_IMAGE || area->kind == VM_DEVICE || area->protection == PROT_NONE ||
	    (write && !(area->protection & PROT_WRITE)) ||
	    (execute && !(area->protection & PROT_EXEC)))
		return VM_FAULT_PROTECTION;
	if (paging_lookup(page) & PAGE_PRESENT)
		return VM_FAULT_PROTECTION;
	uint64_t frame = frame_alloc_zeroed(0);
	if (!frame)
		return VM_FAULT_OUT_OF_MEMORY;
	if (paging_map(page, frame, page_flags(area->protection))) {
		frame_free(frame, 0);
		return VM_FAULT_OUT_OF_MEMORY;
	}
	resident_pages++;
	return VM_FAULT_RESOLVED;
}

uint64_t vm_resident_bytes(void)
{
	return resident_pages * PAGE_SIZE;
}

static void add_image_area(const char *start, const char *end, int protection)
{
	if (!vm_add_area(ALIGN_DOWN((uint64_t)start, PAGE_SIZE), ALIGN_UP((uint64_t)end, PAGE_SIZE),
			 protection, VM_IMAGE))
		log_print(LOG_ERROR, "out of memory registering the image\n");
}

__cold void vm_init(void)
{
	add_image_area(__image_start, __text_end, PROT_READ | PROT_EXEC);
	add_image_area(__rodata_start, __rodata_end, PROT_READ);
	add_image_area(__data_start, __data_end, PROT_READ | PROT_WRITE);
	add_image_area(__symbols_start, __image_end, PROT_READ);
}

uint64_t vm_create_main_stack(uint64_t size)
{
	size = ALIGN_UP(size, PAGE_SIZE);
	if (!vm_add_area(STACK_TOP - size, STACK_TOP, PROT_READ | PROT_WRITE, VM_STACK))
		return 0;
	return STACK_TOP;
}

void vm_for_each_area(void (*visit)(const struct vm_area *area, void *context), void *context)
{
	for (struct vm_area *area = area_of(avl_first(&areas)); area; area = next_area(area))
		visit(area, context);
}

uint64_t vm_mapped_bytes(void)
{
	uint64_t total = 0;

	for (struct vm_area *area = area_of(avl_first(&areas)); area; area = next_area(area))
		total += area->end - area->start;
	return total;
}
