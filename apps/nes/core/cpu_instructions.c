// SPDX-License-Identifier: MIT
/* What each 6502 opcode does once cpu.c has fetched its operand: the ALU, the read-modify-write
 * group with its dummy write, branches with their page-crossing cycle and interrupt delay,
 * JSR/RTS/RTI, and the unofficial opcodes (SLO RLA SRE RRA SAX LAX DCP ISB, the immediates ANC
 * ALR ARR AXS, the unstable SHA SHX SHY TAS LAS XAA LXA, the NOPs and KIL). */
#include "cpu.h"

static void add_with_carry(struct nes_cpu *cpu, uint8_t value)
{
	unsigned sum = cpu->a + value + (cpu->p & FLAG_C);
	set_flag(cpu, FLAG_V, ~(cpu->a ^ value) & (cpu->a ^ sum) & 0x80);
	set_flag(cpu, FLAG_C, sum > 0xff);
	cpu->a = sum;
	set_nz(cpu, cpu->a);
}

static void compare(struct nes_cpu *cpu, uint8_t reg, uint8_t value)
{
	set_flag(cpu, FLAG_C, reg >= value);
	set_nz(cpu, reg - value);
}

/* The shifts and increments of read-modify-write instructions. */
enum rmw {
	RMW_ASL,
	RMW_LSR,
	RMW_ROL,
	RMW_ROR,
	RMW_INC,
	RMW_DEC,
};

static uint8_t modify(struct nes_cpu *cpu, enum rmw op, uint8_t value)
{
	uint8_t carry = cpu->p & FLAG_C;
	uint8_t result;

	switch (op) {
	case RMW_ASL:
		set_flag(cpu, FLAG_C, value & 0x80);
		result = value << 1;
		break;
	case RMW_LSR:
		set_flag(cpu, FLAG_C, value & 1);
		result = value >> 1;
		break;
	case RMW_ROL:
		set_flag(cpu, FLAG_C, value & 0x80);
		result = value << 1 | carry;
		break;
	case RMW_ROR:
		set_flag(cpu, FLAG_C, value & 1);
		result = value >> 1 | carry << 7;
		break;
	case RMW_INC:
		result = value + 1;
		break;
	default:
		result = value - 1;
		break;
	}
	set_nz(cpu, result);
	return result;
}

/* Read, write the old value back (the chip's dummy write), write the new one. */
static uint8_t read_modify_write(struct nes *nes, enum mode mode, enum rmw op)
{
	struct nes_cpu *cpu = &nes->cpu;
	if (mode == MODE_ACCUMULATOR)
		return cpu->a = modify(cpu, op, cpu->a);
	uint8_t value = read8(nes, cpu->operand);
	write8(nes, cpu->operand, value);
	value = modify(cpu, op, value);
	write8(nes, cpu->operand, value);
	return value;
}

static void branch(struct nes *nes, bool taken)
{
	struct nes_cpu *cpu = &nes->cpu;
	if (!taken)
		return;
	/* a taken branch that does not cross a page does not poll interrupts on its last cycle */
	if (cpu->run_irq && !cpu->prev_run_irq)
		cpu->run_irq = false;
	read8(nes, cpu->pc);
	uint16_t target = cpu->pc + (int8_t)cpu->operand;
	if ((target ^ cpu->pc) & 0xff00)
		read8(nes, (cpu->pc & 0xff00) | (target & 0xff));
	cpu->pc = target;
}

static void jsr(struct nes *nes)
{
	struct nes_cpu *cpu = &nes->cpu;
	uint8_t low = fetch(nes);
	read8(nes, 0x100 | cpu->s);
	push(nes, cpu->pc >> 8);
	push(nes, cpu->pc);
	cpu->pc = low | read8(nes, cpu->pc) << 8;
}

static void rti(struct nes *nes)
{
	struct nes_cpu *cpu = &nes->cpu;
	read8(nes, 0x100 | cpu->s);
	cpu->p = (pull(nes) & ~FLAG_B) | FLAG_U;
	uint8_t low = pull(nes);
	cpu->pc = low | pull(nes) << 8;
}

static void rts(struct nes *nes)
{
	struct nes_cpu *cpu = &nes->cpu;
	read8(nes, 0x100 | cpu->s);
	uint8_t low = pull(nes);
	cpu->pc = low | pull(nes) << 8;
	read8(nes, cpu->pc++);
}

/* SHA, SHX, SHY, TAS: the value ANDed with the base's high byte + 1, which replaces the
 * address's high byte when indexing crossed a page. */
static void store_high_and(struct nes *nes, uint8_t value)
{
	struct nes_cpu *cpu = &nes->cpu;
	uint16_t address = cpu->operand;
	value &= cpu->base_high + 1;
	if ((address >> 8) != cpu->base_high)
		address = (address & 0xff) | value << 8;
	write8(nes, address, value);
}

static void execute_load_store(struct nes *nes, uint8_t opcode, enum mode mode);

