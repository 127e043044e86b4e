// SPDX-License-Identifier: MIT
/* A toolkit program on the screen (app.c): /dev/fb0 mapped, every /dev/input/eventN device
 * opened and grabbed (so keys do not also reach the console), the built-in font, a context
 * and a renderer whose canvas is the back buffer. A frame waits for input (or a timeout),
 * builds the widgets, draws what changed and copies only that to the framebuffer.
 * Used by the desktop (desktop.c) and the physics demo (physics.c). */
#ifndef YOLK_GUI_APP_H
#define YOLK_GUI_APP_H

#include <stdbool.h>
#include <stdio.h>

#include "evdev_input.h"
#include "gui.h"
#include "render.h"

#define GUI_MAX_INPUTS 8

/* Where a command's streams and Ctrl-C come from (a shell's command, or a program's main). */
struct gui_io {
	FILE *out, *err;
	bool (*interrupted)(void); /* NULL: never */
};

struct gui_app {
	int framebuffer;
	unsigned char *memory;
	size_t memory_size;
	int width, height, pitch, bytes_per_pixel;
	int red_shift, green_shift, blue_shift, red_bits, green_bits, blue_bits;
	int inputs[GUI_MAX_INPUTS];
	struct gui_axes axes[GUI_MAX_INPUTS];
	int input_count;
	struct gui_evdev evdev;
	struct gui_font font;
	struct gui *gui;
	struct gui_renderer *renderer;
	const struct gui_io *io;
	double frame_seconds; /* the last frame's time from its input to its pixels */
	double input_time;
	bool overflow_told;
};

/* 0, or -1 with a line on io->err saying why (no /dev/fb0: "use yolk run --gui"). */
int gui_app_open(struct gui_app *app, const struct gui_io *io, float font_height);
void gui_app_close(struct gui_app *app);

/* Waits up to TIMEOUT_MS for input (0: none, -1: forever), feeds it, and begins a frame. */
void gui_app_begin_frame(struct gui_app *app, int timeout_ms);
/* Ends the frame: draws what changed and copies it to the screen. */
void gui_app_end_frame(struct gui_app *app);

/* Seconds from a monotonic clock. */
double gui_app_now(void);

#endif
