/* SPDX-License-Identifier: MIT */
/* The heap's hooks into the kernel, apart from mm/heap.c so host unit tests can supply their
 * own: its lock (mm/heap_lock.c: interrupts off) and where it reports a bad free. */
#pragma once
#include <stdint.h>

uint64_t heap_lock(void);
void heap_unlock(uint64_t state);
/* Called, without the lock, for a heap_free() of a pointer that is not a live heap object (a
 * double free, an interior pointer); the heap has ignored it. */
void heap_report_bad_free(const void *pointer);
