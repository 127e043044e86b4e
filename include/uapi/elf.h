/* SPDX-License-Identifier: MIT */
/* The parts of the ELF-64 format (System V gABI, x86-64 psABI) the kernel writes itself: the
 * vDSO's symbol directory (sys/vdso.c). */
#pragma once
#include <stdint.h>

#define ELF_CLASS_64	     2
#define ELF_DATA_LITTLE	     1
#define ELF_VERSION_CURRENT  1
#define ELF_TYPE_SHARED	     3	    /* ET_DYN */
#define ELF_MACHINE_X86_64   62	    /* EM_X86_64 */
#define ELF_SEGMENT_LOAD     1	    /* PT_LOAD */
#define ELF_SEGMENT_DYNAMIC  2	    /* PT_DYNAMIC */
#define ELF_SEGMENT_READ     4	    /* PF_R */
#define ELF_DYNAMIC_NULL     0	    /* DT_NULL */
#define ELF_DYNAMIC_HASH     4	    /* DT_HASH */
#define ELF_DYNAMIC_STRTAB   5	    /* DT_STRTAB */
#define ELF_DYNAMIC_SYMTAB   6	    /* DT_SYMTAB */
#define ELF_DYNAMIC_STRSZ    10	    /* DT_STRSZ */
#define ELF_DYNAMIC_SYMENT   11	    /* DT_SYMENT */
#define ELF_SYMBOL_GLOBAL    1	    /* STB_GLOBAL */
#define ELF_SYMBOL_FUNCTION  2	    /* STT_FUNC */
#define ELF_SECTION_ABSOLUTE 0xfff1 /* SHN_ABS */

struct elf64_header {
	uint8_t ident[16]; /* "\177ELF", class, data, version, OS ABI, padding */
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, program_header_offset, section_header_offset;
	uint32_t flags;
	uint16_t header_size, program_header_size, program_header_count;
	uint16_t section_header_size, section_header_count, section_names_index;
};

struct elf64_program_header {
	uint32_t type, flags;
	uint64_t offset, virtual_address, physical_address, file_size, memory_size, alignment;
};

struct elf64_dynamic {
	int64_t tag;
	uint64_t value;
};

struct elf64_symbol {
	uint32_t name; /* offset in the string table */
	uint8_t info;  /* binding << 4 | type */
	uint8_t other;
	uint16_t section;
	uint64_t value, size;
};

_Static_assert(sizeof(struct elf64_header) == 64, "ELF header");
_Static_assert(sizeof(struct elf64_program_header) == 56, "ELF program header");
_Static_assert(sizeof(struct elf64_symbol) == 24, "ELF symbol");
