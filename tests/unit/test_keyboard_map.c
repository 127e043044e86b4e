/* Scancode set 1 to terminal bytes (lib/keyboard_map.c). */
#include <string.h>
#include "lib/keyboard_map.h"
#include "tests/unit/unit.h"

/* Feeds SCANCODES (COUNT of them) and returns everything produced, in a static buffer. */
static const char *feed(struct keyboard_state *state, const uint8_t *scancodes, size_t count)
{
	static char text[64];
	size_t length = 0;

	for (size_t i = 0; i < count; i++) {
		char out[KEYBOARD_MAX_BYTES];
		size_t produced = keyboard_translate(state, scancodes[i], out);

		memcpy(text + length, out, produced);
		length += produced;
	}
	text[length] = 0;
	return text;
}

#define FEED(state, ...)                                                                           \
	feed(state, (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))

TEST(keyboard_letters_shift_and_caps_lock)
{
	struct keyboard_state state = {0};

	/* l s, space, shift-down 1 shift-up, enter (presses and releases). */
	CHECK(
	    !strcmp(FEED(&state, 0x26, 0xa6, 0x1f, 0x9f, 0x39, 0xb9, 0x2a, 0x02, 0x82, 0xaa, 0x1c),
		    "ls !\r"));
	struct keyboard_state caps = {0};

	CHECK(!strcmp(FEED(&caps, 0x3a, 0xba, 0x1e, 0x2a, 0x1e, 0xaa), "Aa"));
	CHECK(!strcmp(FEED(&caps, 0x3a, 0xba, 0x1e, 0x0e), "a\x7f"));
}

TEST(keyboard_control_alt_and_extended_keys)
{
	struct keyboard_state state = {0};

	CHECK(!strcmp(FEED(&state, 0x1d, 0x2e, 0x9d, 0x2e), "\x03"
							    "c"));	    /* ctrl-c, then c */
	CHECK(!strcmp(FEED(&state, 0xe0, 0x1d, 0x11, 0xe0, 0x9d), "\x17")); /* right ctrl-w */
	CHECK(!strcmp(FEED(&state, 0x38, 0x20, 0xb8), "\x1b"
						      "d")); /* alt-d */
	CHECK(!strcmp(FEED(&state, 0xe0, 0x48, 0xe0, 0xc8, 0xe0, 0x4b), "\x1b[A\x1b[D"));
	CHECK(!strcmp(FEED(&state, 0xe0, 0x47, 0xe0, 0x4f, 0xe0, 0x53), "\x1b[H\x1b[F\x1b[3~"));
	CHECK(!strcmp(FEED(&state, 0xe0, 0x49, 0xe0, 0x51, 0xe0, 0x52), "\x1b[5~\x1b[6~\x1b[2~"));
	CHECK(!strcmp(FEED(&state, 0x47, 0x4f, 0x76, 0x58), "71")); /* keypad; unknown codes */
}
