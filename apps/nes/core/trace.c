// SPDX-License-Identifier: MIT
/* nestest-format trace lines (the CPU state before an instruction, its bytes and disassembly,
 * the PPU position and CPU cycle), read without side effects through nes_peek; and the 2C02's
 * palette as RGB for front ends. */
#include "internal.h"

static const char mnemonics[256][4] = {
    "BRK", "ORA", "KIL", "SLO", "NOP", "ORA", "ASL", "SLO", "PHP", "ORA", "ASL", "ANC", "NOP",
    "ORA", "ASL", "SLO", "BPL", "ORA", "KIL", "SLO", "NOP", "ORA", "ASL", "SLO", "CLC", "ORA",
    "NOP", "SLO", "NOP", "ORA", "ASL", "SLO", "JSR", "AND", "KIL", "RLA", "BIT", "AND", "ROL",
    "RLA", "PLP", "AND", "ROL", "ANC", "BIT", "AND", "ROL", "RLA", "BMI", "AND", "KIL", "RLA",
    "NOP", "AND", "ROL", "RLA", "SEC", "AND", "NOP", "RLA", "NOP", "AND", "ROL", "RLA", "RTI",
    "EOR", "KIL", "SRE", "NOP", "EOR", "LSR", "SRE", "PHA", "EOR", "LSR", "ALR", "JMP", "EOR",
    "LSR", "SRE", "BVC", "EOR", "KIL", "SRE", "NOP", "EOR", "LSR", "SRE", "CLI", "EOR", "NOP",
    "SRE", "NOP", "EOR", "LSR", "SRE", "RTS", "ADC", "KIL", "RRA", "NOP", "ADC", "ROR", "RRA",
    "PLA", "ADC", "ROR", "ARR", "JMP", "ADC", "ROR", "RRA", "BVS", "ADC", "KIL", "RRA", "NOP",
    "ADC", "ROR", "RRA", "SEI", "ADC", "NOP", "RRA", "NOP", "ADC", "ROR", "RRA", "NOP", "STA",
    "NOP", "SAX", "STY", "STA", "STX", "SAX", "DEY", "NOP", "TXA", "XAA", "STY", "STA", "STX",
    "SAX", "BCC", "STA", "KIL", "SHA", "STY", "STA", "STX", "SAX", "TYA", "STA", "TXS", "TAS",
    "SHY", "STA", "SHX", "SHA", "LDY", "LDA", "LDX", "LAX", "LDY", "LDA", "LDX", "LAX", "TAY",
    "LDA", "TAX", "LXA", "LDY", "LDA", "LDX", "LAX", "BCS", "LDA", "KIL", "LAX", "LDY", "LDA",
    "LDX", "LAX", "CLV", "LDA", "TSX", "LAS", "LDY", "LDA", "LDX", "LAX", "CPY", "CMP", "NOP",
    "DCP", "CPY", "CMP", "DEC", "DCP", "INY", "CMP", "DEX", "AXS", "CPY", "CMP", "DEC", "DCP",
    "BNE", "CMP", "KIL", "DCP", "NOP", "CMP", "DEC", "DCP", "CLD", "CMP", "NOP", "DCP", "NOP",
    "CMP", "DEC", "DCP", "CPX", "SBC", "NOP", "ISB", "CPX", "SBC", "INC", "ISB", "INX", "SBC",
    "NOP", "SBC", "CPX", "SBC", "INC", "ISB", "BEQ", "SBC", "KIL", "ISB", "NOP", "SBC", "INC",
    "ISB", "SED", "SBC", "NOP", "ISB", "NOP", "SBC", "INC", "ISB",
};

