// SPDX-License-Identifier: MIT
/* The toolkit's context and widgets (apps/gui/context.c, widgets.c, text_edit.c) driven by
 * input as a user gives it: clicks, drags, keys and typed text, frame by frame. */
#include <string.h>

#include "apps/gui/gui.h"
#include "tests/gui/gui_test_support.h"
#include "tests/unit/unit.h"

/* What the test windows hold, and what their widgets returned in the last frame. */
struct scene {
	int clicks, radio, combo, presses;
	bool checked, tree_open, menu_chosen, submitted;
	float slider;
	char field[16], notes[128];
	struct gui_rect button, checkbox, radio_two, slider_rect, field_rect, notes_rect,
	    combo_rect, tree_rect, menu_rect;
};

static void scene_frame(struct gui *gui, struct scene *scene)
{
	static const char *const items[] = {"Red", "Green", "Blue"};

	gui_begin(gui);
	if (gui_window_begin(gui, "Back", (struct gui_rect){10, 10, 200, 150}, 0)) {
		gui_label(gui, "behind");
		gui_window_end(gui);
	}
	if (gui_window_begin(gui, "Test", (struct gui_rect){100, 50, 300, 420}, 0)) {
		gui_menubar_begin(gui);
		scene->menu_rect = (struct gui_rect){gui->layout.body.x, gui->layout.row_y, 40,
						     gui->layout.row_height};
		if (gui_menu_begin(gui, "Menu")) {
			if (gui_menu_item(gui, "Choose"))
				scene->menu_chosen = true;
			gui_menu_end(gui);
		}
		gui_menubar_end(gui);
		if (gui_button(gui, "Button"))
			scene->clicks++;
		scene->button = gui->last_rect;
		gui_checkbox(gui, "Check", &scene->checked);
		scene->checkbox = gui->last_rect;
		gui_layout_row(gui, 2, NULL, 0);
		gui_radio(gui, "One", &scene->radio, 0);
		gui_radio(gui, "Two", &scene->radio, 1);
		scene->radio_two = gui->last_rect;
		gui_layout_row(gui, 1, NULL, 0);
		gui_slider(gui, "Slider", &scene->slider, 0, 100);
		scene->slider_rect = gui->last_rect;
		if (gui_textbox(gui, "Field", scene->field, sizeof(scene->field)) &
		    GUI_RESULT_SUBMIT)
			scene->submitted = true;
		scene->field_rect = gui->last_rect;
		gui_combo(gui, "Combo", &scene->combo, items, 3);
		/* (Its popup's items are laid out after it: its place is the row below the
		 * field's.) */
		scene->combo_rect = scene->field_rect;
		scene->combo_rect.y += scene->field_rect.h + gui->style.spacing;
		scene->tree_open = gui_tree_begin(gui, "Tree");
		scene->tree_rect = gui->last_rect;
		if (scene->tree_open) {
			gui_label(gui, "leaf");
			gui_tree_end(gui);
		}
		gui_editor(gui, "Notes", scene->notes, sizeof(scene->notes), 100);
		scene->notes_rect = gui->last_rect;
		gui_window_end(gui);
	}
	gui_end(gui);
}

static int centre_x(struct gui_rect rect)
{
	return rect.x + rect.w / 2;
}

static int centre_y(struct gui_rect rect)
{
	return rect.y + rect.h / 2;
}

/* A press and a release at (x, y), a frame each, then a frame without input. */
static void click(struct gui *gui, struct scene *scene, int x, int y)
{
	gui_input_mouse_move(gui, x, y);
	scene_frame(gui, scene);
	gui_input_mouse_button(gui, GUI_MOUSE_LEFT, true);
	scene_frame(gui, scene);
	gui_input_mouse_button(gui, GUI_MOUSE_LEFT, false);
	scene_frame(gui, scene);
}

static void type(struct gui *gui, struct scene *scene, const char *text)
{
	gui_input_text(gui, text);
	scene_frame(gui, scene);
}

