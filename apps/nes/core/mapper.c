// SPDX-License-Identifier: MIT
/* The cartridge boards: 0 NROM, 1 MMC1 (SxROM), 2 UxROM, 3 CNROM, 4 MMC3 (TxROM, with its
 * scanline IRQ clocked by rising edges of PPU A12), 7 AxROM. Each maps PRG in four 8 KiB and CHR
 * in eight 1 KiB windows (struct nes_mapper's bank offsets), so reads are one lookup; only
 * writes and MMC3's A12 watch differ by board. PRG RAM at $6000-$7FFF on every board. */
#include "internal.h"

static void set_prg_8k(struct nes *nes, int window, int bank)
{
	uint32_t banks = nes->cart.prg_size / 0x2000;
	if (bank < 0)
		bank += banks;
	nes->mapper.prg_bank[window] = (uint32_t)bank % banks * 0x2000;
}

static void set_prg_16k(struct nes *nes, int window, int bank)
{
	uint32_t banks = nes->cart.prg_size / 0x4000;
	if (bank < 0)
		bank += banks;
	bank = (uint32_t)bank % banks;
	set_prg_8k(nes, window * 2, bank * 2);
	set_prg_8k(nes, window * 2 + 1, bank * 2 + 1);
}

static void set_prg_32k(struct nes *nes, int bank)
{
	set_prg_16k(nes, 0, bank * 2);
	set_prg_16k(nes, 1, bank * 2 + 1);
}

static void set_chr_1k(struct nes *nes, int window, int bank)
{
	uint32_t banks = nes->cart.chr_size / 0x400;
	nes->mapper.chr_bank[window] = (uint32_t)bank % banks * 0x400;
}

static void set_chr(struct nes *nes, int window, int kilobytes, int bank)
{
	for (int i = 0; i < kilobytes; i++)
		set_chr_1k(nes, window + i, bank * kilobytes + i);
}

/* MMC1: a 5-bit serial port; the fifth write picks the register by address. */
static void mmc1_update(struct nes *nes)
{
	struct nes_mapper *m = &nes->mapper;
	static const enum nes_mirroring mirrorings[4] = {
	    NES_MIRROR_SINGLE_LOW, NES_MIRROR_SINGLE_HIGH, NES_MIRROR_VERTICAL,
	    NES_MIRROR_HORIZONTAL};
	uint8_t control = m->registers[0];
	unsigned prg = m->registers[3] & 15;
	/* SUROM and the like: CHR bank 0's bit 4 picks the 256 KiB half of PRG */
	unsigned outer = nes->cart.prg_size > 0x40000 ? (m->registers[1] & 0x10) : 0;

	ppu_set_mirroring(nes, mirrorings[control & 3]);
	switch ((control >> 2) & 3) {
	case 0:
	case 1:
		set_prg_32k(nes, (outer | prg) >> 1);
		break;
	case 2:
		set_prg_16k(nes, 0, outer);
		set_prg_16k(nes, 1, outer | prg);
		break;
	case 3:
		set_prg_16k(nes, 0, outer | prg);
		set_prg_16k(nes, 1, outer | 15);
		break;
	}
	if (control & 0x10) {
		set_chr(nes, 0, 4, m->registers[1]);
		set_chr(nes, 4, 4, m->registers[2]);
	} else
		set_chr(nes, 0, 8, m->registers[1] >> 1);
	m->prg_ram_enabled = !(m->registers[3] & 0x10);
}

static void mmc1_write(struct nes *nes, uint16_t address, uint8_t value)
{
	struct nes_mapper *m = &nes->mapper;
	/* writes on consecutive cycles (the two of a read-modify-write) count once */
	bool consecutive = nes->cpu.cycles == m->last_write_cycle + 1;
	m->last_write_cycle = nes->cpu.cycles;
	if (consecutive)
		return;
	if (value & 0x80) {
		m->shift = 0;
		m->shift_count = 0;
		m->registers[0] |= 0x0c;
		mmc1_update(nes);
		return;
	}
	m->shift |= (value & 1) << m->shift_count;
	if (++m->shift_count < 5)
		return;
	m->registers[(address >> 13) & 3] = m->shift;
	m->shift = 0;
	m->shift_count = 0;
	mmc1_update(nes);
}

/* MMC3: eight bank registers picked by $8000, PRG and CHR layouts by its bits 6 and 7. */
static void mmc3_update(struct nes *nes)
{
	struct nes_mapper *m = &nes->mapper;
	uint8_t *r = &m->registers[0];
	bool chr_inverted = m->shift & 0x80;
	int base = chr_inverted ? 4 : 0;

	set_chr_1k(nes, base + 0, r[0] & 0xfe);
	set_chr_1k(nes, base + 1, r[0] | 1);
	set_chr_1k(nes, base + 2, r[1] & 0xfe);
	set_chr_1k(nes, base + 3, r[1] | 1);
	for (int i = 0; i < 4; i++)
		set_chr_1k(nes, (base ^ 4) + i, r[2 + i]);
	if (m->shift & 0x40) {
		set_prg_8k(nes, 0, -2);
		set_prg_8k(nes, 2, r[6] & 0x3f);
	} else {
		set_prg_8k(nes, 0, r[6] & 0x3f);
		set_prg_8k(nes, 2, -2);
	}
	set_prg_8k(nes, 1, r[7] & 0x3f);
	set_prg_8k(nes, 3, -1);
}

