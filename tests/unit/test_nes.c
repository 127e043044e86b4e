/* The NES core (apps/nes/core) on ROM images made here: header parsing and its errors, the
 * mappers' bank switching, MMC1's serial port, MMC3's A12 counter, the controllers, PPU memory
 * quirks, the APU's length counters, frame IRQ and a pulse tone's pitch. The test ROMs proper
 * (nestest, blargg's) run in tests/nes/rom_tests.c. */
#include <stdlib.h>
#include <string.h>
#include "apps/nes/core/internal.h"
#include "tests/unit/unit.h"

/* An image with `prg_banks` x 16 KiB of PRG (each byte its 8 KiB bank's number, a JMP-to-self
 * at every reset vector target) and `chr_banks` x 8 KiB of CHR. The caller frees it. */
static uint8_t *make_rom(unsigned mapper, unsigned prg_banks, unsigned chr_banks, size_t *size)
{
	size_t prg = prg_banks * 0x4000, chr = chr_banks * 0x2000;
	uint8_t *image = calloc(1, 16 + prg + chr);
	memcpy(image, "NES\x1a", 4);
	image[4] = prg_banks;
	image[5] = chr_banks;
	image[6] = (mapper & 15) << 4;
	image[7] = mapper & 0xf0;
	for (size_t i = 0; i < prg; i++)
		image[16 + i] = i / 0x2000;
	for (size_t bank = 0; bank < prg / 0x4000; bank++) {
		uint8_t *end = image + 16 + bank * 0x4000 + 0x3ffc;
		uint8_t *code = image + 16 + bank * 0x4000 + 0x3000; /* $F000 in the last bank */
		code[0] = 0x4c, code[1] = 0x00, code[2] = 0xf0;	     /* JMP $F000 */
		end[0] = 0x00, end[1] = 0xf0;
	}
	for (size_t i = 0; i < chr; i++)
		image[16 + prg + i] = i / 0x400;
	*size = 16 + prg + chr;
	return image;
}

static struct nes *boot(uint8_t *image, size_t size)
{
	struct nes_cartridge cart;
	struct nes *nes = calloc(1, sizeof(*nes));
	CHECK_EQ(nes_parse_rom(&cart, image, size), 0);
	CHECK_EQ(nes_power_on(nes, &cart), 0);
	return nes;
}

TEST(nes_header_errors)
{
	struct nes_cartridge cart;
	size_t size;
	uint8_t *image = make_rom(0, 1, 1, &size);

	CHECK_EQ(nes_parse_rom(&cart, (const uint8_t *)"NEZ\x1a", 4), -NES_ERROR_NOT_INES);
	CHECK_EQ(nes_parse_rom(&cart, image, 10), -NES_ERROR_TRUNCATED);
	CHECK_EQ(nes_parse_rom(&cart, image, size - 1), -NES_ERROR_TRUNCATED);
	CHECK_EQ(nes_parse_rom(&cart, image, size), 0);
	image[6] = 0x50; /* mapper 5, MMC5 */
	CHECK_EQ(nes_parse_rom(&cart, image, size), -NES_ERROR_UNSUPPORTED_MAPPER);
	CHECK(strstr(nes_load_error_string(-NES_ERROR_UNSUPPORTED_MAPPER), "0, 1, 2, 3, 4, 7"));
	free(image);
}

TEST(nes_header_variants)
{
	struct nes_cartridge cart;
	size_t size;
	uint8_t *image = make_rom(1, 2, 0, &size);

	/* "DiskDude!" in bytes 7-15: the high mapper nibble is junk */
	memcpy(image + 7, "DiskDude!", 9);
	CHECK_EQ(nes_parse_rom(&cart, image, size), 0);
	CHECK_EQ(cart.mapper, 1);
	CHECK(!cart.chr_rom);
	CHECK_EQ(cart.chr_size, 0x2000);
	/* NES 2.0: mapper bits 8-11, submapper, PRG RAM and CHR RAM sizes */
	memset(image + 7, 0, 9);
	image[7] = 0x08;
	image[8] = 0x31; /* submapper 3, mapper 0x101 */
	CHECK_EQ(nes_parse_rom(&cart, image, size), -NES_ERROR_UNSUPPORTED_MAPPER);
	image[8] = 0x30;
	image[10] = 0x07; /* 64 << 7 = 8 KiB of PRG RAM */
	image[11] = 0x08; /* 16 KiB of CHR RAM */
	image[6] |= 0x02; /* battery */
	CHECK_EQ(nes_parse_rom(&cart, image, size), 0);
	CHECK(cart.nes2);
	CHECK_EQ(cart.submapper, 3);
	CHECK_EQ(cart.prg_ram_size, 0x2000);
	CHECK_EQ(cart.chr_size, 0x4000);
	CHECK(cart.battery);
	free(image);
}

