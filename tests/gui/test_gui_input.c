// SPDX-License-Identifier: MIT
/* evdev events to toolkit input (apps/gui/evdev_input.c), the calculator's arithmetic
 * (apps/gui/desktop/calculator.c) and the editor's files (apps/gui/desktop/editor.c). */
#include <errno.h>
#include <linux/input-event-codes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apps/gui/desktop/desktop.h"
#include "apps/gui/evdev_input.h"
#include "tests/gui/gui_test_support.h"
#include "tests/unit/unit.h"

static void key(struct gui_evdev *state, struct gui *gui, int code, int value)
{
	static const struct gui_axes none;
	gui_evdev_event(state, gui, &none, EV_KEY, code, value);
}

TEST(gui_evdev_keys_type_text_and_editing_keys)
{
	struct gui *gui = test_context(800, 600);
	struct gui_evdev state = {0};

	key(&state, gui, KEY_A, 1);
	key(&state, gui, KEY_A, 0);
	key(&state, gui, KEY_LEFTSHIFT, 1);
	key(&state, gui, KEY_B, 1);
	key(&state, gui, KEY_B, 0);
	key(&state, gui, KEY_1, 1);
	key(&state, gui, KEY_LEFTSHIFT, 0);
	key(&state, gui, KEY_1, 0);
	key(&state, gui, KEY_SPACE, 1);
	key(&state, gui, KEY_SPACE, 2); /* auto-repeat types again */
	CHECK(!strcmp(gui->input.text, "aB!  "));
	key(&state, gui, KEY_BACKSPACE, 1);
	key(&state, gui, KEY_LEFT, 1);
	CHECK(gui->input.keys_pressed & GUI_KEY_BACKSPACE);
	CHECK(gui->input.keys_pressed & GUI_KEY_LEFT);
	CHECK(!strcmp(gui->input.text, "aB!  ")); /* editing keys type nothing */
	key(&state, gui, KEY_LEFTCTRL, 1);
	key(&state, gui, KEY_C, 1);
	CHECK(gui->input.keys_pressed & GUI_KEY_COPY);
	CHECK(!strcmp(gui->input.text, "aB!  ")); /* Ctrl+C is no 'c' */
	gui_destroy(gui);
}

TEST(gui_evdev_pointers_move_click_and_end_frames_at_buttons)
{
	struct gui *gui = test_context(1024, 768);
	struct gui_evdev state = {.x = 100, .y = 100};
	struct gui_axes tablet = {0, 32767, 0, 32767}, mouse = {0};

	gui_evdev_event(&state, gui, &tablet, EV_ABS, ABS_X, 32767);
	gui_evdev_event(&state, gui, &tablet, EV_ABS, ABS_Y, 16384);
	CHECK(!gui_evdev_event(&state, gui, &tablet, EV_SYN, SYN_REPORT, 0));
	CHECK_EQ(gui->input.mouse_x, 1023);
	CHECK_EQ(gui->input.mouse_y, 384);
	gui_evdev_event(&state, gui, &mouse, EV_REL, REL_X, -2000); /* clamped to the screen */
	gui_evdev_event(&state, gui, &mouse, EV_REL, REL_Y, 10);
	CHECK_EQ(gui->input.mouse_x, 0);
	CHECK_EQ(gui->input.mouse_y, 394);
	gui_evdev_event(&state, gui, &mouse, EV_KEY, BTN_LEFT, 1);
	CHECK(gui->input.mouse_down & GUI_MOUSE_LEFT);
	CHECK(gui_evdev_event(&state, gui, &mouse, EV_SYN, SYN_REPORT, 0)); /* ends the frame */
	CHECK(!gui_evdev_event(&state, gui, &mouse, EV_SYN, SYN_REPORT, 0));
	gui_evdev_event(&state, gui, &mouse, EV_REL, REL_WHEEL, -1);
	CHECK_EQ(gui->input.scroll, -1);
	gui_evdev_event(&state, gui, &mouse, EV_KEY, BTN_LEFT, 0);
	CHECK(!(gui->input.mouse_down & GUI_MOUSE_LEFT));
	CHECK(gui->input.mouse_released & GUI_MOUSE_LEFT);
	gui_destroy(gui);
}

static const char *calculate(const char *keys)
{
	static struct calculator_state state; /* test-only */
	char key[2] = {0};

	memset(&state, 0, sizeof(state));
	for (const char *k = keys; *k; k++) {
		if (*k == ' ')
			continue;
		key[0] = *k;
		calculator_press(&state, key);
	}
	return state.display;
}

TEST(gui_calculator_computes_left_to_right)
{
	CHECK(!strcmp(calculate("12+3="), "15"));
	CHECK(!strcmp(calculate("7/2="), "3.5"));
	CHECK(!strcmp(calculate("2+3*4="), "20")); /* a pocket calculator, no precedence */
	CHECK(!strcmp(calculate("1.5.5*2="), "3.1"));
	CHECK(!strcmp(calculate("9-10="), "-1"));
	CHECK(!strcmp(calculate("5+"), "5"));
	CHECK(!strcmp(calculate("5+C"), "0"));
	CHECK(!strcmp(calculate("1/0="), "inf"));
	CHECK(!strcmp(calculate("2*3=+1="), "7"));
}

TEST(gui_editor_opens_and_saves_files_and_refuses_what_does_not_fit)
{
	static struct editor_state state; /* test-only: 16 KiB */
	char path[] = "/tmp/yolk-gui-editor-XXXXXX";
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	close(fd);
	strcpy(state.text, "first line\nsecond line\n");
	CHECK_EQ(editor_save(&state, path), 0);
	memset(state.text, 0, sizeof(state.text));
	CHECK_EQ(editor_open(&state, path), 0);
	CHECK(!strcmp(state.text, "first line\nsecond line\n"));
	/* A file as large as the buffer is refused whole, not cut. */
	FILE *file = fopen(path, "w");
	for (int i = 0; i < DESKTOP_EDITOR_BYTES; i++)
		fputc('x', file);
	fclose(file);
	CHECK_EQ(editor_open(&state, path), -EFBIG);
	unlink(path);
	CHECK_EQ(editor_open(&state, path), -ENOENT);
	CHECK_EQ(editor_save(&state, "/nonexistent-directory/file"), -ENOENT);
}
