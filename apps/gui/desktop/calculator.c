// SPDX-License-Identifier: MIT
/* The calculator window: digits, the four operations, = and C, evaluated left to right as a
 * pocket calculator does. calculator_press is pure (unit-tested). */
#include "desktop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double apply(double left, char operation, double right)
{
	switch (operation) {
	case '+':
		return left + right;
	case '-':
		return left - right;
	case '*':
		return left * right;
	case '/':
		return left / right; /* 1/0 shows inf, as a calculator shows an error */
	default:
		return right;
	}
}

static void show(struct calculator_state *state, double value)
{
	snprintf(state->display, sizeof(state->display), "%.12g", value);
}

void calculator_press(struct calculator_state *state, const char *key)
{
	size_t length = strlen(state->display);

	if (!state->display[0] || !strcmp(key, "C")) {
		*state = (struct calculator_state){.fresh = true};
		strcpy(state->display, "0");
		if (!strcmp(key, "C"))
			return;
		length = 1;
	}
	if ((key[0] >= '0' && key[0] <= '9') || key[0] == '.') {
		if (key[0] == '.' && !state->fresh && strchr(state->display, '.'))
			return;
		if (state->fresh || !strcmp(state->display, "0")) {
			strcpy(state->display, key[0] == '.' ? "0." : key);
			state->fresh = false;
		} else if (length + 1 < sizeof(state->display)) {
			state->display[length] = key[0];
			state->display[length + 1] = 0;
		}
		return;
	}
	double value = strtod(state->display, NULL);
	if (!state->fresh || state->operation == 0)
		state->accumulator = apply(state->accumulator, state->operation, value);
	show(state, state->accumulator);
	state->operation = key[0] == '=' ? 0 : key[0];
	state->fresh = true;
}

void calculator_window(struct gui *gui, struct calculator_state *state)
{
	static const char *const keys[] = {"7", "8", "9", "/", "4", "5", "6", "*",
					   "1", "2", "3", "-", "0", ".", "=", "+"};

	if (!state->display[0])
		calculator_press(state, "C");
	if (!gui_window_begin(gui, "Calculator", (struct gui_rect){700, 60, 240, 270},
			      GUI_WINDOW_NO_RESIZE))
		return;
	gui_layout_row(gui, 2, (int[]){-50, 0}, 28);
	struct gui_rect display = gui_layout_next(gui);
	gui_draw_rect(gui, display, gui->style.base);
	gui_draw_frame(gui, display, gui->style.border);
	int width = gui_font_text_width(gui->font, state->display, (int)strlen(state->display));
	gui_draw_text(gui, state->display, -1, display.x + display.w - width - 6,
		      display.y + (display.h - gui->font->height) / 2, gui->style.text);
	gui_report_widget(gui, "display", state->display, display);
	if (gui_button(gui, "C"))
		calculator_press(state, "C");
	gui_layout_row(gui, 4, NULL, 36);
	for (int i = 0; i < 16; i++)
		if (gui_button(gui, keys[i]))
			calculator_press(state, keys[i]);
	gui_window_end(gui);
}
