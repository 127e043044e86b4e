// SPDX-License-Identifier: MIT
/* The CPU's bus: the memory map ($0000 RAM, $2000 PPU, $4000 APU and I/O, $4020 cartridge), the
 * controllers, OAM and DMC DMA, and the clock. A CPU cycle is 12 master clocks; the PPU's dot
 * is 4. As in the real 2A03, a read samples the bus 5 master clocks into its cycle and a write
 * drives it after 7; the end of each cycle samples the NMI edge and the IRQ level for the CPU's
 * polling (cpu.c).
 *
 * The PPU runs behind the CPU and catches up (sync_ppu) exactly where it can be seen: before
 * an access to its registers or a cartridge register (which may switch CHR banks or
 * mirroring), and at the end of the first cycle past the next dot on which its NMI output can
 * change (ppu_next_event_clock). Between those, nothing the CPU does depends on it, so the
 * result is the same as running it in lockstep, dot by dot; only MMC3, whose IRQ comes from the
 * PPU's fetches, keeps it in lockstep. The APU runs behind likewise (apu.c): it catches up at
 * its registers and at nes.apu_deadline, the next cycle on which it could raise an IRQ or ask
 * for the DMC's DMA. */
#include "internal.h"

static void sync_ppu(struct nes *nes)
{
	ppu_run(nes, nes->master_clock);
	nes->ppu_deadline = ppu_next_event_clock(nes);
}

/* A register access can change the NMI output ($2000 writes, $2002 reads): catch up again at
 * the end of this cycle, as lockstep would have run the dots there. */
static void sync_ppu_for_register(struct nes *nes)
{
	sync_ppu(nes);
	nes->ppu_deadline = 0;
}

static void cycle_start(struct nes *nes, bool read)
{
	nes->master_clock += read ? 5 : 7;
}

static void cycle_end(struct nes *nes, bool read)
{
	struct nes_cpu *cpu = &nes->cpu;

	nes->master_clock += read ? 7 : 5;
	if (nes->master_clock >= nes->ppu_deadline)
		sync_ppu(nes);
	if (cpu->cycles + 1 >= nes->apu_deadline) /* this cycle's APU step could show */
		apu_run(nes, cpu->cycles + 1);
	cpu->cycles++;
	cpu->prev_need_nmi = cpu->need_nmi;
	bool nmi = nes->ppu.nmi_output;
	if (nmi && !cpu->prev_nmi_line)
		cpu->need_nmi = true;
	cpu->prev_nmi_line = nmi;
	cpu->prev_run_irq = cpu->run_irq;
	cpu->run_irq = cpu->irq_sources && !(cpu->p & 0x04);
}

static uint8_t read_controller(struct nes *nes, int port)
{
	uint8_t bit;
	if (nes->controller_strobe)
		return nes->controller_state[port] & 1;
	bit = nes->controller_shift[port] & 1;
	/* after the eighth read an official pad keeps answering 1 */
	nes->controller_shift[port] = nes->controller_shift[port] >> 1 | 0x80;
	return bit;
}

static void write_controller_strobe(struct nes *nes, uint8_t value)
{
	nes->controller_strobe = value & 1;
	if (nes->controller_strobe) {
		nes->controller_shift[0] = nes->controller_state[0];
		nes->controller_shift[1] = nes->controller_state[1];
	}
}

static uint8_t memory_read(struct nes *nes, uint16_t address)
{
	struct nes_cpu *cpu = &nes->cpu;
	bool driven = true;
	uint8_t value;

	if (address < 0x2000)
		value = cpu->ram[address & 0x7ff];
	else if (address < 0x4000) {
		sync_ppu_for_register(nes);
		value = ppu_read_register(nes, address);
	} else if (address == 0x4015)
		/* an internal register: the bus keeps its value, bit 5 is open */
		return (apu_read_status(nes) & ~0x20) | (cpu->bus & 0x20);
	else if (address == 0x4016 || address == 0x4017)
		value = (cpu->bus & 0xe0) | read_controller(nes, address - 0x4016);
	else if (address < 0x4020)
		value = cpu->bus;
	else {
		value = mapper_cpu_read(nes, address, &driven);
		if (!driven)
			value = cpu->bus;
	}
	cpu->bus = value;
	return value;
}

