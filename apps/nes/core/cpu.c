// SPDX-License-Identifier: MIT
/* The NES's 6502 (the 2A03's core, no decimal mode): every official opcode and the unofficial
 * ones, each bus cycle a real access (dummy reads and writes included, as the chip makes them),
 * so instruction timing is the sum of the accesses. Interrupts are polled as the chip does: the
 * NMI edge and the IRQ level are sampled at the end of each cycle (bus.c), and an instruction
 * is followed by an interrupt if they were pending at its next-to-last cycle; this gives the
 * CLI/SEI/PLP latency, the branch delay, and NMI hijacking of BRK and IRQ. This file has the
 * addressing modes' cycles, the interrupt sequences, reset and the step; what each opcode does
 * is in cpu_instructions.c. */
#include "cpu.h"

const char nes_cpu_modes[256 + 1] = "S(S(zzzzI#A#aaaa"
				    "R)S]xxxxIYIQXXPP"
				    "S(S(zzzzI#A#aaaa"
				    "R)S]xxxxIYIQXXPP"
				    "I(S(zzzzI#A#aaaa"
				    "R)S]xxxxIYIQXXPP"
				    "I(S(zzzzI#A#naaa"
				    "R)S]xxxxIYIQXXPP"
				    "#(#(zzzzI#I#aaaa"
				    "R]S]xxyyIQIQPPQQ"
				    "#(#(zzzzI#I#aaaa"
				    "R)S)xxyyIYIYXXYY"
				    "#(#(zzzzI#I#aaaa"
				    "R)S]xxxxIYIQXXPP"
				    "#(#(zzzzI#I#aaaa"
				    "R)S]xxxxIYIQXXPP";

/* base + index, with the dummy read at the address before the high byte is fixed. */
static uint16_t indexed(struct nes *nes, uint16_t base, uint8_t index, bool always_dummy)
{
	uint16_t address = base + index;
	nes->cpu.base_high = base >> 8;
	if (always_dummy || (address ^ base) & 0xff00)
		read8(nes, (base & 0xff00) | (address & 0xff));
	return address;
}

static uint16_t fetch_word(struct nes *nes)
{
	uint8_t low = fetch(nes);
	return low | fetch(nes) << 8;
}

static uint16_t zero_page_pointer(struct nes *nes, uint8_t pointer)
{
	uint8_t low = read8(nes, pointer);
	return low | read8(nes, (uint8_t)(pointer + 1)) << 8;
}

/* The operand's cycles: leaves the effective address (or immediate value) in cpu.operand. */
static void fetch_operand(struct nes *nes, enum mode mode)
{
	struct nes_cpu *cpu = &nes->cpu;
	uint8_t pointer;

	switch (mode) {
	case MODE_NONE:
		break;
	case MODE_IMPLIED:
	case MODE_ACCUMULATOR:
		read8(nes, cpu->pc);
		break;
	case MODE_IMMEDIATE:
	case MODE_RELATIVE:
		cpu->operand = fetch(nes);
		break;
	case MODE_ZERO_PAGE:
		cpu->operand = fetch(nes);
		break;
	case MODE_ZERO_PAGE_X:
	case MODE_ZERO_PAGE_Y:
		pointer = fetch(nes);
		read8(nes, pointer);
		cpu->operand = (uint8_t)(pointer + (mode == MODE_ZERO_PAGE_X ? cpu->x : cpu->y));
		break;
	case MODE_ABSOLUTE:
		cpu->operand = fetch_word(nes);
		break;
	case MODE_ABSOLUTE_X:
	case MODE_ABSOLUTE_X_W:
		cpu->operand = indexed(nes, fetch_word(nes), cpu->x, mode == MODE_ABSOLUTE_X_W);
		break;
	case MODE_ABSOLUTE_Y:
	case MODE_ABSOLUTE_Y_W:
		cpu->operand = indexed(nes, fetch_word(nes), cpu->y, mode == MODE_ABSOLUTE_Y_W);
		break;
	case MODE_INDIRECT: {
		uint16_t address = fetch_word(nes);
		uint8_t low = read8(nes, address);
		/* the high byte comes from the same page: JMP ($10FF) reads $10FF and $1000 */
		cpu->operand = low | read8(nes, (address & 0xff00) | ((address + 1) & 0xff)) << 8;
		break;
	}
	case MODE_INDEXED_INDIRECT:
		pointer = fetch(nes);
		read8(nes, pointer);
		cpu->operand = zero_page_pointer(nes, (uint8_t)(pointer + cpu->x));
		break;
	case MODE_INDIRECT_INDEXED:
	case MODE_INDIRECT_INDEXED_W:
		pointer = fetch(nes);
		cpu->operand = indexed(nes, zero_page_pointer(nes, pointer), cpu->y,
				       mode == MODE_INDIRECT_INDEXED_W);
		break;
	}
}

