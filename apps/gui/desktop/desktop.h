// SPDX-License-Identifier: MIT
/* The `gui` command: a desktop of windows (desktop.c) with a launcher for the demos, each a
 * window of its own with its state in struct desktop: the widget overview (overview.c), a
 * calculator (calculator.c), a text editor that opens and saves files (editor.c), a clock
 * (clock.c), a system monitor over /proc (monitor.c) and the Planet physics demo. */
#ifndef YOLK_GUI_DESKTOP_H
#define YOLK_GUI_DESKTOP_H

#include "../app.h"
#include "../gui.h"
#include "../physics/planet.h"

#define DESKTOP_EDITOR_BYTES 16384

struct overview_state {
	int clicks, radio, combo, selected;
	bool checked;
	float slider;
	char field[64], notes[512];
};

struct calculator_state {
	char display[32];
	double accumulator;
	char operation; /* + - * / or 0 */
	bool fresh;	/* the next digit starts a new number */
};

struct editor_state {
	char path[128], status[256];
	char text[DESKTOP_EDITOR_BYTES];
};

struct monitor_state {
	double last_sample;
	unsigned long long last_busy, last_total;
	float cpu;
	long threads;
	unsigned long long memory_total_kib, memory_free_kib, received, sent;
	bool network;
};

struct desktop {
	struct gui_app app;
	struct overview_state overview;
	struct calculator_state calculator;
	struct editor_state editor;
	struct monitor_state monitor;
	struct planet *planet;
	bool quit;
};

void overview_window(struct gui *gui, struct overview_state *state);
void calculator_window(struct gui *gui, struct calculator_state *state);
void calculator_press(struct calculator_state *state, const char *key); /* pure: unit tests */
void editor_window(struct gui *gui, struct editor_state *state);
int editor_open(struct editor_state *state, const char *path); /* 0 or -errno */
int editor_save(struct editor_state *state, const char *path); /* 0 or -errno */
void clock_window(struct gui *gui);
void monitor_window(struct gui *gui, struct monitor_state *state);

/* argv as for a program named gui; returns its exit status. */
int gui_desktop_main(int argc, char **argv, const struct gui_io *io);

#endif
