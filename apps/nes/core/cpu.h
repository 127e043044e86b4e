// SPDX-License-Identifier: MIT
/* What the two halves of the 6502 share: cpu.c (addressing modes, interrupts, the step) and
 * cpu_instructions.c (what each opcode does). Each helper is one or more bus cycles. */
#ifndef YOLK_NES_CPU_H
#define YOLK_NES_CPU_H

#include "internal.h"

#define FLAG_C 0x01
#define FLAG_Z 0x02
#define FLAG_I 0x04
#define FLAG_D 0x08
#define FLAG_B 0x10
#define FLAG_U 0x20
#define FLAG_V 0x40
#define FLAG_N 0x80

/* Addressing modes, one letter per opcode in cpu_modes below. */
enum mode {
	MODE_NONE = 'S',    /* the instruction does its own cycles (BRK, JSR, KIL) */
	MODE_IMPLIED = 'I', /* one dummy read of the next byte */
	MODE_ACCUMULATOR = 'A',
	MODE_IMMEDIATE = '#',
	MODE_RELATIVE = 'R',
	MODE_ZERO_PAGE = 'z',
	MODE_ZERO_PAGE_X = 'x',
	MODE_ZERO_PAGE_Y = 'y',
	MODE_ABSOLUTE = 'a',
	MODE_ABSOLUTE_X = 'X', /* reads: a dummy read only on a page crossing */
	MODE_ABSOLUTE_Y = 'Y',
	MODE_ABSOLUTE_X_W = 'P', /* writes and read-modify-writes: the dummy read always */
	MODE_ABSOLUTE_Y_W = 'Q',
	MODE_INDIRECT = 'n',
	MODE_INDEXED_INDIRECT = '(',
	MODE_INDIRECT_INDEXED = ')',
	MODE_INDIRECT_INDEXED_W = ']',
};

static inline uint8_t read8(struct nes *nes, uint16_t address)
{
	return nes_bus_read(nes, address);
}

static inline void write8(struct nes *nes, uint16_t address, uint8_t value)
{
	nes_bus_write(nes, address, value);
}

static inline uint8_t fetch(struct nes *nes)
{
	return read8(nes, nes->cpu.pc++);
}

static inline void push(struct nes *nes, uint8_t value)
{
	write8(nes, 0x100 | nes->cpu.s--, value);
}

static inline uint8_t pull(struct nes *nes)
{
	return read8(nes, 0x100 | ++nes->cpu.s);
}

static inline void set_nz(struct nes_cpu *cpu, uint8_t value)
{
	cpu->p = (cpu->p & ~(FLAG_N | FLAG_Z)) | (value & FLAG_N) | (value ? 0 : FLAG_Z);
}

static inline void set_flag(struct nes_cpu *cpu, uint8_t flag, bool on)
{
	cpu->p = on ? (cpu->p | flag) : (cpu->p & ~flag);
}

static inline uint8_t operand_value(struct nes *nes, enum mode mode)
{
	return mode == MODE_IMMEDIATE ? (uint8_t)nes->cpu.operand : read8(nes, nes->cpu.operand);
}

/* Run an opcode whose operand fetch_operand has done (cpu_instructions.c). */
void nes_cpu_execute(struct nes *nes, uint8_t opcode, enum mode mode);
/* BRK after its opcode fetch: the padding byte, the pushes, the vector (cpu.c). */
void nes_cpu_brk(struct nes *nes);

#endif
