// SPDX-License-Identifier: MIT
/* The kernel heap (see mm/heap.h). Small objects live in one-page slabs, one list of slabs with
 * free objects per size class; a slab's header sits at the start of its page, so an object's
 * slab is its address rounded down to the page. Large blocks are whole buddy blocks with a
 * header in their first 16 bytes. Both headers start with a magic number that tells them
 * apart; with the slab's bitmap of allocated objects it catches double frees and frees of
 * pointers the heap never gave out, which are reported through heap_report_bad_free() and
 * otherwise ignored. Pages come from mm/frame.h; locking is mm/heap_lock.h's. */
#include "mm/heap.h"
#include <stdbool.h>
#include <stdint.h>
#include "kernel/compiler.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap_lock.h"
#include "mm/layout.h"

#define SLAB_MAGIC	  0x51ab51ab
#define LARGE_MAGIC	  0x1a26e1a2
#define CLASS_COUNT	  8
#define SMALLEST_CLASS	  16
#define LARGEST_CLASS	  2048
#define LARGE_HEADER_SIZE 16
#define LARGE_MAX_ORDER	  20
#define MAX_OBJECTS	  256

struct free_object {
	struct free_object *next;
};

struct slab {
	uint32_t magic;
	uint16_t class_index;
	uint16_t used;
	struct free_object *free_objects;
	struct slab *next, *prev;	      /* in its class's list of slabs with free objects */
	uint64_t allocated[MAX_OBJECTS / 64]; /* a bit per object handed out */
};

struct large_block {
	uint32_t magic;
	uint32_t order;
	uint64_t reserved;
};

BUILD_BUG_ON(sizeof(struct slab) % SMALLEST_CLASS);
BUILD_BUG_ON((PAGE_SIZE - sizeof(struct slab)) / SMALLEST_CLASS > MAX_OBJECTS);
BUILD_BUG_ON(sizeof(struct large_block) != LARGE_HEADER_SIZE);

struct size_class {
	struct slab *partial;
	struct slab *empty; /* one cached empty slab */
};

static struct size_class classes[CLASS_COUNT];

static unsigned class_size(unsigned index)
{
	return SMALLEST_CLASS << index;
}

static unsigned class_for(size_t size)
{
	unsigned index = 0;

	while (class_size(index) < size)
		index++;
	return index;
}

static unsigned objects_per_slab(unsigned index)
{
	return (PAGE_SIZE - sizeof(struct slab)) / class_size(index);
}

static char *first_object(struct slab *slab)
{
	return (char *)slab + sizeof(struct slab);
}

/* The object's number in its slab, or -1 when the pointer is not the start of one. */
static int object_index(struct slab *slab, const void *pointer)
{
	uintptr_t offset = (uintptr_t)pointer - (uintptr_t)first_object(slab);
	unsigned size = class_size(slab->class_index);

	if ((uintptr_t)pointer < (uintptr_t)first_object(slab) || offset % size ||
	    offset / size >= objects_per_slab(slab->class_index))
		return -1;
	return offset / size;
}

static bool is_allocated(const struct slab *slab, unsigned index)
{
	return slab->allocated[index / 64] & (1ull << (index % 64));
}

static void set_allocated(struct slab *slab, unsigned index, bool allocated)
{
	if (allocated)
		slab->allocated[index / 64] |= 1ull << (index % 64);
	else
		slab->allocated[index / 64] &= ~(1ull << (index % 64));
}

static void slab_list_add(struct slab **list, struct slab *slab)
{
	slab->prev = NULL;
	slab->next = *list;
	if (slab->next)
		slab->next->prev = slab;
	*list = slab;
}

static void slab_list_remove(struct slab **list, struct slab *slab)
{
	if (slab->prev)
		slab->prev->next = slab->next;
	else
		*list = slab->next;
	if (slab->next)
		slab->next->prev = slab->prev;
}

static struct slab *slab_create(unsigned index)
{
	uint64_t physical = frame_alloc(0);

