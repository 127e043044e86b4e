// SPDX-License-Identifier: MIT
/* The NES core's interface: one struct nes is one console (CPU, PPU, APU, cartridge and
 * controllers), with no global state, so several can run side by side. The core is freestanding
 * C: it makes no OS calls and allocates nothing; the caller owns the struct (about 140 KiB) and
 * the ROM image, which must outlive it. Front ends: apps/nes/headless.c (the `nes` command).
 *
 * Timing: the CPU drives everything. A CPU bus cycle is 12 master clocks, 3 PPU dots, with the
 * access at the chip's point within it; the APU runs every cycle, the PPU catches up wherever
 * the CPU could see it (bus.c), so register reads and writes land on the right dot. */
#ifndef YOLK_NES_H
#define YOLK_NES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nes;

#define NES_WIDTH	 256
#define NES_HEIGHT	 240
#define NES_PRG_RAM_SIZE 0x8000
#define NES_CHR_RAM_SIZE 0x8000
#define NES_AUDIO_RATE	 44100
#define NES_AUDIO_BUFFER 4096

/* Controller buttons, in the order the shift register reports them. */
enum nes_button {
	NES_BUTTON_A = 0x01,
	NES_BUTTON_B = 0x02,
	NES_BUTTON_SELECT = 0x04,
	NES_BUTTON_START = 0x08,
	NES_BUTTON_UP = 0x10,
	NES_BUTTON_DOWN = 0x20,
	NES_BUTTON_LEFT = 0x40,
	NES_BUTTON_RIGHT = 0x80,
};

/* Why a ROM image was refused (nes_load's negative results). */
enum nes_load_error {
	NES_ERROR_NOT_INES = 1,
	NES_ERROR_TRUNCATED,
	NES_ERROR_UNSUPPORTED_MAPPER,
	NES_ERROR_BAD_SIZE,
};

enum nes_mirroring {
	NES_MIRROR_HORIZONTAL,
	NES_MIRROR_VERTICAL,
	NES_MIRROR_SINGLE_LOW,
	NES_MIRROR_SINGLE_HIGH,
	NES_MIRROR_FOUR_SCREEN,
};

struct nes_cartridge {
	const uint8_t *prg;
	size_t prg_size;
	const uint8_t *chr_rom; /* NULL when the board has CHR RAM */
	size_t chr_size;	/* ROM or RAM size */
	unsigned mapper;
	unsigned submapper;
	bool nes2;
	bool battery;
	enum nes_mirroring mirroring; /* the header's */
	size_t prg_ram_size;
};

struct nes_cpu {
	uint16_t pc;
	uint8_t a, x, y, s, p;
	uint64_t cycles;
	uint16_t operand;    /* the effective address, or the value for immediate modes */
	uint8_t base_high;   /* high byte of the base address of indexed modes (SHX & co.) */
	uint8_t irq_sources; /* enum nes_irq_source bits; IRQ is their OR */
	bool prev_nmi_line;  /* the NMI input as sampled at the end of the previous cycle */
	bool need_nmi, prev_need_nmi;
	bool run_irq, prev_run_irq;
	bool jammed; /* a KIL opcode stopped the CPU */
	bool oam_dma_pending;
	uint8_t oam_dma_page;
	bool dmc_dma_pending;
	uint8_t bus; /* the data bus: what open-bus reads return */
	uint8_t ram[0x800];
};

enum nes_irq_source {
	NES_IRQ_FRAME = 1,
	NES_IRQ_DMC = 2,
	NES_IRQ_MAPPER = 4,
};

struct nes_sprite {
	uint8_t x, attributes, low, high;
	bool zero; /* this is OAM entry 0 */
};

struct nes_ppu {
	int scanline; /* 0-239 visible, 240 post-render, 241-260 VBlank, 261 pre-render */
	int dot;      /* the last dot executed, 0-340 */
	uint64_t frame;
	bool frame_ready;
	uint8_t ctrl, mask, status, oam_address;
	uint16_t v, t; /* loopy's registers */
	uint8_t fine_x;
	bool w;
	uint8_t read_buffer;
	uint8_t io_latch; /* the PPU's own open bus */
	bool prevent_vblank;
	bool skip_dot;	 /* this odd frame's pre-render line is a dot short */
	bool nmi_output; /* the NMI line as of the previous dot */
	/* background pipeline: 4 bits per pixel (attribute, pattern), 16 pixels */
	uint64_t tile_data;
	uint8_t next_name, next_attribute, next_low, next_high;
	/* sprites for the line being drawn */
	struct nes_sprite sprites[8];
	int sprite_count;
	uint8_t sprite_indexes[8]; /* OAM indexes for the next line, from evaluation */
	int next_sprite_count;
	bool next_has_zero;
	uint8_t sprite_line[NES_WIDTH];
	bool sprite_line_used;
	uint8_t oam[256];
	uint8_t palette[32];
	uint8_t vram[0x1000];			/* 2 KiB of CIRAM, 4 KiB with four-screen boards */
	uint16_t nametable[4];			/* offset in vram of each 1 KiB nametable */
	uint8_t pixels[NES_WIDTH * NES_HEIGHT]; /* palette indexes (6 bits) */
};

