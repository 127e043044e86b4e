// SPDX-License-Identifier: MIT
/* The image's embedded symbol table (section .yolk_symbols, see tools/yolk.ld). */
#include "kernel/symbols.h"
#include "lib/symbol_table.h"

extern const char __symbols_start[], __symbols_end[];

const char *symbols_lookup(uint64_t address, uint64_t *offset)
{
	return symbol_table_lookup(__symbols_start, __symbols_end - __symbols_start, address,
				   offset);
}
