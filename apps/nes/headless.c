// SPDX-License-Identifier: MIT
/* The `nes` command over the core (apps/nes/core): its options, and its headless modes: --test
 * runs a ROM that reports through blargg's $6000 protocol, --cpu-log writes a nestest-format
 * trace, --frames with --screenshot renders to a PPM file. Without them it plays the ROM on the
 * screen (apps/nes/play.c). Its callers: ysh's `nes` command
 * (apps/shell/commands/nes.c) and the stand-alone program (apps/nes/main.c). No global state:
 * everything lives in a struct nes_session on the heap. */
#include "headless.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/nes.h"
#include "play.h"

#define DEFAULT_TEST_FRAMES 3600 /* a minute of emulated time */
#define RESET_DELAY_FRAMES  6	 /* blargg's ROMs ask for a reset to come after 100 ms */
#define EXIT_NO_RESULT	    124

struct nes_options {
	const char *rom;
	const char *cpu_log;
	const char *screenshot;
	bool test;
	long frames;	   /* -1: the mode's default */
	long instructions; /* -1: no limit */
	long start;	   /* -1: the reset vector */
	struct nes_play_options play;
};

struct nes_session {
	struct nes nes;
	struct nes_options options;
	struct nes_io io;
	uint8_t *image;
	FILE *log;
	long instructions_left;
};

static const char usage[] =
    "usage: nes --test [--frames N] ROM\n"
    "       nes --cpu-log FILE [--start ADDR] [--instructions N] [--frames N] ROM\n"
    "       nes --frames N --screenshot FILE.ppm ROM\n"
    "Runs an NES ROM (iNES or NES 2.0; mappers 0, 1, 2, 3, 4, 7) headless:\n"
    "  --test            run until the ROM reports through blargg's protocol ($6000 status,\n"
    "                    $DE $B0 $61 at $6001, text at $6004), print its text and exit with\n"
    "                    its result code (0 = passed); 124 if it gave none within the frames\n"
    "                    (default 3600)\n"
    "  --cpu-log FILE    write a nestest-format line per instruction to FILE\n"
    "  --start ADDR      start at ADDR (hex, e.g. C000) instead of the reset vector\n"
    "  --instructions N  stop after N instructions\n"
    "  --frames N        stop after N frames (60.1 a second)\n"
    "  --screenshot FILE write the last frame as a binary PPM (256x240)\n"
    "Battery-backed RAM is read from and written to ROM.sav.\n"
    "\n"
    "usage: nes [--scale N] [--aspect 8:7] [--fps] [--mute] [--frames N [--hold]]\n"
    "           [--no-pacing] ROM\n"
    "Plays the ROM on the screen (/dev/fb0: yolk run --gui), sound on /dev/dsp (--audio):\n"
    "  --scale N         each NES pixel N x N (1-8; default: the largest that fits)\n"
    "  --aspect 8:7      pixels 8/7 as wide as tall, as on a television (default 1:1)\n"
    "  --fps             frames a second and frames skipped on the screen, a summary at the end\n"
    "  --mute            no sound\n"
    "  --frames N        stop after N frames; --hold keeps the picture until Esc\n"
    "  --no-pacing       as fast as it goes, every frame drawn (benchmarks)\n"
    "Keys: arrows or W/A/S/D, Z or K = B, X or J = A, Enter = Start, Space or Shift =\n"
    "Select; player 2 on the keypad: 8 4 5 6 (2) directions, 1 = B, 3 = A, 0 = Select,\n"
    "Enter = Start. Esc quits, F1 resets.\n";

static bool parse_number(const char *text, int base, long *value)
{
	char *end;
	errno = 0;
	*value = strtol(text, &end, base);
	return text[0] && !*end && !errno && *value >= 0;
}

static bool playing(const struct nes_options *o)
{
	return !o->test && !o->cpu_log && !o->screenshot;
}

