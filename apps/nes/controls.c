// SPDX-License-Identifier: MIT
/* The NES controllers from keyboards (/dev/input/eventN, Linux's evdev): every device with
 * keys is opened without blocking and grabbed (EVIOCGRAB: its keys go to the emulator, not to
 * the console), and the two controllers' buttons follow the keys held. Player 1: arrows or
 * W/A/S/D, Z or K = B, X or J = A, Enter = Start, Space or Shift = Select. Player 2: the
 * keypad, 8/4/5/6 (2 too) the directions, 1 = B, 3 = A, 0 = Select, Enter = Start. Esc quits,
 * F1 is the reset button. */
#include "play.h"

#include <fcntl.h>
#include <linux/input.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define MAX_EVENT_DEVICES 32

static const struct {
	uint16_t code;
	uint8_t player, button;
} key_map[] = {
    {KEY_UP, 0, NES_BUTTON_UP},
    {KEY_DOWN, 0, NES_BUTTON_DOWN},
    {KEY_LEFT, 0, NES_BUTTON_LEFT},
    {KEY_RIGHT, 0, NES_BUTTON_RIGHT},
    {KEY_W, 0, NES_BUTTON_UP},
    {KEY_S, 0, NES_BUTTON_DOWN},
    {KEY_A, 0, NES_BUTTON_LEFT},
    {KEY_D, 0, NES_BUTTON_RIGHT},
    {KEY_Z, 0, NES_BUTTON_B},
    {KEY_K, 0, NES_BUTTON_B},
    {KEY_X, 0, NES_BUTTON_A},
    {KEY_J, 0, NES_BUTTON_A},
    {KEY_ENTER, 0, NES_BUTTON_START},
    {KEY_SPACE, 0, NES_BUTTON_SELECT},
    {KEY_LEFTSHIFT, 0, NES_BUTTON_SELECT},
    {KEY_RIGHTSHIFT, 0, NES_BUTTON_SELECT},
    {KEY_KP8, 1, NES_BUTTON_UP},
    {KEY_KP5, 1, NES_BUTTON_DOWN},
    {KEY_KP2, 1, NES_BUTTON_DOWN},
    {KEY_KP4, 1, NES_BUTTON_LEFT},
    {KEY_KP6, 1, NES_BUTTON_RIGHT},
    {KEY_KP1, 1, NES_BUTTON_B},
    {KEY_KP3, 1, NES_BUTTON_A},
    {KEY_KP0, 1, NES_BUTTON_SELECT},
    {KEY_KPENTER, 1, NES_BUTTON_START},
};

enum nes_key_action nes_key_lookup(unsigned code, unsigned *player, uint8_t *button)
{
	if (code == KEY_ESC)
		return NES_KEY_QUIT;
	if (code == KEY_F1)
		return NES_KEY_RESET;
	for (size_t i = 0; i < sizeof(key_map) / sizeof(key_map[0]); i++)
		if (key_map[i].code == code) {
			*player = key_map[i].player;
			*button = key_map[i].button;
			return NES_KEY_BUTTON;
		}
	return NES_KEY_NONE;
}

static bool has_keys(int fd)
{
	uint8_t keys[KEY_CNT / 8] = {0};
	unsigned long types = 0;

	if (ioctl(fd, EVIOCGBIT(0, sizeof(types)), &types) < 0 || !(types & (1ul << EV_KEY)))
		return false;
	if (ioctl(fd, EVIOCGBIT(EV_KEY, sizeof(keys)), keys) < 0)
		return false;
	return keys[KEY_ENTER / 8] >> (KEY_ENTER % 8) & 1; /* a keyboard, not a mouse's buttons */
}

unsigned nes_controls_open(struct nes_controls *controls)
{
	memset(controls, 0, sizeof(*controls));
	for (int n = 0; n < MAX_EVENT_DEVICES && controls->count < NES_MAX_KEYBOARDS; n++) {
		char path[32];
		snprintf(path, sizeof(path), "/dev/input/event%d", n);
		int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (!has_keys(fd) || ioctl(fd, EVIOCGRAB, 1) < 0) {
			close(fd);
			continue;
		}
		controls->fds[controls->count++] = fd;
	}
	return controls->count;
}

void nes_controls_key(struct nes_controls *controls, unsigned code, int value)
{
	unsigned player;
	uint8_t button;

	if (code >= NES_KEY_CODES || value == 2)
		return;
	if (value) {
		controls->down[code / 8] |= (uint8_t)(1u << (code % 8));
		controls->pressed[code / 8] |= (uint8_t)(1u << (code % 8));
	} else
		controls->down[code / 8] &= (uint8_t) ~(1u << (code % 8));
	enum nes_key_action action = nes_key_lookup(code, &player, &button);
	if (value && action == NES_KEY_QUIT)
		controls->quit = true;
	if (value && action == NES_KEY_RESET)
		controls->reset = true;
}

void nes_controls_buttons(const struct nes_controls *controls, uint8_t buttons[2])
{
	buttons[0] = buttons[1] = 0;
	for (size_t i = 0; i < sizeof(key_map) / sizeof(key_map[0]); i++) {
		unsigned code = key_map[i].code;
		if ((controls->down[code / 8] | controls->pressed[code / 8]) >> (code % 8) & 1)
			buttons[key_map[i].player] |= key_map[i].button;
	}
}

void nes_controls_poll(struct nes_controls *controls, struct nes *nes)
{
	struct input_event events[32];

	for (unsigned d = 0; d < controls->count; d++) {
		ssize_t got;
		while ((got = read(controls->fds[d], events, sizeof(events))) > 0)
			for (size_t i = 0; i < (size_t)got / sizeof(events[0]); i++)
				if (events[i].type == EV_KEY)
					nes_controls_key(controls, events[i].code, events[i].value);
	}
	nes_controls_buttons(controls, nes->controller_state);
	memset(controls->pressed, 0, sizeof(controls->pressed));
}

void nes_controls_close(struct nes_controls *controls)
{
	for (unsigned d = 0; d < controls->count; d++)
		close(controls->fds[d]); /* the grab goes with the descriptor */
	controls->count = 0;
}
