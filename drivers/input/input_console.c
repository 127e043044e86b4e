// SPDX-License-Identifier: MIT
/* Keyboards other than the PS/2 one (which drivers/input/i8042.c gives the console itself)
 * type on the console too, as every keyboard does on Linux's: their Linux key codes go back to
 * set-1 scancodes, which lib/keyboard_map.c makes into a terminal's bytes. A grabbed device
 * (EVIOCGRAB) is its client's alone. Also the table of the 0xe0-prefixed scancodes that the
 * PS/2 driver reads the other way. */
#include "drivers/input/input.h"
#include "kernel/console.h"
#include "lib/keyboard_map.h"

#define SCANCODE_EXTENDED 0xe0
#define SCANCODE_RELEASED 0x80
#define KEY_LAST_BASE	  0x58 /* KEY_F12: up to here, key code = scancode */

static const uint8_t extended_keys[][2] = {
    {0x1c, 96},	 /* KP enter */ {0x1d, 97},    /* right ctrl */ {0x35, 98}, /* KP slash */
    {0x38, 100}, /* right alt */ {0x47, 102},  /* home */ {0x48, 103},	    /* up */
    {0x49, 104}, /* page up */ {0x4b, 105},    /* left */ {0x4d, 106},	    /* right */
    {0x4f, 107}, /* end */ {0x50, 108},	       /* down */ {0x51, 109},	    /* page down */
    {0x52, 110}, /* insert */ {0x53, 111},     /* delete */ {0x5b, 125},    /* left meta */
    {0x5c, 126}, /* right meta */ {0x5d, 127},				    /* compose */
};

uint16_t input_key_of_scancode(uint8_t code, bool extended)
{
	if (!extended)
		return code <= KEY_LAST_BASE ? code : 0;
	for (unsigned i = 0; i < sizeof(extended_keys) / sizeof(extended_keys[0]); i++)
		if (extended_keys[i][0] == code)
			return extended_keys[i][1];
	return 0;
}

static int scancode_of_key(uint16_t key)
{
	if (key && key <= KEY_LAST_BASE)
		return key;
	for (unsigned i = 0; i < sizeof(extended_keys) / sizeof(extended_keys[0]); i++)
		if (extended_keys[i][1] == key)
			return SCANCODE_EXTENDED << 8 | extended_keys[i][0];
	return -1;
}

void input_console_key(uint16_t key, int32_t value)
{
	static struct keyboard_state state;
	char bytes[KEYBOARD_MAX_BYTES];
	int scancode = scancode_of_key(key);

	if (scancode < 0)
		return;
	if (scancode >> 8)
		keyboard_translate(&state, SCANCODE_EXTENDED, bytes);
	size_t count = keyboard_translate(
	    &state, (uint8_t)((scancode & 0xff) | (value ? 0 : SCANCODE_RELEASED)), bytes);
	for (size_t i = 0; i < count; i++)
		console_input((unsigned char)bytes[i]);
}
