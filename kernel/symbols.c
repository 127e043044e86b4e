// SPDX-License-Identifier: MIT
/* Lookup in the embedded symbol table. Layout written by tools/symbols.sh:
 *   u64 count; then count entries {u64 address; u32 name_offset; u32 reserved} sorted by
 *   address; then the names, NUL-terminated, name_offset counted from the table start. */
#include "kernel/symbols.h"
#include <stddef.h>

struct symbol_entry {
	uint64_t address;
	uint32_t name_offset;
	uint32_t reserved;
};

extern const char __symbols_start[], __symbols_end[];

const char *symbols_lookup(uint64_t address, uint64_t *offset)
{
	if (__symbols_end - __symbols_start < 8)
		return NULL;
	uint64_t count = *(const uint64_t *)__symbols_start;
	const struct symbol_entry *entries = (const void *)(__symbols_start + 8);
	size_t low = 0, high = count;

	if (!count || address < entries[0].address)
		return NULL;
	while (high - low > 1) {
		size_t middle = (low + high) / 2;
		if (entries[middle].address <= address)
			low = middle;
		else
			high = middle;
	}
	*offset = address - entries[low].address;
	return __symbols_start + entries[low].name_offset;
}
