// SPDX-License-Identifier: MIT
/* The NES core (apps/nes/core) against the standard test ROMs in NES_DATA (default
 * ../shared/data/nes; SOURCES.md there says where each comes from), on the host, built -O2:
 *  - nestest from $C000, every line of nestest.log: PC, A, X, Y, P, SP, PPU dot and CPU cycle;
 *  - blargg's ROMs with the $6000 protocol (instr_test, ppu_vbl_nmi): result code 0;
 *  - blargg's 2005 ROMs that predate it: their result byte ($F0 for the ppu_tests, $F8 for the
 *    sprite hit tests, 1 = passed) and the text they print, read from the nametable; the sprite
 *    hit tests also by an FNV-1a hash of the frame they leave on screen;
 *  - cpu_timing_test6 three times (official, +NOPs with A held, +all unofficial with B held),
 *    by the PASSED it prints;
 *  - the homebrew ROMs: a hash of their frame 600.
 * The hashes were taken from this core once its frames had been looked at (the "PASSED"
 * screens, the Sprite Cans and nes15 title screens as their authors show them); they guard the
 * renderer against regressions. Prints one PASS/FAIL line per ROM and "N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/nes/core/nes.h"

#define SPRITECANS_FRAME_600 0x77a4e4e325a92630ull
#define NES15_FRAME_600	     0xfe64f4225a939a73ull

struct runner {
	const char *data;
	int passed, failed, skipped;
	struct nes nes;
	uint8_t image[1 << 20];
};

static void report(struct runner *r, bool ok, const char *name, const char *detail)
{
	printf("%s %s%s%s\n", ok ? "PASS" : "FAIL", name, detail[0] ? ": " : "", detail);
	if (ok)
		r->passed++;
	else
		r->failed++;
}

static bool load(struct runner *r, const char *name, uint8_t buttons)
{
	char path[512];
	struct nes_cartridge cart;
	snprintf(path, sizeof(path), "%s/%s", r->data, name);
	FILE *file = fopen(path, "rb");
	if (!file) {
		printf("SKIP %s: not in %s\n", name, r->data);
		r->skipped++;
		return false;
	}
	size_t size = fread(r->image, 1, sizeof(r->image), file);
	fclose(file);
	int error = nes_parse_rom(&cart, r->image, size);
	if (!error)
		error = nes_power_on(&r->nes, &cart);
	if (error) {
		report(r, false, name, nes_load_error_string(error));
		return false;
	}
	r->nes.controller_state[0] = buttons;
	return true;
}

static uint64_t frame_hash(const struct nes *nes)
{
	uint64_t hash = 0xcbf29ce484222325ull;
	for (int i = 0; i < NES_WIDTH * NES_HEIGHT; i++)
		hash = (hash ^ nes->ppu.pixels[i]) * 0x100000001b3ull;
	return hash;
}

/* The first 30 rows of nametable 0 as text (the test ROMs' tiles are ASCII). */
static bool screen_says(const struct nes *nes, const char *word)
{
	char text[30 * 33 + 1];
	int n = 0;
	for (int row = 0; row < 30; row++) {
		for (int col = 0; col < 32; col++) {
			uint8_t c = nes->ppu.vram[row * 32 + col];
			text[n++] = c >= 32 && c < 127 ? c : '.';
		}
		text[n++] = '|';
	}
	text[n] = 0;
	return strstr(text, word);
}

static void test_nestest(struct runner *r)
{
	char path[512], expected[256], actual[128], detail[512];
	int line = 0;
	if (!load(r, "cpu/nestest.nes", 0))
		return;
	snprintf(path, sizeof(path), "%s/cpu/nestest.log", r->data);
	FILE *log = fopen(path, "r");
	if (!log) {
		printf("SKIP nestest.log: not in %s\n", r->data);
		r->skipped++;
		return;
	}
	r->nes.cpu.pc = 0xc000;
	detail[0] = 0;
	while (fgets(expected, sizeof(expected), log)) {
		expected[strcspn(expected, "\r\n")] = 0;
		line++;
		nes_trace_line(&r->nes, actual, sizeof(actual));
		/* PC (columns 0-3) and the registers, PPU position and cycle (from column 48) */
		if (strncmp(actual, expected, 4) || strcmp(actual + 48, expected + 48)) {
			snprintf(detail, sizeof(detail), "line %d:\n  got  %s\n  want %s", line,
				 actual, expected);
			break;
		}
		nes_step(&r->nes);
	}
	fclose(log);
	if (!detail[0] && line != 8991)
		snprintf(detail, sizeof(detail), "nestest.log has %d lines, not 8991", line);
	if (!detail[0])
		snprintf(detail, sizeof(detail), "all %d lines", line);
	report(r, line == 8991 && strncmp(detail, "line", 4), "cpu/nestest.nes", detail);
}

