// SPDX-License-Identifier: MIT
/* Linux input events (struct input_event's type, code and value, as /dev/input/eventN gives
 * them) to the toolkit's input calls (evdev_input.c): pointer moves, relative (a mouse) or
 * absolute (a tablet, scaled from its axis range to the screen), buttons, the wheel, editing
 * keys, and typed characters through the US keymap of lib/keyboard_map.c (Linux key codes
 * 1..88 are PC set-1 scancodes). Pure code: host unit tests. */
#ifndef YOLK_GUI_EVDEV_INPUT_H
#define YOLK_GUI_EVDEV_INPUT_H

#include "gui.h"
#include "../../lib/keyboard_map.h"

struct gui_axes {
	int minimum_x, maximum_x, minimum_y, maximum_y; /* maximum 0: no absolute axes */
};

struct gui_evdev {
	struct keyboard_state keyboard;
	bool shift, control;
	int x, y;
	bool button_changed; /* since the last EV_SYN */
};

/* Feeds one event of a device with AXES into GUI. Returns true at the EV_SYN that ends a
 * report in which a button changed: the caller ends its frame there, so that a press and its
 * release are seen in different frames. */
bool gui_evdev_event(struct gui_evdev *state, struct gui *gui, const struct gui_axes *axes,
		     int type, int code, int value);

#endif