/* Returns 0, or the exit status for a usage error (already reported). */
static int parse_options(int argc, char **argv, struct nes_options *o, FILE *err)
{
	*o = (struct nes_options){.frames = -1, .instructions = -1, .start = -1};
	long scale;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *value = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes_value = !strcmp(arg, "--frames") || !strcmp(arg, "--cpu-log") ||
				   !strcmp(arg, "--start") || !strcmp(arg, "--screenshot") ||
				   !strcmp(arg, "--instructions") || !strcmp(arg, "--scale") ||
				   !strcmp(arg, "--aspect");
		if (takes_value && !value) {
			fprintf(err, "nes: %s needs a value\n%s", arg, usage);
			return 2;
		}
		if (!strcmp(arg, "--test"))
			o->test = true;
		else if (!strcmp(arg, "--fps"))
			o->play.fps = true;
		else if (!strcmp(arg, "--mute"))
			o->play.mute = true;
		else if (!strcmp(arg, "--hold"))
			o->play.hold = true;
		else if (!strcmp(arg, "--no-pacing"))
			o->play.no_pacing = true;
		else if (!strcmp(arg, "--scale")) {
			if (!parse_number(argv[++i], 10, &scale) || scale < 1 || scale > 8) {
				fprintf(err, "nes: bad value for --scale: '%s' (1 to 8)\n",
					argv[i]);
				return 2;
			}
			o->play.scale = (unsigned)scale;
		} else if (!strcmp(arg, "--aspect")) {
			if (strcmp(argv[++i], "8:7") && strcmp(argv[i], "1:1")) {
				fprintf(err, "nes: bad value for --aspect: '%s' (8:7 or 1:1)\n",
					argv[i]);
				return 2;
			}
			o->play.wide = !strcmp(argv[i], "8:7");
		} else if (!strcmp(arg, "--cpu-log"))
			o->cpu_log = argv[++i];
		else if (!strcmp(arg, "--screenshot"))
			o->screenshot = argv[++i];
		else if ((!strcmp(arg, "--frames") && !parse_number(argv[++i], 10, &o->frames)) ||
			 (!strcmp(arg, "--instructions") &&
			  !parse_number(argv[++i], 10, &o->instructions)) ||
			 (!strcmp(arg, "--start") &&
			  (!parse_number(argv[++i], 16, &o->start) || o->start > 0xffff))) {
			fprintf(err, "nes: bad value for %s: '%s'\n", arg, argv[i]);
			return 2;
		} else if (takes_value)
			continue;
		else if (arg[0] == '-' && arg[1]) {
			fprintf(err, "nes: unknown option '%s'\n%s", arg, usage);
			return 2;
		} else if (o->rom) {
			fprintf(err, "nes: one ROM at a time ('%s' and '%s')\n", o->rom, arg);
			return 2;
		} else
			o->rom = arg;
	}
	if (!o->rom) {
		fprintf(err, "nes: no ROM given\n%s", usage);
		return 2;
	}
	if (o->play.hold && o->frames < 0) {
		fprintf(err, "nes: --hold needs --frames N\n");
		return 2;
	}
	if (o->screenshot && o->frames < 0 && !o->test) {
		fprintf(err, "nes: --screenshot needs --frames N\n");
		return 2;
	}
	return 0;
}

