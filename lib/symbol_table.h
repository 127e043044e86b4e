/* SPDX-License-Identifier: MIT */
/* Lookup in a symbol table in the layout tools/symbols.sh writes. Pure code. */
#pragma once
#include <stddef.h>
#include <stdint.h>

/* The name of the last symbol at or below address, and the offset from it; NULL when the table
 * is empty, malformed, or address lies below its first symbol. */
const char *symbol_table_lookup(const char *table, size_t size, uint64_t address, uint64_t *offset);
