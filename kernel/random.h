/* SPDX-License-Identifier: MIT */
/* Random bytes for getrandom and AT_RANDOM: the CPU's RDRAND where it has one, else a ChaCha20
 * generator seeded at boot (RDSEED/RDRAND if present, TSC jitter, the wall clock). */
#pragma once
#include <stddef.h>

void random_init(void);
void random_fill(void *buffer, size_t length);