TEST(nes_runs_from_the_reset_vector)
{
	size_t size;
	uint8_t *image = make_rom(0, 1, 1, &size);
	struct nes *nes = boot(image, size);

	CHECK_EQ(nes->cpu.pc, 0xf000);
	CHECK_EQ(nes->cpu.s, 0xfd);
	CHECK_EQ(nes->cpu.cycles, 7);
	nes_step(nes);
	CHECK_EQ(nes->cpu.pc, 0xf000);
	CHECK_EQ(nes->cpu.cycles, 10); /* JMP absolute: 3 cycles */
	nes_run_frame(nes);
	/* the picture is done: the PPU is past line 239 (at most to VBlank's NMI dot) */
	CHECK(nes->ppu.scanline == 240 || (nes->ppu.scanline == 241 && nes->ppu.dot <= 4));
	CHECK_EQ(nes->ppu.frame, 0);
	free(nes);
	free(image);
}

TEST(nes_uxrom_and_axrom_switch_banks)
{
	size_t size;
	uint8_t *image = make_rom(2, 4, 0, &size);
	struct nes *nes = boot(image, size);

	CHECK_EQ(nes_peek(nes, 0xc000), 6); /* the last 16 KiB: 8 KiB banks 6 and 7 */
	nes_bus_write(nes, 0x8000, 1);
	CHECK_EQ(nes_peek(nes, 0x8000), 2);
	CHECK_EQ(nes_peek(nes, 0xa000), 3);
	CHECK_EQ(nes_peek(nes, 0xe000), 7);
	free(nes);
	free(image);

	image = make_rom(7, 8, 0, &size);
	nes = boot(image, size);
	nes_bus_write(nes, 0x8000, 0x12); /* 32 KiB bank 2, nametable 1 */
	CHECK_EQ(nes_peek(nes, 0x8000), 8);
	CHECK_EQ(nes->ppu.nametable[0], 0x400);
	CHECK_EQ(nes->ppu.nametable[3], 0x400);
	free(nes);
	free(image);
}

TEST(nes_cnrom_switches_chr_with_bus_conflicts)
{
	size_t size;
	uint8_t *image = make_rom(3, 1, 4, &size);
	struct nes *nes = boot(image, size);

	/* the ROM byte at $8000 is 0 (bank 0): a conflict ANDs the value down to 0 */
	nes_bus_write(nes, 0x8000, 3);
	CHECK_EQ(*chr_pointer(nes, 0), 0);
	/* at $A000 the ROM byte is 1 */
	nes_bus_write(nes, 0xa000, 3);
	CHECK_EQ(*chr_pointer(nes, 0), 8); /* CHR bank 1: its first 1 KiB is number 8 */
	free(nes);
	free(image);
}

static void mmc1_serial(struct nes *nes, uint16_t address, uint8_t value)
{
	for (int i = 0; i < 5; i++) {
		nes_bus_read(nes, 0); /* the writes of a real program are cycles apart */
		nes_bus_write(nes, address, value >> i & 1);
	}
}

TEST(nes_mmc1_serial_port)
{
	size_t size;
	uint8_t *image = make_rom(1, 8, 2, &size);
	struct nes *nes = boot(image, size);

	CHECK_EQ(nes_peek(nes, 0xc000), 14); /* fixed last bank at power-on */
	mmc1_serial(nes, 0xe000, 3);
	CHECK_EQ(nes_peek(nes, 0x8000), 6);
	mmc1_serial(nes, 0x8000, 0x10 | 0x0c | 0x02); /* 4 KiB CHR, fixed $C000, vertical */
	mmc1_serial(nes, 0xa000, 3);
	CHECK_EQ(*chr_pointer(nes, 0), 12);
	CHECK_EQ(nes->ppu.nametable[1], 0x400);
	/* the second of two writes on consecutive cycles is ignored */
	nes_bus_read(nes, 0);
	nes_bus_write(nes, 0xe000, 0x80);
	nes_bus_write(nes, 0xe000, 1);
	mmc1_serial(nes, 0xe000, 5);
	CHECK_EQ(nes_peek(nes, 0x8000), 10);
	free(nes);
	free(image);
}

static void a12_rise(struct nes *nes, int low_dots)
{
	mapper_ppu_address(nes, 0x0000);
	nes->ppu_dots += low_dots;
	mapper_ppu_address(nes, 0x1000);
	nes->ppu_dots += 8;
}