static void press(struct gui *gui, struct scene *scene, int keys)
{
	gui_input_key(gui, keys, true);
	scene_frame(gui, scene);
	gui_input_key(gui, keys, false);
}

static struct gui *start(struct scene *scene)
{
	struct gui *gui = test_context(800, 600);
	memset(scene, 0, sizeof(*scene));
	scene_frame(gui, scene);
	scene_frame(gui, scene);
	return gui;
}

TEST(gui_button_clicks_once_per_press_and_release_over_it)
{
	struct scene scene;
	struct gui *gui = start(&scene);

	click(gui, &scene, centre_x(scene.button), centre_y(scene.button));
	CHECK_EQ(scene.clicks, 1);
	/* Pressed elsewhere, released over it: no click. */
	gui_input_mouse_move(gui, 5, 470);
	gui_input_mouse_button(gui, GUI_MOUSE_LEFT, true);
	scene_frame(gui, &scene);
	gui_input_mouse_move(gui, centre_x(scene.button), centre_y(scene.button));
	scene_frame(gui, &scene);
	gui_input_mouse_button(gui, GUI_MOUSE_LEFT, false);
	scene_frame(gui, &scene);
	CHECK_EQ(scene.clicks, 1);
	/* A press and a release in one frame still click. */
	gui_input_mouse_button(gui, GUI_MOUSE_LEFT, true);
	gui_input_mouse_button(gui, GUI_MOUSE_LEFT, false);
	scene_frame(gui, &scene);
	CHECK_EQ(scene.clicks, 2);
	gui_destroy(gui);
}

TEST(gui_checkbox_radio_and_slider_keep_their_state)
{
	struct scene scene;
	struct gui *gui = start(&scene);

	click(gui, &scene, scene.checkbox.x + 5, centre_y(scene.checkbox));
	CHECK(scene.checked);
	click(gui, &scene, scene.checkbox.x + 5, centre_y(scene.checkbox));
	CHECK(!scene.checked);
	click(gui, &scene, scene.radio_two.x + 5, centre_y(scene.radio_two));
	CHECK_EQ(scene.radio, 1);
	/* The slider follows the mouse while pressed: its middle is 50. */
	click(gui, &scene, centre_x(scene.slider_rect), centre_y(scene.slider_rect));
	CHECK(scene.slider > 48 && scene.slider < 52);
	click(gui, &scene, scene.slider_rect.x + scene.slider_rect.w + 50, 5); /* outside: no */
	CHECK(scene.slider > 48 && scene.slider < 52);
	gui_destroy(gui);
}

TEST(gui_text_field_edits_selects_and_uses_the_clipboard)
{
	struct scene scene;
	struct gui *gui = start(&scene);

	click(gui, &scene, centre_x(scene.field_rect), centre_y(scene.field_rect));
	type(gui, &scene, "hello");
	CHECK(!strcmp(scene.field, "hello"));
	press(gui, &scene, GUI_KEY_BACKSPACE);
	press(gui, &scene, GUI_KEY_LEFT);
	type(gui, &scene, "X");
	CHECK(!strcmp(scene.field, "helXl"));
	/* Shift+Home selects back to the start; Ctrl+C copies, End, Ctrl+V pastes. */
	gui_input_key(gui, GUI_KEY_SHIFT, true);
	press(gui, &scene, GUI_KEY_HOME);
	gui_input_key(gui, GUI_KEY_SHIFT, false);
	press(gui, &scene, GUI_KEY_COPY);
	press(gui, &scene, GUI_KEY_END);
	press(gui, &scene, GUI_KEY_PASTE);
	CHECK(!strcmp(scene.field, "helXlhelX"));
	press(gui, &scene, GUI_KEY_SELECT_ALL);
	press(gui, &scene, GUI_KEY_CUT);
	CHECK(!strcmp(scene.field, ""));
	/* No line breaks in a field, and no more than it holds (15 bytes here). */
	type(gui, &scene, "a\tb\nc");
	CHECK(!strcmp(scene.field, "abc"));
	type(gui, &scene, "0123456789abcdefghij");
	CHECK_EQ(strlen(scene.field), 15);
	CHECK(!strncmp(scene.field, "abc0123456789ab", 15));
	press(gui, &scene, GUI_KEY_RETURN);
	CHECK(scene.submitted);
	/* A click elsewhere takes the focus away: typing goes nowhere. */
	click(gui, &scene, 600, 460);
	type(gui, &scene, "zzz");
	CHECK_EQ(strlen(scene.field), 15);
	gui_destroy(gui);
}

