/* SPDX-License-Identifier: MIT */
/* PC keyboard scancodes (set 1, what the i8042 gives with translation on) to the bytes a
 * terminal sends (lib/keyboard_map.c), US layout: letters, digits and symbols with shift and
 * caps lock, control letters as control bytes, alt as an ESC prefix, Enter as CR, Backspace
 * as DEL, arrows and the editing keys as VT100 escape sequences. Pure code: host unit tests. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct keyboard_state {
	bool left_shift, right_shift, left_control, right_control, left_alt, right_alt;
	bool caps_lock, extended; /* the last byte was the 0xe0 prefix */
};

#define KEYBOARD_MAX_BYTES 8

/* Takes one scancode byte; returns how many bytes of OUT it produced (0 for a release, a
 * modifier, a prefix or an unknown key). */
size_t keyboard_translate(struct keyboard_state *state, uint8_t scancode,
			  char out[KEYBOARD_MAX_BYTES]);