TEST(nes_mmc3_banks_and_scanline_irq)
{
	size_t size;
	uint8_t *image = make_rom(4, 4, 8, &size);
	struct nes *nes = boot(image, size);

	nes_bus_write(nes, 0x8000, 6);
	nes_bus_write(nes, 0x8001, 3);
	CHECK_EQ(nes_peek(nes, 0x8000), 3);
	CHECK_EQ(nes_peek(nes, 0xc000), 6); /* second to last */
	nes_bus_write(nes, 0x8000, 0x46);   /* PRG mode 1: R6 at $C000 */
	CHECK_EQ(nes_peek(nes, 0xc000), 3);
	CHECK_EQ(nes_peek(nes, 0x8000), 6);
	nes_bus_write(nes, 0x8000, 2);
	nes_bus_write(nes, 0x8001, 21);
	CHECK_EQ(*chr_pointer(nes, 0x1000), 21);

	nes_bus_write(nes, 0xc000, 2); /* latch */
	nes_bus_write(nes, 0xc001, 0); /* reload */
	nes_bus_write(nes, 0xe001, 0); /* enable */
	a12_rise(nes, 100);	       /* reload to 2 */
	a12_rise(nes, 3);	       /* too short a dip: filtered */
	a12_rise(nes, 100);	       /* 1 */
	CHECK(!(nes->cpu.irq_sources & NES_IRQ_MAPPER));
	a12_rise(nes, 100); /* 0: IRQ */
	CHECK(nes->cpu.irq_sources & NES_IRQ_MAPPER);
	nes_bus_write(nes, 0xe000, 0); /* disable acknowledges */
	CHECK(!(nes->cpu.irq_sources & NES_IRQ_MAPPER));
	free(nes);
	free(image);
}

TEST(nes_controller_shift_register)
{
	size_t size;
	uint8_t *image = make_rom(0, 1, 1, &size);
	struct nes *nes = boot(image, size);
	uint8_t bits = 0;

	nes->controller_state[0] = NES_BUTTON_A | NES_BUTTON_START | NES_BUTTON_RIGHT;
	nes_bus_write(nes, 0x4016, 1);
	nes_bus_write(nes, 0x4016, 0);
	for (int i = 0; i < 8; i++)
		bits |= (nes_bus_read(nes, 0x4016) & 1) << i;
	CHECK_EQ(bits, 0x89);
	CHECK_EQ(nes_bus_read(nes, 0x4016) & 1, 1); /* then 1s */
	CHECK_EQ(nes_bus_read(nes, 0x4017) & 1, 0); /* pad 2: nothing held */
	free(nes);
	free(image);
}

TEST(nes_ppu_memory_quirks)
{
	size_t size;
	uint8_t *image = make_rom(0, 1, 0, &size);
	struct nes *nes = boot(image, size);

	nes_bus_write(nes, 0x2006, 0x3f);
	nes_bus_write(nes, 0x2006, 0x10);
	nes_bus_write(nes, 0x2007, 0x2a); /* $3F10 is $3F00 */
	CHECK_EQ(nes->ppu.palette[0], 0x2a);
	nes_bus_write(nes, 0x2006, 0x20);
	nes_bus_write(nes, 0x2006, 0x00);
	nes_bus_write(nes, 0x2007, 0x55);
	nes_bus_write(nes, 0x2007, 0x66);
	nes_bus_write(nes, 0x2006, 0x20);
	nes_bus_write(nes, 0x2006, 0x00);
	nes_bus_read(nes, 0x2007); /* fills the buffer */
	CHECK_EQ(nes_bus_read(nes, 0x2007), 0x55);
	CHECK_EQ(nes_bus_read(nes, 0x2007), 0x66);
	/* horizontal mirroring: $2400 is $2000 */
	nes_bus_write(nes, 0x2006, 0x24);
	nes_bus_write(nes, 0x2006, 0x00);
	nes_bus_read(nes, 0x2007);
	CHECK_EQ(nes_bus_read(nes, 0x2007), 0x55);
	/* sprite attribute bytes have no bits 2-4 */
	nes_bus_write(nes, 0x2003, 2);
	nes_bus_write(nes, 0x2004, 0xff);
	CHECK_EQ(nes->ppu.oam[2], 0xe3);
	/* write-only registers read back the PPU's latch */
	CHECK_EQ(nes_bus_read(nes, 0x2000), 0xff);
	free(nes);
	free(image);
}