/* Whether an opcode is one of the 151 documented ones (nestest marks the others with '*'). */
static bool official(uint8_t op)
{
	unsigned column = op & 15;
	if (column == 3 || column == 7 || column == 0xb || column == 0xf)
		return false;
	if (column == 0xa)
		return op < 0x80 ? !(op & 0x10) : !(op == 0xda || op == 0xfa);
	if (column == 2)
		return op == 0xa2;
	if (column == 4 || column == 0xc) {
		if (op == 0x24 || op == 0x2c || op == 0x4c || op == 0x6c)
			return true;
		return op >= 0x84 && op != 0x9c && op != 0xd4 && op != 0xdc && op != 0xf4 &&
		       op != 0xfc;
	}
	if (column == 0)
		return op != 0x80;
	if (column == 9)
		return op != 0x89;
	if (column == 0xe)
		return op != 0x9e;
	return true;
}

/* Tiny formatting helpers: the core has no printf. */
struct text {
	char *at, *end;
};

static void put_char(struct text *t, char c)
{
	if (t->at < t->end - 1)
		*t->at++ = c;
	*t->at = 0;
}

static void put_string(struct text *t, const char *s)
{
	while (*s)
		put_char(t, *s++);
}

static void put_hex(struct text *t, unsigned value, int digits)
{
	while (digits--)
		put_char(t, "0123456789ABCDEF"[(value >> (digits * 4)) & 15]);
}

static void put_decimal(struct text *t, uint64_t value, int width)
{
	char digits[24];
	int n = 0;
	do
		digits[n++] = '0' + value % 10;
	while ((value /= 10) && n < 24);
	while (width-- > n)
		put_char(t, ' ');
	while (n)
		put_char(t, digits[--n]);
}

static void pad_to(struct text *t, char *start, int column)
{
	while (t->at - start < column)
		put_char(t, ' ');
}

static uint16_t peek_word_zero_page(struct nes *nes, uint8_t pointer)
{
	return nes_peek(nes, pointer) | nes_peek(nes, (uint8_t)(pointer + 1)) << 8;
}

static void put_operand(struct nes *nes, struct text *t, uint8_t op, uint16_t pc)
{
	struct nes_cpu *cpu = &nes->cpu;
	uint8_t b1 = nes_peek(nes, pc + 1);
	uint16_t word = b1 | nes_peek(nes, pc + 2) << 8, address;

	switch (nes_cpu_modes[op]) {
	case 'A':
		put_string(t, " A");
		return;
	case '#':
		put_string(t, " #$");
		put_hex(t, b1, 2);
		return;
	case 'R':
		put_string(t, " $");
		put_hex(t, (uint16_t)(pc + 2 + (int8_t)b1), 4);
		return;
	case 'z':
		put_string(t, " $");
		put_hex(t, b1, 2);
		address = b1;
		break;
	case 'x':
	case 'y':
		put_string(t, " $");
		put_hex(t, b1, 2);
		put_string(t, nes_cpu_modes[op] == 'x' ? ",X @ " : ",Y @ ");
		address = (uint8_t)(b1 + (nes_cpu_modes[op] == 'x' ? cpu->x : cpu->y));
		put_hex(t, address, 2);
		break;
	case 'a':
	case 'S':
		if (op == 0x00 || (op & 0x1f) == 0x12 || op == 0x02)
			return;
		put_string(t, " $");
		put_hex(t, word, 4);
		if (op == 0x20 || op == 0x4c)
			return;
		address = word;
		break;
	case 'X':
	case 'P':
	case 'Y':
	case 'Q': {
		bool by_x = nes_cpu_modes[op] == 'X' || nes_cpu_modes[op] == 'P';
		put_string(t, " $");
		put_hex(t, word, 4);
		put_string(t, by_x ? ",X @ " : ",Y @ ");
		address = word + (by_x ? cpu->x : cpu->y);
		put_hex(t, address, 4);
		break;
	}
	case 'n':
		put_string(t, " ($");
		put_hex(t, word, 4);
		put_string(t, ") = ");
		put_hex(t,
			nes_peek(nes, word) | nes_peek(nes, (word & 0xff00) | ((word + 1) & 0xff))
						  << 8,
			4);
		return;
	case '(':
		put_string(t, " ($");
		put_hex(t, b1, 2);
		put_string(t, ",X) @ ");
		put_hex(t, (uint8_t)(b1 + cpu->x), 2);
		address = peek_word_zero_page(nes, b1 + cpu->x);
		put_string(t, " = ");
		put_hex(t, address, 4);
		break;
	case ')':
	case ']':
		put_string(t, " ($");
		put_hex(t, b1, 2);
		put_string(t, "),Y = ");
		put_hex(t, peek_word_zero_page(nes, b1), 4);
		address = peek_word_zero_page(nes, b1) + cpu->y;
		put_string(t, " @ ");
		put_hex(t, address, 4);
		break;
	default:
		return;
	}
	put_string(t, " = ");
	put_hex(t, nes_peek(nes, address), 2);
}