TEST(gui_text_field_keeps_utf8_whole)
{
	struct scene scene;
	struct gui *gui = start(&scene);

	click(gui, &scene, centre_x(scene.field_rect), centre_y(scene.field_rect));
	type(gui, &scene, "\xc3\xa9t\xc3\xa9");
	press(gui, &scene, GUI_KEY_LEFT);
	press(gui, &scene, GUI_KEY_LEFT);
	press(gui, &scene, GUI_KEY_BACKSPACE); /* the first é, both of its bytes */
	CHECK(!strcmp(scene.field, "t\xc3\xa9"));
	/* 3 bytes there, room for 12 more: 11 + the 2 of an é do not fit, the é is left out. */
	type(gui, &scene, "0123456789a\xc3\xa9");
	CHECK(!strcmp(scene.field, "0123456789at\xc3\xa9"));
	gui_destroy(gui);
}

TEST(gui_editor_has_lines)
{
	struct scene scene;
	struct gui *gui = start(&scene);
	click(gui, &scene, scene.notes_rect.x + 40, scene.notes_rect.y + 40);
	type(gui, &scene, "one");
	press(gui, &scene, GUI_KEY_RETURN);
	type(gui, &scene, "two");
	press(gui, &scene, GUI_KEY_UP);
	type(gui, &scene, "!");
	CHECK(!strcmp(scene.notes, "one!\ntwo"));
	press(gui, &scene, GUI_KEY_DOWN);
	press(gui, &scene, GUI_KEY_HOME);
	type(gui, &scene, ">");
	CHECK(!strcmp(scene.notes, "one!\n>two"));
	gui_destroy(gui);
}

TEST(gui_window_drags_raises_and_closes)
{
	struct scene scene;
	struct gui *gui = start(&scene);
	struct gui_window *back = gui_window_find(gui, "Back"),
			  *test = gui_window_find(gui, "Test");

	CHECK(test->z > back->z);
	/* A click on the back window's visible part raises it and focuses it. */
	click(gui, &scene, 20, 100);
	CHECK(back->z > test->z);
	CHECK_EQ(gui->focus_window, back->id);
	/* Its commands come last, over the other's. */
	const struct gui_command *command, *last = NULL;
	uint32_t index = 0;
	while ((command = gui_next_command(gui, &index)))
		if (command->type == GUI_COMMAND_RECT)
			last = command;
	CHECK(last && last->rect.x >= 10 && last->rect.x < 210);
	/* Drag the test window by its title bar (where the other does not cover it): it moves
	 * by what the mouse moved, and comes to the front. */
	gui_input_mouse_move(gui, 300, 60);
	scene_frame(gui, &scene);
	gui_input_mouse_button(gui, GUI_MOUSE_LEFT, true);
	scene_frame(gui, &scene);
	gui_input_mouse_move(gui, 330, 100);
	scene_frame(gui, &scene);
	gui_input_mouse_move(gui, 350, 120);
	scene_frame(gui, &scene);
	gui_input_mouse_button(gui, GUI_MOUSE_LEFT, false);
	scene_frame(gui, &scene);
	CHECK_EQ(test->rect.x, 150);
	CHECK_EQ(test->rect.y, 110);
	CHECK(test->z > back->z);
	/* The lower right corner resizes. */
	int width = test->rect.w, height = test->rect.h;
	gui_input_mouse_move(gui, test->rect.x + width - 3, test->rect.y + height - 3);
	scene_frame(gui, &scene);
	gui_input_mouse_button(gui, GUI_MOUSE_LEFT, true);
	scene_frame(gui, &scene);
	gui_input_mouse_move(gui, test->rect.x + width + 17, test->rect.y + height - 13);
	scene_frame(gui, &scene);
	gui_input_mouse_button(gui, GUI_MOUSE_LEFT, false);
	scene_frame(gui, &scene);
	CHECK_EQ(test->rect.w, width + 20);
	CHECK_EQ(test->rect.h, height - 10);
	/* The close box. */
	click(gui, &scene, test->rect.x + test->rect.w - 10, test->rect.y + 10);
	CHECK(!gui_window_is_open(gui, "Test"));
	gui_window_open(gui, "Test");
	CHECK(gui_window_is_open(gui, "Test"));
	gui_destroy(gui);
}

