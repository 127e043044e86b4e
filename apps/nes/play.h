// SPDX-License-Identifier: MIT
/* Playing a ROM on the screen (apps/nes/play.c): the options the `nes` command passes, and the
 * parts of the front end it is made of, each a module of its own: the picture on the
 * framebuffer (screen.c), the keyboards (controls.c), the sound (sound.c). Everything is in
 * caller-owned structs: no process-wide state. The pure parts (the picture's layout, the key
 * map and controller state, the resampler, the high-pass filter) are unit-tested on the host
 * (tests/unit/test_nes_front_end.c). */
#ifndef YOLK_NES_PLAY_H
#define YOLK_NES_PLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/nes.h"
#include "headless.h"

#define NES_FRAME_RATE 60.0988 /* NTSC: 21.477272 MHz / 4 / 341 / 262 (less the odd dot) */

struct nes_play_options {
	const char *rom;
	unsigned scale; /* 0: the largest that fits */
	bool wide;	/* 8:7 pixels (the NTSC television's aspect) instead of square ones */
	bool fps;	/* the counter on the screen, a summary at the end */
	bool no_pacing; /* as fast as it goes, every frame drawn (for benchmarks) */
	bool mute;	/* no /dev/dsp */
	bool hold;	/* at --frames N: keep the picture until Esc */
	long frames;	/* stop after N frames; -1: until Esc */
};

/* ---- screen.c: the picture on /dev/fb0 ---- */

/* Where the picture goes on a screen of width x height: `scale` (0 picks the largest that
 * fits), each NES pixel scale x scale, or (wide) 8/7 as wide as tall, centred (letterbox).
 * 0, or -1 when it does not fit (then `error` says why). Pure: unit-tested. */
struct nes_layout {
	unsigned scale, width, height, left, top;
	uint16_t column_source[NES_WIDTH * 8 * 8 / 7 + 1]; /* per output column, its NES x */
};
int nes_layout_compute(struct nes_layout *layout, unsigned screen_width, unsigned screen_height,
		       unsigned scale, bool wide, char *error, size_t error_size);

struct nes_screen {
	int fd;
	uint8_t *mapping, *memory; /* the mapping; the visible screen in it */
	size_t memory_size;
	unsigned width, height, pitch, bytes_per_pixel;
	uint32_t colours[64]; /* each palette index in the screen's pixel format */
	struct nes_layout layout;
	uint8_t *row; /* one output row, built once and copied `scale` times */
	uint8_t shown[NES_WIDTH * NES_HEIGHT]; /* the picture on the screen: unchanged rows are
						  not drawn again; 0xff marks a row to redraw */
};
/* Opens /dev/fb0, lays the picture out, clears the screen. 0, or 1 with the reason on err. */
int nes_screen_open(struct nes_screen *screen, const struct nes_play_options *options, FILE *err);
void nes_screen_draw(struct nes_screen *screen, const uint8_t *pixels);
/* Text (digits, '.', ' ' and the letters of "FPS SKIP") at the picture's top left, over it. */
void nes_screen_draw_text(struct nes_screen *screen, const char *text);
void nes_screen_close(struct nes_screen *screen);

/* ---- controls.c: keyboards on /dev/input/eventN ---- */

enum nes_key_action {
	NES_KEY_NONE,
	NES_KEY_BUTTON, /* a controller's button: player (0, 1) and button */
	NES_KEY_QUIT,
	NES_KEY_RESET,
};
/* What a Linux key code does. Pure: unit-tested. */
enum nes_key_action nes_key_lookup(unsigned code, unsigned *player, uint8_t *button);

#define NES_MAX_KEYBOARDS 8
#define NES_KEY_CODES	  0x300 /* Linux's KEY_CNT */

struct nes_controls {
	int fds[NES_MAX_KEYBOARDS];
	unsigned count;
	uint8_t down[NES_KEY_CODES / 8];    /* keys held now */
	uint8_t pressed[NES_KEY_CODES / 8]; /* keys pressed since the last poll: a tap shorter
					       than a frame still reaches the controller */
	bool quit, reset;		    /* pressed since the last nes_controls_poll */
};
/* Opens (and grabs, so the console does not see the keys) every keyboard. Returns how many. */
unsigned nes_controls_open(struct nes_controls *controls);
/* Reads what came and sets the two controllers' buttons from the keys held. */
void nes_controls_poll(struct nes_controls *controls, struct nes *nes);
/* Takes one key event (value 1 pressed, 0 released, 2 repeated). */
void nes_controls_key(struct nes_controls *controls, unsigned code, int value);
void nes_controls_buttons(const struct nes_controls *controls, uint8_t buttons[2]);
void nes_controls_close(struct nes_controls *controls);

/* ---- sound.c: the APU on /dev/dsp ---- */

/* Linear interpolation from one rate to another, a stream at a time. Pure: unit-tested. */
struct nes_resampler {
	uint32_t from, to;
	uint64_t phase; /* position between `last` and the next input, in 1/to units of input */
	int16_t last;
};
void nes_resampler_init(struct nes_resampler *resampler, uint32_t from, uint32_t to);
/* Converts `count` input samples; returns how many outputs (at most max) it wrote. */
size_t nes_resample(struct nes_resampler *resampler, const int16_t *in, size_t count, int16_t *out,
		    size_t max);

/* The NES's output stage as far as it matters here: a first-order high-pass at 90 Hz, which
 * takes away the mixer's DC level (silence is 0, not -32767). Pure: unit-tested. */
struct nes_high_pass {
	float previous_in, previous_out;
};
void nes_high_pass(struct nes_high_pass *filter, int16_t *samples, size_t count);

struct nes_sound {
	int fd; /* -1: no sound */
	uint32_t rate;
	struct nes_high_pass high_pass;
	struct nes_resampler resampler;
	uint64_t dropped; /* samples the device had no room for */
};
/* Opens /dev/dsp for 16-bit mono at the APU's rate (or the nearest the device has). */
int nes_sound_open(struct nes_sound *sound, FILE *err);
/* Takes the frame's samples from the APU, filters and resamples them and gives them to the
 * device without blocking. */
void nes_sound_feed(struct nes_sound *sound, struct nes *nes);
void nes_sound_close(struct nes_sound *sound);

/* ---- play.c ---- */

/* Plays a powered-on console until Esc (or Ctrl-C, or the frames): the exit status. */
int nes_play(struct nes *nes, const struct nes_play_options *options, const struct nes_io *io);

#endif