/* Most opcodes: a table-free switch whose cases are one call or one line each. */
void nes_cpu_execute(struct nes *nes, uint8_t opcode, enum mode mode)
{
	struct nes_cpu *cpu = &nes->cpu;
	uint8_t value;

	switch (opcode) {
	case 0x00:
		nes_cpu_brk(nes);
		break;
	case 0x20:
		jsr(nes);
		break;
	case 0x40:
		rti(nes);
		break;
	case 0x60:
		rts(nes);
		break;
	case 0x4c:
	case 0x6c:
		cpu->pc = cpu->operand;
		break;
	case 0x08:
		push(nes, cpu->p | FLAG_B | FLAG_U);
		break;
	case 0x48:
		push(nes, cpu->a);
		break;
	case 0x28:
		read8(nes, 0x100 | cpu->s);
		cpu->p = (pull(nes) & ~FLAG_B) | FLAG_U;
		break;
	case 0x68:
		read8(nes, 0x100 | cpu->s);
		cpu->a = pull(nes);
		set_nz(cpu, cpu->a);
		break;
	case 0x10:
		branch(nes, !(cpu->p & FLAG_N));
		break;
	case 0x30:
		branch(nes, cpu->p & FLAG_N);
		break;
	case 0x50:
		branch(nes, !(cpu->p & FLAG_V));
		break;
	case 0x70:
		branch(nes, cpu->p & FLAG_V);
		break;
	case 0x90:
		branch(nes, !(cpu->p & FLAG_C));
		break;
	case 0xb0:
		branch(nes, cpu->p & FLAG_C);
		break;
	case 0xd0:
		branch(nes, !(cpu->p & FLAG_Z));
		break;
	case 0xf0:
		branch(nes, cpu->p & FLAG_Z);
		break;
	case 0x18:
		cpu->p &= ~FLAG_C;
		break;
	case 0x38:
		cpu->p |= FLAG_C;
		break;
	case 0x58:
		cpu->p &= ~FLAG_I;
		break;
	case 0x78:
		cpu->p |= FLAG_I;
		break;
	case 0xb8:
		cpu->p &= ~FLAG_V;
		break;
	case 0xd8:
		cpu->p &= ~FLAG_D;
		break;
	case 0xf8:
		cpu->p |= FLAG_D;
		break;
	case 0xaa:
		set_nz(cpu, cpu->x = cpu->a);
		break;
	case 0xa8:
		set_nz(cpu, cpu->y = cpu->a);
		break;
	case 0x8a:
		set_nz(cpu, cpu->a = cpu->x);
		break;
	case 0x98:
		set_nz(cpu, cpu->a = cpu->y);
		break;
	case 0xba:
		set_nz(cpu, cpu->x = cpu->s);
		break;
	case 0x9a:
		cpu->s = cpu->x;
		break;
	case 0xe8:
		set_nz(cpu, ++cpu->x);
		break;
	case 0xc8:
		set_nz(cpu, ++cpu->y);
		break;
	case 0xca:
		set_nz(cpu, --cpu->x);
		break;
	case 0x88:
		set_nz(cpu, --cpu->y);
		break;
	case 0x24:
	case 0x2c:
		value = read8(nes, cpu->operand);
		set_flag(cpu, FLAG_Z, !(cpu->a & value));
		cpu->p = (cpu->p & 0x3f) | (value & 0xc0);
		break;
	/* the unofficial immediates */
	case 0x0b:
	case 0x2b: /* ANC */
		set_nz(cpu, cpu->a &= cpu->operand);
		set_flag(cpu, FLAG_C, cpu->a & 0x80);
		break;
	case 0x4b: /* ALR */
		cpu->a &= cpu->operand;
		cpu->a = modify(cpu, RMW_LSR, cpu->a);
		break;
	case 0x6b: /* ARR */
		cpu->a = (cpu->a & cpu->operand) >> 1 | (cpu->p & FLAG_C) << 7;
		set_nz(cpu, cpu->a);
		set_flag(cpu, FLAG_C, cpu->a & 0x40);
		set_flag(cpu, FLAG_V, ((cpu->a >> 6) ^ (cpu->a >> 5)) & 1);
		break;
	case 0xcb: /* AXS */
		value = cpu->a & cpu->x;
		set_flag(cpu, FLAG_C, value >= (uint8_t)cpu->operand);
		set_nz(cpu, cpu->x = value - cpu->operand);
		break;
	case 0x8b:
		set_nz(cpu, cpu->a = cpu->x & cpu->operand);
		break; /* XAA, unstable */
	case 0xab:
		set_nz(cpu, cpu->a = cpu->x = cpu->operand);
		break; /* LXA, unstable */
	case 0xbb:     /* LAS */
		value = read8(nes, cpu->operand) & cpu->s;
		set_nz(cpu, cpu->a = cpu->x = cpu->s = value);
		break;
	case 0x9c:
		store_high_and(nes, cpu->y);
		break; /* SHY */
	case 0x9e:
		store_high_and(nes, cpu->x);
		break; /* SHX */
	case 0x93:
	case 0x9f:
		store_high_and(nes, cpu->a & cpu->x);
		break; /* SHA */
	case 0x9b:
		cpu->s = cpu->a & cpu->x;
		store_high_and(nes, cpu->s);
		break; /* TAS */
	case 0x02:
	case 0x12:
	case 0x22:
	case 0x32:
	case 0x42:
	case 0x52:
	case 0x62:
	case 0x72:
	case 0x92:
	case 0xb2:
	case 0xd2:
	case 0xf2:
		cpu->jammed = true;
		cpu->pc--;
		break;
	default:
		execute_load_store(nes, opcode, mode);
		break;
	}
}

