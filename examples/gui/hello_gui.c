// SPDX-License-Identifier: MIT
/* The GUI toolkit's example (docs/graphics.md): a window with a text field, a button and a
 * label; its close box quits. make builds it into build/images/hello-gui.elf. */
#include <stdio.h>

#include "apps/gui/app.h"

int main(void)
{
	struct gui_io io = {stdout, stderr, NULL};
	struct gui_app app;
	char name[32] = "", line[64];
	int clicks = 0;

	if (gui_app_open(&app, &io, 15) < 0) /* /dev/fb0, the input devices, the font */
		return 1;
	for (bool open = true; open;) {
		gui_app_begin_frame(&app, 1000); /* waits for input, at most a second */
		struct gui *gui = app.gui;
		open = gui_window_begin(gui, "Hello", (struct gui_rect){100, 100, 320, 150}, 0);
		if (open) {
			gui_layout_row(gui, 2, (int[]){60, 0}, 0); /* 60 pixels, then the rest */
			gui_label(gui, "Name:");
			gui_textbox(gui, "name", name, sizeof(name));
			gui_layout_row(gui, 1, NULL, 0);
			if (gui_button(gui, "Greet"))
				clicks++;
			snprintf(line, sizeof(line), "Hello, %s! (%d)", name, clicks);
			gui_label(gui, line);
			gui_window_end(gui);
		}
		gui_app_end_frame(&app); /* draws what changed, copies it to the screen */
	}
	gui_app_close(&app);
	return 0;
}