static void mmc3_write(struct nes *nes, uint16_t address, uint8_t value)
{
	struct nes_mapper *m = &nes->mapper;
	bool odd = address & 1;

	switch ((address >> 13) & 3) {
	case 0:
		if (odd)
			m->registers[m->shift & 7] = value;
		else
			m->shift = value; /* the bank select register */
		mmc3_update(nes);
		break;
	case 1:
		if (!odd && nes->cart.mirroring != NES_MIRROR_FOUR_SCREEN)
			ppu_set_mirroring(nes,
					  value & 1 ? NES_MIRROR_HORIZONTAL : NES_MIRROR_VERTICAL);
		else if (odd)
			m->prg_ram_enabled = value & 0x80;
		break;
	case 2:
		if (odd) {
			m->irq_counter = 0;
			m->irq_reload = true;
		} else
			m->irq_latch = value;
		break;
	case 3:
		m->irq_enabled = odd;
		if (!odd)
			cpu_set_irq(nes, NES_IRQ_MAPPER, false);
		break;
	}
}

/* A12 rising after staying low for a while (the board's filter ignores the short dips
 * between sprite fetches) clocks the scanline counter. */
void mapper_ppu_address(struct nes *nes, uint16_t address)
{
	struct nes_mapper *m = &nes->mapper;
	bool high = address & 0x1000;

	if (nes->cart.mapper != 4 || high == m->a12_high)
		return;
	m->a12_high = high;
	if (!high) {
		m->a12_low_since = nes->ppu_dots;
		return;
	}
	if (nes->ppu_dots - m->a12_low_since < 9)
		return;
	if (m->irq_counter == 0 || m->irq_reload) {
		m->irq_counter = m->irq_latch;
		m->irq_reload = false;
	} else
		m->irq_counter--;
	if (m->irq_counter == 0 && m->irq_enabled)
		cpu_set_irq(nes, NES_IRQ_MAPPER, true);
}

uint8_t mapper_cpu_read(struct nes *nes, uint16_t address, bool *driven)
{
	struct nes_mapper *m = &nes->mapper;
	if (address >= 0x8000) {
		uint32_t offset = m->prg_bank[(address >> 13) & 3] + (address & 0x1fff);
		return nes->cart.prg[offset];
	}
	if (address >= 0x6000 && m->prg_ram_enabled)
		return nes->prg_ram[wrap_offset(address - 0x6000u, nes->cart.prg_ram_size)];
	*driven = false;
	return 0;
}

void mapper_cpu_write(struct nes *nes, uint16_t address, uint8_t value)
{
	struct nes_mapper *m = &nes->mapper;

	if (address < 0x6000)
		return;
	if (address < 0x8000) {
		if (m->prg_ram_enabled)
			nes->prg_ram[wrap_offset(address - 0x6000u, nes->cart.prg_ram_size)] =
			    value;
		return;
	}
	switch (nes->cart.mapper) {
	case 1:
		mmc1_write(nes, address, value);
		break;
	case 2:
		set_prg_16k(nes, 0, value);
		break;
	case 3:
		/* boards without bus-conflict protection AND the value with the ROM byte */
		set_chr(nes, 0, 8, value & mapper_cpu_read(nes, address, &(bool){true}));
		break;
	case 4:
		mmc3_write(nes, address, value);
		break;
	case 7:
		set_prg_32k(nes, value & 7);
		ppu_set_mirroring(nes,
				  value & 0x10 ? NES_MIRROR_SINGLE_HIGH : NES_MIRROR_SINGLE_LOW);
		break;
	}
}

int mapper_power_on(struct nes *nes)
{
	struct nes_mapper *m = &nes->mapper;

	ppu_set_mirroring(nes, nes->cart.mirroring);
	set_prg_32k(nes, 0);
	set_chr(nes, 0, 8, 0);
	m->prg_ram_enabled = true;
	switch (nes->cart.mapper) {
	case 0:
	case 3:
		set_prg_16k(nes, 1, -1); /* NROM-128 mirrors its 16 KiB */
		return 0;
	case 1:
		m->registers[0] = 0x0c;
		m->last_write_cycle = ~0ull - 1;
		mmc1_update(nes);
		m->prg_ram_enabled = true;
		return 0;
	case 2:
		set_prg_16k(nes, 0, 0);
		set_prg_16k(nes, 1, -1);
		return 0;
	case 4:
		mmc3_update(nes);
		return 0;
	case 7:
		ppu_set_mirroring(nes, NES_MIRROR_SINGLE_LOW);
		return 0;
	default:
		return -NES_ERROR_UNSUPPORTED_MAPPER;
	}
}
