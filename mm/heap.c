// SPDX-License-Identifier: MIT
/* The kernel heap (see mm/heap.h). Small objects live in one-page slabs, one list of slabs with
 * free objects per size class; a slab's header sits at the start of its page, so an object's
 * slab is its address rounded down to the page. Large blocks are whole buddy blocks with a
 * header in their first 16 bytes. Both headers start with a magic number that tells them
 * apart and catches frees of pointers the heap never gave out. */
#include "mm/heap.h"
#include <stdbool.h>
#include <stdint.h>
#include "kernel/compiler.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap_lock.h"
#include "mm/layout.h"

#define SLAB_MAGIC 0x51ab51ab
#define LARGE_MAGIC 0x1a26e1a2
#define CLASS_COUNT 8
#define SMALLEST_CLASS 16
#define LARGEST_CLASS 2048
#define LARGE_HEADER_SIZE 16

struct free_object {
	struct free_object *next;
};

struct slab {
	uint32_t magic;
	uint16_t class_index;
	uint16_t used;
	struct free_object *free_objects;
	struct slab *next, *prev; /* in its class's list of slabs with free objects */
};

struct large_block {
	uint32_t magic;
	uint32_t order;
	uint64_t reserved;
};

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
	return (PAGE_SIZE - ALIGN_UP(sizeof(struct slab), SMALLEST_CLASS)) / class_size(index);
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
	*slab = (struct slab){ .magic = SLAB_MAGIC, .class_index = index };
	char *object = (char *)slab + ALIGN_UP(sizeof(struct slab), SMALLEST_CLASS);
	for (unsigned i = 0; i < objects_per_slab(index); i++, object += class_size(index)) {
		struct free_object *free_object = (struct free_object *)object;
		free_object->next = slab->free_objects;
		slab->free_objects = free_object;
	}
	return slab;
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
	if (!slab->free_objects)
		slab_list_remove(&size_class->partial, slab);
	return object;
}

static void small_free(struct slab *slab, void *pointer)
{
	struct size_class *size_class = &classes[slab->class_index];
	struct free_object *object = pointer;
	bool was_full = !slab->free_objects;

	object->next = slab->free_objects;
	slab->free_objects = object;
	slab->used--;
	if (was_full)
		slab_list_add(&size_class->partial, slab);
	if (slab->used)
		return;
	slab_list_remove(&size_class->partial, slab);
	if (!size_class->empty)
		size_class->empty = slab;
	else
		frame_free(virtual_to_phys(slab), 0);
}

static void *large_alloc(size_t size)
{
	unsigned order = 0;

	while ((PAGE_SIZE << order) < size + LARGE_HEADER_SIZE)
		order++;
	uint64_t physical = frame_alloc(order);
	if (!physical)
		return NULL;
	struct large_block *block = phys_to_virtual(physical);
	*block = (struct large_block){ .magic = LARGE_MAGIC, .order = order };
	return (char *)block + LARGE_HEADER_SIZE;
}

void *heap_alloc(size_t size)
{
	void *result;

	if (size > (1ul << 40))
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
	if (!pointer)
		return;
	uint64_t flags = heap_lock();
	void *page = (void *)ALIGN_DOWN((uintptr_t)pointer, PAGE_SIZE);
	uint32_t magic = *(uint32_t *)page;
	if (magic == SLAB_MAGIC)
		small_free(page, pointer);
	else if (magic == LARGE_MAGIC && (char *)pointer == (char *)page + LARGE_HEADER_SIZE)
		frame_free(virtual_to_phys(page), ((struct large_block *)page)->order);
	heap_unlock(flags);
}