TEST(nes_apu_length_counter_and_frame_irq)
{
	size_t size;
	uint8_t *image = make_rom(0, 1, 1, &size);
	struct nes *nes = boot(image, size);

	nes_bus_write(nes, 0x4015, 0x01);
	nes_bus_write(nes, 0x4003, 0x08); /* length index 1: 254 */
	CHECK_EQ(nes_bus_read(nes, 0x4015) & 0x01, 1);
	nes_bus_write(nes, 0x4015, 0x00);
	CHECK_EQ(nes_bus_read(nes, 0x4015) & 0x01, 0);
	for (int i = 0; i < 30000; i++)
		nes_bus_read(nes, 0);
	CHECK(nes->cpu.irq_sources & NES_IRQ_FRAME);
	CHECK(nes_bus_read(nes, 0x4015) & 0x40);
	CHECK(!(nes->cpu.irq_sources & NES_IRQ_FRAME)); /* the read acknowledged it */
	nes_bus_write(nes, 0x4017, 0x40);		/* inhibit */
	for (int i = 0; i < 30000; i++)
		nes_bus_read(nes, 0);
	CHECK(!(nes_bus_read(nes, 0x4015) & 0x40));
	free(nes);
	free(image);
}

/* A 17-byte sample at the fastest rate (54 cycles a bit, 432 a byte), IRQ on: one DMA fetch
 * per byte, each stealing 4 CPU cycles, the first at once, the second when the first byte goes
 * to the shift register (after the 8 silent bits the output unit was in: at cycle 748 here),
 * then one every 432 cycles; the IRQ comes with the 17th fetch, 748 + 15 x 432 = 7228
 * cycles after the $4015 write, and $4015 then says the sample is over (bit 4) and the IRQ
 * (bit 7). The APU runs behind the CPU (apu.c): the IRQ and the fetches must still come on
 * these cycles. */
TEST(nes_apu_dmc_fetches_a_byte_per_8_bits_and_raises_its_irq)
{
	size_t size;
	uint8_t *image = make_rom(0, 1, 1, &size);
	struct nes *nes = boot(image, size);
	long reads = 0;

	nes_bus_write(nes, 0x4017, 0x40); /* no frame IRQ */
	nes_bus_write(nes, 0x4010, 0x8f); /* IRQ on, rate 15 */
	nes_bus_write(nes, 0x4012, 0x00); /* $C000 */
	nes_bus_write(nes, 0x4013, 0x01); /* 17 bytes */
	uint64_t start = nes->cpu.cycles;
	nes_bus_write(nes, 0x4015, 0x10);
	CHECK_EQ(nes_bus_read(nes, 0x4015) & 0x10, 0x10);
	reads++;
	while (!(nes->cpu.irq_sources & NES_IRQ_DMC) && reads < 20000) {
		nes_bus_read(nes, 0);
		reads++;
	}
	CHECK_EQ(nes->cpu.cycles - start, 7228);
	CHECK_EQ(nes->cpu.cycles - start - 1 - reads, 17 * 4); /* the stolen cycles */
	CHECK_EQ(nes_bus_read(nes, 0x4015) & 0x90, 0x80);
	free(nes);
	free(image);
}

TEST(nes_apu_pulse_pitch)
{
	size_t size;
	uint8_t *image = make_rom(0, 1, 1, &size);
	struct nes *nes = boot(image, size);
	static int16_t samples[NES_AUDIO_RATE / 2];
	size_t count = 0;
	int crossings = 0;

	/* 440 Hz: CPU clock / (16 * (period + 1)), period 253 */
	nes_bus_write(nes, 0x4015, 0x01);
	nes_bus_write(nes, 0x4000, 0xbf); /* duty 50%, constant volume 15 */
	nes_bus_write(nes, 0x4002, 253);
	nes_bus_write(nes, 0x4003, 0x08);
	while (count < sizeof(samples) / sizeof(*samples)) {
		nes_run_frame(nes);
		count += nes_audio_take(nes, samples + count,
					sizeof(samples) / sizeof(*samples) - count);
	}
	int16_t low = 32767, high = -32768;
	for (size_t i = 0; i < count; i++) {
		low = samples[i] < low ? samples[i] : low;
		high = samples[i] > high ? samples[i] : high;
	}
	int middle = (low + high) / 2;
	for (size_t i = 1; i < count; i++)
		crossings += samples[i - 1] < middle && samples[i] >= middle;
	CHECK(high - low > 1000); /* not silent */
	/* half a second of 440 Hz: 220 rising edges */
	CHECK(crossings >= 218 && crossings <= 222);
	free(nes);
	free(image);
}
