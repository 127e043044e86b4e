// SPDX-License-Identifier: MIT
/* The widget overview window: one of every widget the toolkit has, each showing its state. */
#include "desktop.h"

#include <stdio.h>

static const char *const fruits[] = {"Apple", "Banana", "Cherry", "Damson"};

void overview_window(struct gui *gui, struct overview_state *state)
{
	char line[96];

	if (!gui_window_begin(gui, "Widgets", (struct gui_rect){300, 60, 380, 560}, 0))
		return;
	gui_menubar_begin(gui);
	if (gui_menu_begin(gui, "Counter")) {
		if (gui_menu_item(gui, "Reset"))
			state->clicks = 0;
		if (gui_menu_item(gui, "Add ten"))
			state->clicks += 10;
		gui_menu_end(gui);
	}
	if (gui_menu_begin(gui, "Slider")) {
		if (gui_menu_item(gui, "Minimum"))
			state->slider = 0;
		if (gui_menu_item(gui, "Maximum"))
			state->slider = 100;
		gui_menu_end(gui);
	}
	gui_menubar_end(gui);

	gui_layout_row(gui, 2, (int[]){100, 0}, 0);
	if (gui_button(gui, "Click me"))
		state->clicks++;
	snprintf(line, sizeof(line), "clicked %d times", state->clicks);
	gui_label(gui, line);
	gui_layout_row(gui, 1, NULL, 0);
	gui_checkbox(gui, "A checkbox", &state->checked);
	gui_label(gui, state->checked ? "checked" : "not checked");
	gui_layout_row(gui, 3, NULL, 0);
	gui_radio(gui, "One", &state->radio, 0);
	gui_radio(gui, "Two", &state->radio, 1);
	gui_radio(gui, "Three", &state->radio, 2);
	gui_layout_row(gui, 2, (int[]){-60, 0}, 0);
	gui_slider(gui, "slider", &state->slider, 0, 100);
	snprintf(line, sizeof(line), "%.0f", state->slider);
	gui_label(gui, line);
	gui_layout_row(gui, 1, NULL, 12);
	gui_progress(gui, state->slider / 100);
	gui_layout_row(gui, 2, (int[]){60, 0}, 0);
	gui_label(gui, "Name:");
	gui_textbox(gui, "field", state->field, sizeof(state->field));
	gui_label(gui, "Fruit:");
	gui_combo(gui, "fruit", &state->combo, fruits, 4);
	gui_panel_begin(gui, "list", 120);
	if (gui_tree_begin(gui, "Fruits")) {
		for (int i = 0; i < 4; i++)
			if (gui_list_item(gui, fruits[i], state->selected == i))
				state->selected = i;
		gui_tree_end(gui);
	}
	if (gui_tree_begin(gui, "Colours")) {
		gui_label(gui, "red, green, blue");
		gui_tree_end(gui);
	}
	gui_panel_end(gui);
	gui_editor(gui, "notes", state->notes, sizeof(state->notes), 0);
	gui_window_end(gui);
}
