/* SPDX-License-Identifier: MIT */
/* The kernel heap: size classes from 16 to 2048 bytes carved from single pages, larger requests
 * as whole buddy blocks. Returns NULL when memory is exhausted; never panics on that. */
#pragma once
#include <stddef.h>

void *heap_alloc(size_t size);
void *heap_alloc_zeroed(size_t size);
void heap_free(void *pointer);
