// SPDX-License-Identifier: MIT
/* Binary search in a symbol table laid out by tools/symbols.sh:
 *   u64 count; then count entries {u64 address; u32 name_offset; u32 reserved} sorted by
 *   address; then the names, NUL-terminated, name_offset counted from the table start. */
#include "lib/symbol_table.h"

struct symbol_entry {
	uint64_t address;
	uint32_t name_offset;
	uint32_t reserved;
};

const char *symbol_table_lookup(const char *table, size_t size, uint64_t address, uint64_t *offset)
{
	if (size < 8)
		return NULL;
	uint64_t count = *(const uint64_t *)table;
	const struct symbol_entry *entries = (const void *)(table + 8);
	size_t low = 0, high = count;

	if (!count || 8 + count * sizeof(*entries) > size || address < entries[0].address)
		return NULL;
	while (high - low > 1) {
		size_t middle = (low + high) / 2;
		if (entries[middle].address <= address)
			low = middle;
		else
			high = middle;
	}
	if (entries[low].name_offset >= size)
		return NULL;
	*offset = address - entries[low].address;
	return table + entries[low].name_offset;
}