/* blargg's protocol: $6000 is $80 while running, $81 asking for a reset, else the result. */
static void test_protocol_rom(struct runner *r, const char *name)
{
	char detail[256];
	int reset_at = -1;
	if (!load(r, name, 0))
		return;
	const uint8_t *ram = r->nes.prg_ram;
	for (int frame = 0; frame < 3600; frame++) {
		nes_run_frame(&r->nes);
		if (ram[1] != 0xde || ram[2] != 0xb0 || ram[3] != 0x61)
			continue;
		if (ram[0] == 0x81 && reset_at < 0)
			reset_at = frame + 6;
		if (frame == reset_at) {
			nes_reset(&r->nes);
			reset_at = -1;
		}
		if (ram[0] < 0x80) {
			snprintf(detail, sizeof(detail), "result %d after %d frames%s%.*s", ram[0],
				 frame + 1, ram[0] ? ", says: " : "", ram[0] ? 120 : 0,
				 (const char *)ram + 4);
			for (char *c = detail; *c; c++)
				if (*c == '\n')
					*c = ' ';
			report(r, ram[0] == 0, name, detail);
			return;
		}
	}
	report(r, false, name, "no result within 3600 frames");
}

/* The 2005 ROMs: a result byte in zero page, 1 = passed, and the result on screen. */
static void test_result_byte_rom(struct runner *r, const char *name, uint16_t address,
				 const char *pass_text, uint64_t hash)
{
	char detail[128];
	if (!load(r, name, 0))
		return;
	for (int frame = 0; frame < 240; frame++)
		nes_run_frame(&r->nes);
	uint8_t result = r->nes.cpu.ram[address];
	uint64_t got = frame_hash(&r->nes);
	bool ok = result == 1 && screen_says(&r->nes, pass_text) && (!hash || got == hash);
	snprintf(detail, sizeof(detail), "result byte $%02X = %d, frame hash %016llx%s", address,
		 result, (unsigned long long)got, hash && got != hash ? " (expected another)" : "");
	report(r, ok, name, detail);
}

static void test_cpu_timing(struct runner *r, uint8_t buttons, const char *mode)
{
	char name[96];
	snprintf(name, sizeof(name), "cpu/cpu_timing_test.nes (%s)", mode);
	if (!load(r, "cpu/cpu_timing_test.nes", buttons))
		return;
	/* it takes 16 seconds of NES time */
	for (int frame = 0; frame < 1100; frame++)
		nes_run_frame(&r->nes);
	bool ok = screen_says(&r->nes, "PASSED");
	report(r, ok, name, ok ? "PASSED on screen" : "no PASSED on screen after 1100 frames");
}

static void test_homebrew(struct runner *r, const char *name, uint64_t hash)
{
	char detail[96];
	if (!load(r, name, 0))
		return;
	for (int frame = 0; frame < 600; frame++)
		nes_run_frame(&r->nes);
	uint64_t got = frame_hash(&r->nes);
	snprintf(detail, sizeof(detail), "frame 600 hash %016llx", (unsigned long long)got);
	report(r, got == hash, name, detail);
}