/* The regular part of the opcode map: the ALU group (column 1 and 9, and their unofficial
 * twins in columns 3 and 7/B/F), loads, stores, compares, shifts and NOPs. */
static void execute_load_store(struct nes *nes, uint8_t opcode, enum mode mode)
{
	struct nes_cpu *cpu = &nes->cpu;
	uint8_t value;
	unsigned group = opcode >> 5;
	unsigned column = opcode & 3;

	if (column == 1 || opcode == 0xeb) { /* ORA AND EOR ADC STA LDA CMP SBC */
		if (group == 4) {
			if (mode != MODE_IMMEDIATE) /* $89 is a 2-byte NOP */
				write8(nes, cpu->operand, cpu->a);
			return;
		}
		value = operand_value(nes, mode);
		switch (group) {
		case 0:
			set_nz(cpu, cpu->a |= value);
			break;
		case 1:
			set_nz(cpu, cpu->a &= value);
			break;
		case 2:
			set_nz(cpu, cpu->a ^= value);
			break;
		case 3:
			add_with_carry(cpu, value);
			break;
		case 5:
			set_nz(cpu, cpu->a = value);
			break;
		case 6:
			compare(cpu, cpu->a, value);
			break;
		default:
			add_with_carry(cpu, ~value);
			break;
		}
		return;
	}
	if (column == 2 && group < 4 && opcode != 0x82 && opcode != 0x89 && opcode != 0x1a &&
	    opcode != 0x3a && opcode != 0x5a && opcode != 0x7a) { /* ASL ROL LSR ROR */
		static const enum rmw ops[4] = {RMW_ASL, RMW_ROL, RMW_LSR, RMW_ROR};
		read_modify_write(nes, mode, ops[group]);
		return;
	}
	if (column == 3 && group != 4 && group != 5) { /* SLO RLA SRE RRA DCP ISB */
		static const enum rmw ops[8] = {RMW_ASL, RMW_ROL, RMW_LSR, RMW_ROR,
						RMW_ASL, RMW_ASL, RMW_DEC, RMW_INC};
		uint8_t flags = cpu->p;
		value = read_modify_write(nes, mode, ops[group]);
		switch (group) {
		case 0:
			set_nz(cpu, cpu->a |= value);
			break;
		case 1:
			set_nz(cpu, cpu->a &= value);
			break;
		case 2:
			set_nz(cpu, cpu->a ^= value);
			break;
		case 3:
			add_with_carry(cpu, value);
			break;
		case 6:
			cpu->p = flags;
			compare(cpu, cpu->a, value);
			break;
		default:
			add_with_carry(cpu, ~value);
			break;
		}
		return;
	}
	switch (opcode) {
	case 0xc6:
	case 0xd6:
	case 0xce:
	case 0xde:
		read_modify_write(nes, mode, RMW_DEC);
		return;
	case 0xe6:
	case 0xf6:
	case 0xee:
	case 0xfe:
		read_modify_write(nes, mode, RMW_INC);
		return;
	case 0x83:
	case 0x87:
	case 0x8f:
	case 0x97:
		write8(nes, cpu->operand, cpu->a & cpu->x);
		return;
	case 0x84:
	case 0x8c:
	case 0x94:
		write8(nes, cpu->operand, cpu->y);
		return;
	case 0x86:
	case 0x8e:
	case 0x96:
		write8(nes, cpu->operand, cpu->x);
		return;
	case 0xa0:
	case 0xa4:
	case 0xac:
	case 0xb4:
	case 0xbc:
		set_nz(cpu, cpu->y = operand_value(nes, mode));
		return;
	case 0xa2:
	case 0xa6:
	case 0xae:
	case 0xb6:
	case 0xbe:
		set_nz(cpu, cpu->x = operand_value(nes, mode));
		return;
	case 0xa3:
	case 0xa7:
	case 0xaf:
	case 0xb3:
	case 0xb7:
	case 0xbf: /* LAX */
		set_nz(cpu, cpu->a = cpu->x = operand_value(nes, mode));
		return;
	case 0xc0:
	case 0xc4:
	case 0xcc:
		compare(cpu, cpu->y, operand_value(nes, mode));
		return;
	case 0xe0:
	case 0xe4:
	case 0xec:
		compare(cpu, cpu->x, operand_value(nes, mode));
		return;
	default: /* the NOPs: those with a memory operand read it */
		if (mode != MODE_IMPLIED && mode != MODE_IMMEDIATE)
			read8(nes, cpu->operand);
		return;
	}
}