TEST(gui_combo_tree_and_menu_open_and_choose)
{
	struct scene scene;
	struct gui *gui = start(&scene);

	click(gui, &scene, centre_x(scene.combo_rect), centre_y(scene.combo_rect));
	struct gui_rect combo = scene.combo_rect;
	scene_frame(gui, &scene);
	/* The popup lists the items below the combo, a row each: the third is "Blue". */
	click(gui, &scene, centre_x(combo),
	      combo.y + combo.h + 6 + 2 * (gui->font->height + 12) + 4);
	CHECK_EQ(scene.combo, 2);
	/* Open again, then a click elsewhere closes it without a choice. */
	click(gui, &scene, centre_x(combo), centre_y(combo));
	CHECK(gui->open_popup != 0);
	click(gui, &scene, 600, 20);
	CHECK(gui->open_popup == 0);
	CHECK_EQ(scene.combo, 2);
	CHECK(!scene.tree_open);
	click(gui, &scene, scene.tree_rect.x + 10, centre_y(scene.tree_rect));
	CHECK(scene.tree_open);
	click(gui, &scene, scene.tree_rect.x + 10, centre_y(scene.tree_rect));
	CHECK(!scene.tree_open);
	click(gui, &scene, scene.menu_rect.x + 10, centre_y(scene.menu_rect));
	scene_frame(gui, &scene);
	click(gui, &scene, scene.menu_rect.x + 20, scene.menu_rect.y + scene.menu_rect.h + 12);
	CHECK(scene.menu_chosen);
	gui_destroy(gui);
}

TEST(gui_layout_shares_rows)
{
	struct gui *gui = test_context(640, 480);

	gui_begin(gui);
	CHECK(gui_window_begin(gui, "Layout", (struct gui_rect){0, 0, 306, 200},
			       GUI_WINDOW_NO_RESIZE));
	/* The body: 306 - 2 (border) - 2 * 6 (padding) = 292 wide. */
	gui_layout_row(gui, 3, NULL, 20);
	struct gui_rect a = gui_layout_next(gui), b = gui_layout_next(gui),
			c = gui_layout_next(gui);
	CHECK_EQ(a.w, 94);
	CHECK_EQ(b.x, a.x + 98);
	CHECK_EQ(c.x + c.w, a.x + 292);
	gui_layout_row(gui, 2, (int[]){-60, 0}, 0);
	struct gui_rect d = gui_layout_next(gui), e = gui_layout_next(gui);
	CHECK_EQ(d.x + d.w, a.x + 292 - 60);
	CHECK_EQ(e.x + e.w, a.x + 292);
	CHECK_EQ(d.y, a.y + 20 + 4);
	gui_layout_row(gui, 2, (int[]){100, 0}, 0);
	struct gui_rect f = gui_layout_next(gui), g = gui_layout_next(gui);
	CHECK_EQ(f.w, 100);
	CHECK_EQ(g.w, 292 - 100 - 4);
	gui_window_end(gui);
	gui_end(gui);
	gui_destroy(gui);
}