	if (!physical)
		return NULL;
	struct slab *slab = phys_to_virtual(physical);
	*slab = (struct slab){.magic = SLAB_MAGIC, .class_index = index};
	char *object = first_object(slab) + objects_per_slab(index) * class_size(index);
	/* Built from the top down so objects are handed out in address order. */
	for (unsigned i = 0; i < objects_per_slab(index); i++) {
		object -= class_size(index);
		((struct free_object *)object)->next = slab->free_objects;
		slab->free_objects = (struct free_object *)object;
	}
	return slab;
}

static void slab_destroy(struct slab *slab)
{
	slab->magic = 0;
	frame_free(virtual_to_phys(slab), 0);
}

static void *small_alloc(unsigned index)
{
	struct size_class *size_class = &classes[index];
	struct slab *slab = size_class->partial;

	if (!slab) {
		slab = size_class->empty ? size_class->empty : slab_create(index);
		size_class->empty = NULL;
		if (!slab)
			return NULL;
		slab_list_add(&size_class->partial, slab);
	}
	struct free_object *object = slab->free_objects;
	slab->free_objects = object->next;
	slab->used++;
	set_allocated(slab, object_index(slab, object), true);
	if (!slab->free_objects)
		slab_list_remove(&size_class->partial, slab);
	return object;
}

static bool small_free(struct slab *slab, void *pointer)
{
	struct size_class *size_class = &classes[slab->class_index];
	int index = object_index(slab, pointer);

	if (index < 0 || !is_allocated(slab, index))
		return false;
	set_allocated(slab, index, false);
	if (!slab->free_objects)
		slab_list_add(&size_class->partial, slab);
	((struct free_object *)pointer)->next = slab->free_objects;
	slab->free_objects = pointer;
	if (--slab->used)
		return true;
	slab_list_remove(&size_class->partial, slab);
	if (!size_class->empty)
		size_class->empty = slab;
	else
		slab_destroy(slab);
	return true;
}

static void *large_alloc(size_t size)
{
	unsigned order = 0;

	while ((PAGE_SIZE << order) < size + LARGE_HEADER_SIZE)
		if (++order > LARGE_MAX_ORDER)
			return NULL;
	uint64_t physical = frame_alloc(order);
	if (!physical)
		return NULL;
	struct large_block *block = phys_to_virtual(physical);
	*block = (struct large_block){.magic = LARGE_MAGIC, .order = order};
	return (char *)block + LARGE_HEADER_SIZE;
}

static bool large_free(struct large_block *block, void *pointer)
{
	if ((char *)pointer != (char *)block + LARGE_HEADER_SIZE || block->order > LARGE_MAX_ORDER)
		return false;
	block->magic = 0; /* a second free of this pointer finds no header */
	frame_free(virtual_to_phys(block), block->order);
	return true;
}

void *heap_alloc(size_t size)
{
	void *result;

	if (size > (PAGE_SIZE << LARGE_MAX_ORDER))
		return NULL;
	uint64_t flags = heap_lock();
	if (size <= LARGEST_CLASS)
		result = small_alloc(class_for(size ? size : 1));
	else
		result = large_alloc(size);
	heap_unlock(flags);
	return result;
}

void *heap_alloc_zeroed(size_t size)
{
	void *result = heap_alloc(size);

	if (result)
		memset(result, 0, size);
	return result;
}

void heap_free(void *pointer)
{
	bool freed = false;

	if (!pointer)
		return;
	uint64_t flags = heap_lock();
	void *page = (void *)ALIGN_DOWN((uintptr_t)pointer, PAGE_SIZE);
	uint32_t magic = *(uint32_t *)page;
	if (magic == SLAB_MAGIC)
		freed = small_free(page, pointer);
	else if (magic == LARGE_MAGIC)
		freed = large_free(page, pointer);
	heap_unlock(flags);
	if (!freed)
		heap_report_bad_free(pointer);
}