struct nes_pulse {
	bool enabled, constant_volume, loop, start, sweep_enabled, sweep_negate, sweep_reload;
	uint8_t duty, duty_step, volume, envelope_divider, envelope_decay, length;
	uint8_t sweep_period, sweep_shift, sweep_divider;
	uint16_t timer_period, timer;
	bool second; /* pulse 2: sweep negation is two's complement */
};

struct nes_triangle {
	bool enabled, control, linear_reload;
	uint8_t linear_period, linear_counter, length, step;
	uint16_t timer_period, timer;
};

struct nes_noise {
	bool enabled, constant_volume, loop, start, mode;
	uint8_t volume, envelope_divider, envelope_decay, length;
	uint16_t timer_period, timer, shift;
};

struct nes_dmc {
	bool enabled, irq_enabled, loop, irq, silence, buffer_full;
	uint8_t rate, output, buffer, shift, bits;
	uint16_t sample_address, sample_length, address, remaining;
	uint16_t timer_period, timer;
};

struct nes_apu {
	struct nes_pulse pulse[2];
	struct nes_triangle triangle;
	struct nes_noise noise;
	struct nes_dmc dmc;
	bool five_step, irq_inhibit, frame_irq;
	uint32_t frame_cycle;
	int frame_reset_delay; /* cycles until a $4017 write takes effect, 0 for none */
	uint8_t frame_write;
	bool odd_cycle;
	uint64_t cycle; /* CPU cycles run: the APU runs behind the CPU (apu_run) */
	/* the non-linear mixer's levels, 0..1 as fixed point with 24 fraction bits */
	uint32_t pulse_table[31];
	uint32_t tnd_table[203];
	/* output: a box filter down to NES_AUDIO_RATE into a ring of signed samples */
	uint32_t accumulator;
	uint32_t accumulated;
	uint8_t mix_counter;
	uint32_t sample_phase;
	int16_t samples[NES_AUDIO_BUFFER];
	uint32_t sample_head, sample_count;
};

struct nes_mapper {
	uint32_t prg_bank[4]; /* byte offset in PRG ROM of $8000, $A000, $C000, $E000 */
	uint32_t chr_bank[8]; /* byte offset in CHR of each 1 KiB of $0000-$1FFF */
	uint8_t registers[8];
	uint8_t shift, shift_count; /* MMC1 serial port */
	uint64_t last_write_cycle;
	uint8_t irq_latch, irq_counter;
	bool irq_reload, irq_enabled;
	bool a12_high;
	uint64_t a12_low_since; /* PPU dot count when A12 last fell */
	bool prg_ram_enabled;
};

struct nes {
	struct nes_cartridge cart;
	struct nes_cpu cpu;
	struct nes_ppu ppu;
	struct nes_apu apu;
	struct nes_mapper mapper;
	uint64_t master_clock;
	uint64_t ppu_clock;    /* master clock of the last PPU dot run */
	uint64_t ppu_deadline; /* the PPU must have caught up by this master clock */
	uint64_t apu_deadline; /* the APU must have caught up by this CPU cycle (apu_run) */
	uint64_t ppu_dots;
	uint8_t controller_state[2]; /* buttons held, set by the front end */
	uint8_t controller_shift[2];
	bool controller_strobe;
	uint8_t prg_ram[NES_PRG_RAM_SIZE];
	uint8_t chr_ram[NES_CHR_RAM_SIZE];
	/* called before each instruction when set: the CPU's state then is what a trace logs */
	void (*trace)(struct nes *nes, void *context);
	void *trace_context;
};

/* Parse an iNES or NES 2.0 image into `cart` (which then points into `image`). Returns 0 or
 * -enum nes_load_error. */
int nes_parse_rom(struct nes_cartridge *cart, const uint8_t *image, size_t size);
const char *nes_load_error_string(int error);
/* Set up a console for a parsed cartridge and power it on: 0 or -enum nes_load_error. */
int nes_power_on(struct nes *nes, const struct nes_cartridge *cart);
/* The reset button: CPU and APU reset, RAM and cartridge state kept. */
void nes_reset(struct nes *nes);
/* Run one instruction (or interrupt entry). */
void nes_step(struct nes *nes);
/* Bring the PPU and APU up to the CPU (they run behind between the points where that shows). */
void nes_sync(struct nes *nes);
/* Run until the PPU has finished the picture of a frame (it stops at most a line later, at the
 * VBlank NMI's dot). */
void nes_run_frame(struct nes *nes);
/* Read CPU address space without side effects (no register reads): for traces and tests. */
uint8_t nes_peek(struct nes *nes, uint16_t address);
/* Fill `line` (at least 96 bytes) with the nestest-format trace line of the next instruction. */
void nes_trace_line(struct nes *nes, char *line, size_t size);
/* The 2C02's RGB colour of a palette index. */
uint32_t nes_palette_rgb(uint8_t index);
/* Take up to `max` audio samples (mono, NES_AUDIO_RATE); returns how many. */
size_t nes_audio_take(struct nes *nes, int16_t *out, size_t max);
/* Battery-backed PRG RAM, when the cartridge has it (else size 0). */
uint8_t *nes_battery_ram(struct nes *nes, size_t *size);

#endif
