/* SPDX-License-Identifier: MIT */
/* Futexes: the one wait primitive under pthread mutexes, condition variables and joins. Keyed
 * by address (one address space, so private and shared futexes are the same thing). */
#pragma once
#include <stdint.h>

#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

/* Blocks while *address == expected; 0 when woken, -EAGAIN if the value differed,
 * -ETIMEDOUT at the deadline (monotonic ns, 0 = none). */
int futex_wait(uint32_t *address, uint32_t expected, uint64_t deadline_ns, uint32_t bitset);
/* Wakes up to count waiters on address whose bitset intersects; returns how many. */
int futex_wake(uint32_t *address, int count, uint32_t bitset);
/* Wakes up to wake_count waiters and moves up to requeue_count others to target. */
int futex_requeue(uint32_t *address, int wake_count, uint32_t *target, int requeue_count);
