/* SPDX-License-Identifier: MIT */
/* The heap's lock, apart from mm/heap.c so host unit tests can supply their own. */
#pragma once
#include <stdint.h>

uint64_t heap_lock(void);
void heap_unlock(uint64_t state);
