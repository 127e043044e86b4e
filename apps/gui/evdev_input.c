// SPDX-License-Identifier: MIT
/* evdev events to toolkit input (see evdev_input.h). */
#include "evdev_input.h"

#include <linux/input-event-codes.h>

static const struct {
	int code, key;
} editing_keys[] = {
    {KEY_BACKSPACE, GUI_KEY_BACKSPACE},
    {KEY_DELETE, GUI_KEY_DELETE},
    {KEY_ENTER, GUI_KEY_RETURN},
    {KEY_KPENTER, GUI_KEY_RETURN},
    {KEY_LEFT, GUI_KEY_LEFT},
    {KEY_RIGHT, GUI_KEY_RIGHT},
    {KEY_UP, GUI_KEY_UP},
    {KEY_DOWN, GUI_KEY_DOWN},
    {KEY_HOME, GUI_KEY_HOME},
    {KEY_END, GUI_KEY_END},
    {KEY_TAB, GUI_KEY_TAB},
    {KEY_ESC, GUI_KEY_ESCAPE},
    {KEY_LEFTSHIFT, GUI_KEY_SHIFT},
    {KEY_RIGHTSHIFT, GUI_KEY_SHIFT},
    {KEY_LEFTCTRL, GUI_KEY_CTRL},
    {KEY_RIGHTCTRL, GUI_KEY_CTRL},
};

static const struct {
	int code, key;
} control_keys[] = {
    {KEY_A, GUI_KEY_SELECT_ALL},
    {KEY_C, GUI_KEY_COPY},
    {KEY_X, GUI_KEY_CUT},
    {KEY_V, GUI_KEY_PASTE},
};

static void key(struct gui_evdev *state, struct gui *gui, int code, int value)
{
	bool down = value != 0;

	if (code == KEY_LEFTSHIFT || code == KEY_RIGHTSHIFT)
		state->shift = down;
	if (code == KEY_LEFTCTRL || code == KEY_RIGHTCTRL)
		state->control = down;
	for (size_t i = 0; i < sizeof(editing_keys) / sizeof(editing_keys[0]); i++)
		if (editing_keys[i].code == code) {
			gui_input_key(gui, editing_keys[i].key, down);
			if (code != KEY_LEFTSHIFT && code != KEY_RIGHTSHIFT &&
			    code != KEY_LEFTCTRL && code != KEY_RIGHTCTRL)
				return;
		}
	if (state->control && down) {
		for (size_t i = 0; i < sizeof(control_keys) / sizeof(control_keys[0]); i++)
			if (control_keys[i].code == code)
				gui_input_key(gui, control_keys[i].key, true);
	}
	if (code >= 0x59) /* beyond set 1's main block */
		return;
	char bytes[KEYBOARD_MAX_BYTES + 1];
	if (value == 2) /* auto-repeat: a press again */
		keyboard_translate(&state->keyboard, (uint8_t)(code | 0x80), bytes);
	size_t count =
	    keyboard_translate(&state->keyboard, (uint8_t)(code | (down ? 0 : 0x80)), bytes);
	if (count == 1 && (unsigned char)bytes[0] >= 0x20 && bytes[0] != 0x7f && !state->control) {
		bytes[1] = 0;
		gui_input_text(gui, bytes);
	}
}

static int scale(int value, int minimum, int maximum, int size)
{
	if (maximum <= minimum)
		return 0;
	long long offset = (long long)(value - minimum) * (size - 1);
	return (int)((offset + (maximum - minimum) / 2) / (maximum - minimum));
}

bool gui_evdev_event(struct gui_evdev *state, struct gui *gui, const struct gui_axes *axes,
		     int type, int code, int value)
{
	switch (type) {
	case EV_KEY:
		if (code == BTN_LEFT || code == BTN_RIGHT || code == BTN_MIDDLE ||
		    code == BTN_TOUCH) {
			int button = code == BTN_RIGHT	  ? GUI_MOUSE_RIGHT
				     : code == BTN_MIDDLE ? GUI_MOUSE_MIDDLE
							  : GUI_MOUSE_LEFT;
			if (value != 2)
				gui_input_mouse_button(gui, button, value != 0);
			state->button_changed = true;
		} else if (code < BTN_MISC) {
			key(state, gui, code, value);
		}
		break;
	case EV_REL:
		if (code == REL_X)
			state->x += value;
		else if (code == REL_Y)
			state->y += value;
		else if (code == REL_WHEEL)
			gui_input_scroll(gui, value);
		state->x = state->x < 0 ? 0 : state->x >= gui->width ? gui->width - 1 : state->x;
		state->y = state->y < 0 ? 0 : state->y >= gui->height ? gui->height - 1 : state->y;
		gui_input_mouse_move(gui, state->x, state->y);
		break;
	case EV_ABS:
		if (code == ABS_X && axes->maximum_x)
			state->x = scale(value, axes->minimum_x, axes->maximum_x, gui->width);
		else if (code == ABS_Y && axes->maximum_y)
			state->y = scale(value, axes->minimum_y, axes->maximum_y, gui->height);
		gui_input_mouse_move(gui, state->x, state->y);
		break;
	case EV_SYN:
		if (code == SYN_REPORT && state->button_changed) {
			state->button_changed = false;
			return true;
		}
		break;
	}
	return false;
}