static uint8_t *read_file(const char *path, size_t *size, FILE *err)
{
	FILE *file = fopen(path, "rb");
	uint8_t *data = NULL;
	long length;

	if (!file) {
		fprintf(err, "nes: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fseek(file, 0, SEEK_END) || (length = ftell(file)) < 0 || fseek(file, 0, SEEK_SET)) {
		fprintf(err, "nes: %s: cannot find its size: %s\n", path, strerror(errno));
		goto err_close;
	}
	if (length > 16 << 20) {
		fprintf(err, "nes: %s: too large for a ROM image (%ld bytes)\n", path, length);
		goto err_close;
	}
	data = malloc(length ? (size_t)length : 1);
	if (!data || fread(data, 1, (size_t)length, file) != (size_t)length) {
		fprintf(err, "nes: %s: %s\n", path, data ? "read failed" : "out of memory");
		free(data);
		data = NULL;
		goto err_close;
	}
	*size = (size_t)length;
err_close:
	fclose(file);
	return data;
}

static void battery_path(const char *rom, char *path, size_t size)
{
	snprintf(path, size, "%s.sav", rom);
}

static void load_battery(struct nes_session *s)
{
	size_t size;
	uint8_t *ram = nes_battery_ram(&s->nes, &size);
	char path[4096];
	if (!size)
		return;
	battery_path(s->options.rom, path, sizeof(path));
	FILE *file = fopen(path, "rb");
	if (!file)
		return;
	if (fread(ram, 1, size, file) != size)
		fprintf(s->io.err, "nes: %s: shorter than the %zu bytes of RAM; rest left zero\n",
			path, size);
	fclose(file);
}

static int save_battery(struct nes_session *s)
{
	size_t size;
	uint8_t *ram = nes_battery_ram(&s->nes, &size);
	char path[4096];
	if (!size)
		return 0;
	battery_path(s->options.rom, path, sizeof(path));
	FILE *file = fopen(path, "wb");
	if (!file || fwrite(ram, 1, size, file) != size || fclose(file)) {
		fprintf(s->io.err, "nes: cannot save battery RAM to %s: %s\n", path,
			strerror(errno));
		return 1;
	}
	return 0;
}

static void trace_instruction(struct nes *nes, void *context)
{
	struct nes_session *s = context;
	char line[128];
	if (s->instructions_left == 0)
		return;
	nes_trace_line(nes, line, sizeof(line));
	fprintf(s->log, "%s\n", line);
	if (s->instructions_left > 0)
		s->instructions_left--;
}

static int write_screenshot(struct nes_session *s)
{
	FILE *file = fopen(s->options.screenshot, "wb");
	if (!file) {
		fprintf(s->io.err, "nes: %s: %s\n", s->options.screenshot, strerror(errno));
		return 1;
	}
	fprintf(file, "P6\n%d %d\n255\n", NES_WIDTH, NES_HEIGHT);
	for (int i = 0; i < NES_WIDTH * NES_HEIGHT; i++) {
		uint32_t rgb = nes_palette_rgb(s->nes.ppu.pixels[i]);
		fputc(rgb >> 16, file);
		fputc((rgb >> 8) & 0xff, file);
		fputc(rgb & 0xff, file);
	}
	if (ferror(file) | fclose(file)) {
		fprintf(s->io.err, "nes: %s: write failed\n", s->options.screenshot);
		return 1;
	}
	return 0;
}

static bool has_signature(const struct nes *nes)
{
	return nes->prg_ram[1] == 0xde && nes->prg_ram[2] == 0xb0 && nes->prg_ram[3] == 0x61;
}

static bool stopped(struct nes_session *s)
{
	return (s->io.interrupted && s->io.interrupted()) || s->instructions_left == 0;
}

/* Frames until the ROM's status byte says done; -1 if it never did. */
static int run_test(struct nes_session *s)
{
	long limit = s->options.frames >= 0 ? s->options.frames : DEFAULT_TEST_FRAMES;
	long reset_at = -1;

	for (long frame = 0; frame < limit && !stopped(s); frame++) {
		nes_run_frame(&s->nes);
		if (!has_signature(&s->nes))
			continue;
		uint8_t status = s->nes.prg_ram[0];
		if (status == 0x81 && reset_at < 0)
			reset_at = frame + RESET_DELAY_FRAMES;
		if (frame == reset_at) {
			nes_reset(&s->nes);
			reset_at = -1;
		}
		if (status < 0x80) {
			const char *text = (const char *)&s->nes.prg_ram[4];
			fprintf(s->io.out, "%.*s", (int)strnlen(text, NES_PRG_RAM_SIZE - 4), text);
			return status;
		}
	}
	fprintf(s->io.err, "nes: %s: no result through $6000 within %ld frames\n", s->options.rom,
		limit);
	return EXIT_NO_RESULT;
}

static int run_frames(struct nes_session *s)
{
	long limit = s->options.frames >= 0 ? s->options.frames : 60;
	for (long frame = 0; frame < limit && !stopped(s); frame++)
		nes_run_frame(&s->nes);
	if (s->options.instructions > 0 && s->instructions_left > 0)
		fprintf(s->io.err, "nes: stopped after %ld frames, before %ld instructions\n",
			limit, s->options.instructions);
	return 0;
}

static int run_session(struct nes_session *s)
{
	struct nes_cartridge cart;
	size_t size;
	int status;

	s->image = read_file(s->options.rom, &size, s->io.err);
	if (!s->image)
		return 1;
	int error = nes_parse_rom(&cart, s->image, size);
	if (!error)
		error = nes_power_on(&s->nes, &cart);
	if (error) {
		fprintf(s->io.err, "nes: %s: %s\n", s->options.rom, nes_load_error_string(error));
		return 1;
	}
	load_battery(s);
	if (s->options.start >= 0)
		s->nes.cpu.pc = (uint16_t)s->options.start;
	s->instructions_left = s->options.instructions;
	if (s->options.cpu_log) {
		s->log = fopen(s->options.cpu_log, "w");
		if (!s->log) {
			fprintf(s->io.err, "nes: %s: %s\n", s->options.cpu_log, strerror(errno));
			return 1;
		}
		s->nes.trace = trace_instruction;
		s->nes.trace_context = s;
	}
	if (playing(&s->options)) {
		s->options.play.rom = s->options.rom;
		s->options.play.frames = s->options.frames;
		status = nes_play(&s->nes, &s->options.play, &s->io);
	} else
		status = s->options.test ? run_test(s) : run_frames(s);
	if (s->log && (ferror(s->log) | fclose(s->log))) {
		fprintf(s->io.err, "nes: %s: write failed\n", s->options.cpu_log);
		status = status ? status : 1;
	}
	if (s->options.screenshot && write_screenshot(s) && !status)
		status = 1;
	if (save_battery(s) && !status)
		status = 1;
	return status;
}

int nes_command_main(int argc, char **argv, const struct nes_io *io)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, io->out);
			return 0;
		}
	struct nes_session *s = calloc(1, sizeof(*s));
	if (!s) {
		fprintf(io->err, "nes: out of memory\n");
		return 1;
	}
	s->io = *io;
	int status = parse_options(argc, argv, &s->options, io->err);
	if (!status)
		status = run_session(s);
	free(s->image);
	free(s);
	return status;
}