static uint16_t read_vector(struct nes *nes, uint16_t vector)
{
	uint8_t low = read8(nes, vector);
	return low | read8(nes, vector + 1) << 8;
}

/* The shared end of BRK, IRQ and NMI: an NMI pending by now takes over the vector. */
static void interrupt_sequence(struct nes *nes, uint8_t pushed_flags)
{
	struct nes_cpu *cpu = &nes->cpu;
	push(nes, cpu->pc >> 8);
	push(nes, cpu->pc);
	bool nmi = cpu->need_nmi;
	push(nes, pushed_flags);
	cpu->p |= FLAG_I;
	if (nmi)
		cpu->need_nmi = false;
	cpu->pc = read_vector(nes, nmi ? 0xfffa : 0xfffe);
}

void nes_cpu_brk(struct nes *nes)
{
	fetch(nes); /* the padding byte */
	interrupt_sequence(nes, nes->cpu.p | FLAG_B | FLAG_U);
	/* the instruction after the handler's first is not preempted by an NMI seen in BRK */
	nes->cpu.prev_need_nmi = false;
}

static void hardware_interrupt(struct nes *nes)
{
	read8(nes, nes->cpu.pc);
	read8(nes, nes->cpu.pc);
	interrupt_sequence(nes, (nes->cpu.p & ~FLAG_B) | FLAG_U);
}

/* The 2A03's polling: an interrupt follows this instruction if one was pending at the end of
 * its next-to-last cycle (bus.c keeps prev_* up to date). */
void nes_step(struct nes *nes)
{
	struct nes_cpu *cpu = &nes->cpu;

	if (cpu->jammed) {
		read8(nes, cpu->pc);
		return;
	}
	if (nes->trace) {
		nes_sync(nes);
		nes->trace(nes, nes->trace_context);
	}
	uint8_t opcode = fetch(nes);
	enum mode mode = (enum mode)nes_cpu_modes[opcode];
	fetch_operand(nes, mode);
	nes_cpu_execute(nes, opcode, mode);
	if (cpu->prev_run_irq || cpu->prev_need_nmi)
		hardware_interrupt(nes);
}

void nes_cpu_power_on(struct nes *nes)
{
	struct nes_cpu *cpu = &nes->cpu;
	cpu->a = cpu->x = cpu->y = 0;
	cpu->s = 0;
	cpu->p = FLAG_I | FLAG_U;
	for (unsigned i = 0; i < sizeof(cpu->ram); i++)
		cpu->ram[i] = 0;
	nes_cpu_reset(nes);
}

/* Reset is an interrupt whose pushes are reads: S drops by 3, nothing is written. */
void nes_cpu_reset(struct nes *nes)
{
	struct nes_cpu *cpu = &nes->cpu;
	cpu->jammed = false;
	cpu->need_nmi = cpu->prev_need_nmi = false;
	cpu->run_irq = cpu->prev_run_irq = false;
	cpu->oam_dma_pending = cpu->dmc_dma_pending = false;
	read8(nes, cpu->pc);
	read8(nes, cpu->pc);
	for (int i = 0; i < 3; i++)
		read8(nes, 0x100 | cpu->s--);
	cpu->p |= FLAG_I;
	cpu->pc = read_vector(nes, 0xfffc);
}
