// SPDX-License-Identifier: MIT
/* What the NES core's modules call in each other (apps/nes/core/): the CPU's bus cycles
 * (bus.c), the PPU's and APU's registers and clocks (ppu.c, apu.c) and the mappers (mapper.c).
 * Not for front ends: they use nes.h. */
#ifndef YOLK_NES_INTERNAL_H
#define YOLK_NES_INTERNAL_H

#include "nes.h"

/* The addressing mode of each opcode, one letter each (cpu.c says which). */
extern const char nes_cpu_modes[256 + 1];

/* One CPU bus cycle each: the PPU and APU run alongside, DMA steals cycles before a read. */
uint8_t nes_bus_read(struct nes *nes, uint16_t address);
void nes_bus_write(struct nes *nes, uint16_t address, uint8_t value);
/* The CPU's reset sequence (7 cycles) and its power-up register state. */
void nes_cpu_power_on(struct nes *nes);
void nes_cpu_reset(struct nes *nes);

void ppu_power_on(struct nes *nes);
void ppu_reset(struct nes *nes);
void ppu_step(struct nes *nes);
/* Run the PPU's dots up to master clock `clock`. */
void ppu_run(struct nes *nes, uint64_t clock);
/* The master clock by which the PPU must next catch up: the dot on which its NMI output can
 * next change; 0 while a mapper watches every fetch (MMC3). */
uint64_t ppu_next_event_clock(const struct nes *nes);
uint8_t ppu_read_register(struct nes *nes, uint16_t address);
void ppu_write_register(struct nes *nes, uint16_t address, uint8_t value);
uint8_t ppu_peek_register(struct nes *nes, uint16_t address);
void ppu_set_mirroring(struct nes *nes, enum nes_mirroring mirroring);
/* The NMI output: VBlank flag AND the enable bit of $2000. */
static inline bool ppu_nmi_line(const struct nes *nes)
{
	return (nes->ppu.status & 0x80) && (nes->ppu.ctrl & 0x80);
}

void apu_power_on(struct nes *nes);
void apu_reset(struct nes *nes);
/* Run the APU up to (not including) CPU cycle `cycle`: the cycles the CPU has run, +1 inside a
 * cycle (its APU step comes first). Sets nes.apu_deadline. */
void apu_run(struct nes *nes, uint64_t cycle);
uint8_t apu_read_status(struct nes *nes);
void apu_write_register(struct nes *nes, uint16_t address, uint8_t value);
/* The DMC's sample fetch, done by bus.c's DMA when the DMC asked for it. */
void apu_dmc_fill(struct nes *nes, uint8_t value);
static inline uint16_t apu_dmc_address(const struct nes *nes)
{
	return nes->apu.dmc.address;
}

/* Returns 0 or -NES_ERROR_UNSUPPORTED_MAPPER. */
int mapper_power_on(struct nes *nes);
uint8_t mapper_cpu_read(struct nes *nes, uint16_t address, bool *driven);
void mapper_cpu_write(struct nes *nes, uint16_t address, uint8_t value);
/* Every PPU bus address, for mappers that watch A12 (MMC3's scanline counter). */
void mapper_ppu_address(struct nes *nes, uint16_t address);

/* offset % size, without the division (slow, and a helper call under QEMU's TCG) for the
 * power-of-two sizes boards have. */
static inline uint32_t wrap_offset(uint32_t offset, size_t size)
{
	return size & (size - 1) ? (uint32_t)(offset % size) : offset & (uint32_t)(size - 1);
}

static inline uint8_t *chr_pointer(struct nes *nes, uint16_t address)
{
	uint32_t offset = nes->mapper.chr_bank[(address >> 10) & 7] + (address & 0x3ff);
	offset = wrap_offset(offset, nes->cart.chr_size);
	if (nes->cart.chr_rom)
		return (uint8_t *)&nes->cart.chr_rom[offset];
	return &nes->chr_ram[offset];
}

static inline void cpu_set_irq(struct nes *nes, enum nes_irq_source source, bool active)
{
	if (active)
		nes->cpu.irq_sources |= source;
	else
		nes->cpu.irq_sources &= ~source;
}

#endif
