// SPDX-License-Identifier: MIT
/* Scancode set 1 to terminal bytes, US layout (see lib/keyboard_map.h). */
#include "lib/keyboard_map.h"
#include "lib/string.h"

#define RELEASE 0x80
#define PREFIX	0xe0

enum special_key {
	KEY_LEFT_SHIFT = 0x2a,
	KEY_RIGHT_SHIFT = 0x36,
	KEY_CONTROL = 0x1d,
	KEY_ALT = 0x38,
	KEY_CAPS_LOCK = 0x3a,
};

/* Index: scancode. 0: nothing to send. */
static const char plain[0x59] = {
    0,	 0x1b, '1', '2', '3',  '4', '5', '6',  '7', '8', '9',  '0', '-', '=', 0x7f, '\t', 'q', 'w',
    'e', 'r',  't', 'y', 'u',  'i', 'o', 'p',  '[', ']', '\r', 0,   'a', 's', 'd',  'f',  'g', 'h',
    'j', 'k',  'l', ';', '\'', '`', 0,	 '\\', 'z', 'x', 'c',  'v', 'b', 'n', 'm',  ',',  '.', '/',
    0,	 '*',  0,   ' ', 0,    0,   0,	 0,    0,   0,	 0,    0,   0,	 0,   0,    0,	  0,   '7',
    '8', '9',  '-', '4', '5',  '6', '+', '1',  '2', '3', '0',  '.', 0,	 0,   0,    0,	  0,
};
static const char shifted[0x59] = {
    0,	 0x1b, '!', '@', '#', '$', '%', '^', '&', '*', '(',  ')', '_', '+', 0x7f, '\t', 'Q', 'W',
    'E', 'R',  'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r', 0,	  'A', 'S', 'D',  'F',	'G', 'H',
    'J', 'K',  'L', ':', '"', '~', 0,	'|', 'Z', 'X', 'C',  'V', 'B', 'N', 'M',  '<',	'>', '?',
    0,	 '*',  0,   ' ', 0,   0,   0,	0,   0,	  0,   0,    0,	  0,   0,   0,	  0,	0,   '7',
    '8', '9',  '-', '4', '5', '6', '+', '1', '2', '3', '0',  '.', 0,   0,   0,	  0,	0,
};

/* The keys behind the 0xe0 prefix that send a sequence. */
static const struct {
	uint8_t scancode;
	const char *sequence;
} extended_keys[] = {
    {0x48, "\x1b[A"},  {0x50, "\x1b[B"},  {0x4d, "\x1b[C"},  {0x4b, "\x1b[D"},
    {0x47, "\x1b[H"},  {0x4f, "\x1b[F"},  {0x49, "\x1b[5~"}, {0x51, "\x1b[6~"},
    {0x52, "\x1b[2~"}, {0x53, "\x1b[3~"}, {0x1c, "\r"},	     {0x35, "/"},
};

static bool modifier(struct keyboard_state *state, uint8_t code, bool extended, bool pressed)
{
	switch (code) {
	case KEY_LEFT_SHIFT:
		state->left_shift = pressed;
		return true;
	case KEY_RIGHT_SHIFT:
		state->right_shift = pressed;
		return true;
	case KEY_CONTROL:
		*(extended ? &state->right_control : &state->left_control) = pressed;
		return true;
	case KEY_ALT:
		*(extended ? &state->right_alt : &state->left_alt) = pressed;
		return true;
	case KEY_CAPS_LOCK:
		if (pressed)
			state->caps_lock = !state->caps_lock;
		return true;
	default:
		return false;
	}
}

static size_t copy_out(char out[KEYBOARD_MAX_BYTES], const char *bytes)
{
	size_t length = strlen(bytes);

	memcpy(out, bytes, length);
	return length;
}

size_t keyboard_translate(struct keyboard_state *state, uint8_t scancode,
			  char out[KEYBOARD_MAX_BYTES])
{
	bool extended = state->extended, pressed = !(scancode & RELEASE);
	uint8_t code = scancode & (uint8_t)~RELEASE;

	state->extended = false;
	if (scancode == PREFIX) {
		state->extended = true;
		return 0;
	}
	if (modifier(state, code, extended, pressed) || !pressed)
		return 0;
	if (extended) {
		for (size_t i = 0; i < sizeof(extended_keys) / sizeof(extended_keys[0]); i++)
			if (extended_keys[i].scancode == code)
				return copy_out(out, extended_keys[i].sequence);
		return 0;
	}
	if (code >= sizeof(plain) || !plain[code])
		return 0;
	bool shift = state->left_shift || state->right_shift;
	char byte = shift ? shifted[code] : plain[code];
	size_t length = 0;

	if (state->caps_lock && byte >= 'a' && byte <= 'z')
		byte = (char)(byte - 'a' + 'A');
	else if (state->caps_lock && byte >= 'A' && byte <= 'Z')
		byte = (char)(byte - 'A' + 'a');
	if (state->left_control || state->right_control) {
		if ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z')
			byte = (char)((byte | 0x20) - 'a' + 1);
		else if (byte == '[' || byte == '\\' || byte == ']')
			byte = (char)(byte - 0x40);
		else if (byte == ' ' || byte == '2' || byte == '@')
			byte = 0;
	}
	if (state->left_alt || state->right_alt)
		out[length++] = 0x1b;
	out[length++] = byte;
	return length;
}