int main(int argc, char **argv)
{
	static struct runner r;
	static const char *protocol_roms[] = {
	    "cpu/instr_01-basics.nes",	      "cpu/instr_02-implied.nes",
	    "cpu/instr_03-immediate.nes",     "cpu/instr_04-zero_page.nes",
	    "cpu/instr_05-zp_xy.nes",	      "cpu/instr_06-absolute.nes",
	    "cpu/instr_07-abs_xy.nes",	      "cpu/instr_08-ind_x.nes",
	    "cpu/instr_09-ind_y.nes",	      "cpu/instr_10-branches.nes",
	    "cpu/instr_11-stack.nes",	      "cpu/instr_12-jmp_jsr.nes",
	    "cpu/instr_13-rts.nes",	      "cpu/instr_14-rti.nes",
	    "cpu/instr_15-brk.nes",	      "cpu/instr_16-special.nes",
	    "ppu/vbl_01-vbl_basics.nes",      "ppu/vbl_02-vbl_set_time.nes",
	    "ppu/vbl_03-vbl_clear_time.nes",  "ppu/vbl_04-nmi_control.nes",
	    "ppu/vbl_05-nmi_timing.nes",      "ppu/vbl_06-suppression.nes",
	    "ppu/vbl_07-nmi_on_timing.nes",   "ppu/vbl_08-nmi_off_timing.nes",
	    "ppu/vbl_09-even_odd_frames.nes", "ppu/vbl_10-even_odd_timing.nes",
	};
	static const char *ppu_2005_roms[] = {
	    "ppu/blargg_palette_ram.nes", "ppu/blargg_power_up_palette.nes",
	    "ppu/blargg_sprite_ram.nes",  "ppu/blargg_vbl_clear_time.nes",
	    "ppu/blargg_vram_access.nes",
	};
	static const struct {
		const char *name;
		uint64_t hash;
	} sprite_hit_roms[] = {
	    {"ppu/spritehit_01.basics.nes", 0x8de27dda7443722aull},
	    {"ppu/spritehit_02.alignment.nes", 0xc9580f291bcdb87bull},
	    {"ppu/spritehit_03.corners.nes", 0x8cba59b0fa181719ull},
	    {"ppu/spritehit_04.flip.nes", 0x2596a147e6b1ef09ull},
	    {"ppu/spritehit_05.left_clip.nes", 0x08f2b4e8b2edf099ull},
	    {"ppu/spritehit_06.right_edge.nes", 0x9517b81e2aca0775ull},
	    {"ppu/spritehit_07.screen_bottom.nes", 0x530547a98d2877ccull},
	    {"ppu/spritehit_08.double_height.nes", 0x9d14e2fe7b8438a3ull},
	    {"ppu/spritehit_09.timing_basics.nes", 0x1ca945beb10eb7dcull},
	    {"ppu/spritehit_10.timing_order.nes", 0x0553db1997ad69beull},
	    {"ppu/spritehit_11.edge_timing.nes", 0xfe22677cd7f66526ull},
	};

	r.data = argc > 1 ? argv[1] : "../shared/data/nes";
	test_nestest(&r);
	for (size_t i = 0; i < sizeof(protocol_roms) / sizeof(*protocol_roms); i++)
		test_protocol_rom(&r, protocol_roms[i]);
	for (size_t i = 0; i < sizeof(ppu_2005_roms) / sizeof(*ppu_2005_roms); i++)
		test_result_byte_rom(&r, ppu_2005_roms[i], 0xf0, "$01", 0);
	for (size_t i = 0; i < sizeof(sprite_hit_roms) / sizeof(*sprite_hit_roms); i++)
		test_result_byte_rom(&r, sprite_hit_roms[i].name, 0xf8, "PASSED",
				     sprite_hit_roms[i].hash);
	test_cpu_timing(&r, 0, "official");
	test_cpu_timing(&r, NES_BUTTON_A, "official + NOPs, A held");
	test_cpu_timing(&r, NES_BUTTON_B, "official + unofficial, B held");
	test_homebrew(&r, "homebrew/spritecans.nes", SPRITECANS_FRAME_600);
	test_homebrew(&r, "homebrew/nes15.nes", NES15_FRAME_600);
	printf("%d passed, %d failed", r.passed, r.failed);
	if (r.skipped)
		printf(", %d skipped", r.skipped);
	printf("\n");
	return r.failed || (!r.passed && !r.skipped) ? 1 : 0;
}