static void memory_write(struct nes *nes, uint16_t address, uint8_t value)
{
	nes->cpu.bus = value;
	if (address < 0x2000)
		nes->cpu.ram[address & 0x7ff] = value;
	else if (address < 0x4000) {
		sync_ppu_for_register(nes);
		ppu_write_register(nes, address, value);
	} else if (address == 0x4014) {
		nes->cpu.oam_dma_pending = true;
		nes->cpu.oam_dma_page = value;
	} else if (address == 0x4016)
		write_controller_strobe(nes, value);
	else if (address < 0x4018)
		apu_write_register(nes, address, value);
	else if (address >= 0x8000) {
		sync_ppu(nes);
		mapper_cpu_write(nes, address, value);
	} else if (address >= 0x4020)
		mapper_cpu_write(nes, address, value);
}

static void dma_cycle_read(struct nes *nes, uint16_t address)
{
	cycle_start(nes, true);
	memory_read(nes, address);
	cycle_end(nes, true);
}

/* The DMA unit takes the bus on a read cycle: the halted CPU repeats that read meanwhile. */
static void run_dma(struct nes *nes, uint16_t halted_address)
{
	struct nes_cpu *cpu = &nes->cpu;

	if (cpu->dmc_dma_pending) {
		/* the request stands until the fetch (apu_dmc_fill ends it): the DMC does not ask
		 * again during the stolen cycles */
		for (int i = 0; i < 3; i++)
			dma_cycle_read(nes, halted_address);
		cycle_start(nes, true);
		apu_dmc_fill(nes, memory_read(nes, apu_dmc_address(nes)));
		cycle_end(nes, true);
	}
	if (cpu->oam_dma_pending) {
		cpu->oam_dma_pending = false;
		dma_cycle_read(nes, halted_address);
		if (cpu->cycles & 1)
			dma_cycle_read(nes, halted_address);
		for (int i = 0; i < 256; i++) {
			cycle_start(nes, true);
			uint8_t value = memory_read(nes, cpu->oam_dma_page << 8 | i);
			cycle_end(nes, true);
			cycle_start(nes, false);
			sync_ppu_for_register(nes);
			ppu_write_register(nes, 0x2004, value);
			cycle_end(nes, false);
		}
	}
}

uint8_t nes_bus_read(struct nes *nes, uint16_t address)
{
	if (nes->cpu.oam_dma_pending || nes->cpu.dmc_dma_pending)
		run_dma(nes, address);
	cycle_start(nes, true);
	uint8_t value = memory_read(nes, address);
	cycle_end(nes, true);
	return value;
}

void nes_bus_write(struct nes *nes, uint16_t address, uint8_t value)
{
	cycle_start(nes, false);
	memory_write(nes, address, value);
	cycle_end(nes, false);
}

uint8_t nes_peek(struct nes *nes, uint16_t address)
{
	bool driven = true;
	uint8_t value;

	if (address < 0x2000)
		return nes->cpu.ram[address & 0x7ff];
	if (address < 0x4000)
		return ppu_peek_register(nes, address);
	if (address < 0x4020)
		return 0xff; /* the APU and I/O registers, as nestest.log shows them */
	value = mapper_cpu_read(nes, address, &driven);
	return driven ? value : nes->cpu.bus;
}

int nes_power_on(struct nes *nes, const struct nes_cartridge *cart)
{
	uint8_t *bytes = (uint8_t *)nes;
	for (size_t i = 0; i < sizeof(*nes); i++)
		bytes[i] = 0;
	nes->cart = *cart;
	int error = mapper_power_on(nes);
	if (error)
		return error;
	ppu_power_on(nes);
	apu_power_on(nes);
	nes_cpu_power_on(nes);
	return 0;
}

void nes_reset(struct nes *nes)
{
	sync_ppu(nes);
	ppu_reset(nes);
	nes->ppu_deadline = 0; /* $2000 cleared: the NMI output may change */
	apu_reset(nes);
	nes_cpu_reset(nes);
}

/* The PPU and APU up to the CPU's present, for callers that look at their state (traces, tests). */
void nes_sync(struct nes *nes)
{
	sync_ppu(nes);
	apu_run(nes, nes->cpu.cycles);
}

void nes_run_frame(struct nes *nes)
{
	nes->ppu.frame_ready = false;
	while (!nes->ppu.frame_ready)
		nes_step(nes);
}

uint8_t *nes_battery_ram(struct nes *nes, size_t *size)
{
	*size = nes->cart.battery ? nes->cart.prg_ram_size : 0;
	return nes->prg_ram;
}
