/* SPDX-License-Identifier: MIT */
/* The image's own symbol table, embedded by `yolk build` (tools/symbols.sh) in .yolk_symbols,
 * for symbolized crash reports. */
#pragma once
#include <stddef.h>
#include <stdint.h>

/* The function containing address and the offset into it; NULL when unknown. */
const char *symbols_lookup(uint64_t address, uint64_t *offset);
