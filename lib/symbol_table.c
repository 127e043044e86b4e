// SPDX-License-Identifier: MIT
/* Binary search in a symbol table laid out by tools/symbols.sh:
 *   u64 count; u64 base; then count entries {u32 address - base; u32 name_offset} sorted by
 *   address; then the names, NUL-terminated, name_offset counted from the table start. (An
 *   image spans well under 4 GiB: 32-bit offsets from its base keep the table small.) */
#include "lib/symbol_table.h"

#define TABLE_HEADER 16

struct symbol_entry {
	uint32_t address; /* from the table's base */
	uint32_t name_offset;
};

const char *symbol_table_lookup(const char *table, size_t size, uint64_t address, uint64_t *offset)
{
	if (size < TABLE_HEADER)
		return NULL;
	uint64_t count = ((const uint64_t *)table)[0], base = ((const uint64_t *)table)[1];
	const struct symbol_entry *entries = (const void *)(table + TABLE_HEADER);
	size_t low = 0, high = count;

	if (!count || count > (size - TABLE_HEADER) / sizeof(*entries) || address < base ||
	    address - base > UINT32_MAX || address - base < entries[0].address)
		return NULL;
	uint32_t relative = (uint32_t)(address - base);
	while (high - low > 1) {
		size_t middle = (low + high) / 2;
		if (entries[middle].address <= relative)
			low = middle;
		else
			high = middle;
	}
	if (entries[low].name_offset >= size)
		return NULL;
	*offset = relative - entries[low].address;
	return table + entries[low].name_offset;
}