static int instruction_length(uint8_t op)
{
	switch (nes_cpu_modes[op]) {
	case 'I':
	case 'A':
		return 1;
	case 'S':
		return op == 0x20 ? 3 : 1;
	case 'a':
	case 'X':
	case 'Y':
	case 'P':
	case 'Q':
	case 'n':
		return 3;
	default:
		return 2;
	}
}

void nes_trace_line(struct nes *nes, char *line, size_t size)
{
	struct nes_cpu *cpu = &nes->cpu;
	struct text t = {line, line + size};
	uint16_t pc = cpu->pc;
	uint8_t op = nes_peek(nes, pc);
	int length = instruction_length(op);

	nes_sync(nes); /* the PPU position is part of the line */
	*line = 0;
	put_hex(&t, pc, 4);
	put_string(&t, "  ");
	for (int i = 0; i < length; i++) {
		if (i)
			put_char(&t, ' ');
		put_hex(&t, nes_peek(nes, pc + i), 2);
	}
	pad_to(&t, line, 15);
	put_char(&t, official(op) ? ' ' : '*');
	put_string(&t, mnemonics[op]);
	put_operand(nes, &t, op, pc);
	pad_to(&t, line, 48);
	put_string(&t, "A:");
	put_hex(&t, cpu->a, 2);
	put_string(&t, " X:");
	put_hex(&t, cpu->x, 2);
	put_string(&t, " Y:");
	put_hex(&t, cpu->y, 2);
	put_string(&t, " P:");
	put_hex(&t, cpu->p, 2);
	put_string(&t, " SP:");
	put_hex(&t, cpu->s, 2);
	put_string(&t, " PPU:");
	put_decimal(&t, nes->ppu.scanline, 3);
	put_char(&t, ',');
	put_decimal(&t, nes->ppu.dot, 3);
	put_string(&t, " CYC:");
	put_decimal(&t, cpu->cycles, 0);
}

uint32_t nes_palette_rgb(uint8_t index)
{
	static const uint32_t colors[64] = {
	    0x666666, 0x002a88, 0x1412a7, 0x3b00a4, 0x5c007e, 0x6e0040, 0x6c0600, 0x561d00,
	    0x333500, 0x0b4800, 0x005200, 0x004f08, 0x00404d, 0x000000, 0x000000, 0x000000,
	    0xadadad, 0x155fd9, 0x4240ff, 0x7527fe, 0xa01acc, 0xb71e7b, 0xb53120, 0x994e00,
	    0x6b6d00, 0x388700, 0x0c9300, 0x008f32, 0x007c8d, 0x000000, 0x000000, 0x000000,
	    0xfffeff, 0x64b0ff, 0x9290ff, 0xc676ff, 0xf36aff, 0xfe6ecc, 0xfe8170, 0xea9e22,
	    0xbcbe00, 0x88d800, 0x5ce430, 0x45e082, 0x48cdde, 0x4f4f4f, 0x000000, 0x000000,
	    0xfffeff, 0xc0dfff, 0xd3d2ff, 0xe8c8ff, 0xfbc2ff, 0xfec4ea, 0xfeccc5, 0xf7d8a5,
	    0xe4e594, 0xcfef96, 0xbdf4ab, 0xb3f3cc, 0xb5ebf2, 0xb8b8b8, 0x000000, 0x000000,
	};
	return colors[index & 0x3f];
}
