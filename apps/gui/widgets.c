// SPDX-License-Identifier: MIT
/* The toolkit's widgets (see gui.h): each takes its place from the layout, asks the context
 * whether the mouse is over it or pressed it (gui_widget_update), records what to draw and
 * returns its state. Text editing itself is in text_edit.c. */
#include "gui.h"

#include <string.h>

#include "text_edit.h"

static uint32_t widget_id(struct gui *gui, const char *label)
{
	return gui_id(gui, label, strlen(label));
}

/* Where a label's text goes: vertically centred in RECT, PADDING in from the left. */
static void draw_label_text(struct gui *gui, const char *text, struct gui_rect rect, int indent,
			    struct gui_color color)
{
	const char *shown_end = strstr(text, "##"); /* "Name##id": only Name is shown */
	int length = shown_end ? (int)(shown_end - text) : (int)strlen(text);

	gui_draw_text(gui, text, length, rect.x + indent, rect.y + (rect.h - gui->font->height) / 2,
		      color);
}

static struct gui_color widget_color(struct gui *gui, uint32_t id, struct gui_color normal,
				     struct gui_color hot)
{
	if (gui->active == id)
		return gui->style.button_active;
	return gui->hot == id ? hot : normal;
}

void gui_label_colored(struct gui *gui, const char *text, struct gui_color color)
{
	struct gui_rect rect = gui_layout_next(gui);

	draw_label_text(gui, text, rect, 0, color);
	gui_report_widget(gui, "label", text, rect);
}

void gui_label(struct gui *gui, const char *text)
{
	gui_label_colored(gui, text, gui->style.text);
}

bool gui_button(struct gui *gui, const char *label)
{
	struct gui_rect rect = gui_layout_next(gui);
	uint32_t id = widget_id(gui, label);
	bool clicked = gui_widget_update(gui, id, rect);
	int width = gui_font_text_width(gui->font, label, (int)strlen(label));

	gui_draw_rect(gui, rect, widget_color(gui, id, gui->style.button, gui->style.button_hot));
	gui_draw_frame(gui, rect, gui->style.border);
	draw_label_text(gui, label, rect, width < rect.w ? (rect.w - width) / 2 : 2,
			gui->style.text);
	gui_report_widget(gui, "button", label, rect);
	return clicked;
}

/* The square box of a checkbox or radio button at the left of RECT. */
static struct gui_rect box_of(struct gui *gui, struct gui_rect rect)
{
	int size = gui->font->height;
	return (struct gui_rect){rect.x, rect.y + (rect.h - size) / 2, size, size};
}

bool gui_checkbox(struct gui *gui, const char *label, bool *checked)
{
	struct gui_rect rect = gui_layout_next(gui);
	uint32_t id = widget_id(gui, label);
	struct gui_rect box = box_of(gui, rect);
	bool clicked = gui_widget_update(gui, id, rect);

	if (clicked)
		*checked = !*checked;
	gui_draw_rect(gui, box, widget_color(gui, id, gui->style.base, gui->style.base_hot));
	gui_draw_frame(gui, box, gui->style.border);
	if (*checked)
		gui_draw_icon(gui, GUI_ICON_CHECK, box, gui->style.accent);
	draw_label_text(gui, label, rect, box.w + gui->style.spacing * 2, gui->style.text);
	gui_report_widget(gui, "checkbox", label, rect);
	return clicked;
}

bool gui_radio(struct gui *gui, const char *label, int *value, int option)
{
	struct gui_rect rect = gui_layout_next(gui);
	uint32_t id = widget_id(gui, label);
	struct gui_rect box = box_of(gui, rect);
	bool clicked = gui_widget_update(gui, id, rect) && *value != option;

	if (clicked)
		*value = option;
	gui_draw_icon(gui, GUI_ICON_RADIO, box,
		      widget_color(gui, id, gui->style.border, gui->style.title_focused));
	if (*value == option)
		gui_draw_rect(gui, (struct gui_rect){box.x + 5, box.y + 5, box.w - 10, box.h - 10},
			      gui->style.accent);
	draw_label_text(gui, label, rect, box.w + gui->style.spacing * 2, gui->style.text);
	gui_report_widget(gui, "radio", label, rect);
	return clicked;
}

bool gui_slider(struct gui *gui, const char *label, float *value, float low, float high)
{
	struct gui_rect rect = gui_layout_next(gui);
	uint32_t id = widget_id(gui, label);
	int thumb = 12;
	float old = *value;

	gui_widget_update(gui, id, rect);
	if (gui->active == id && rect.w > thumb && high > low) {
		float fraction =
		    (float)(gui->input.mouse_x - rect.x - thumb / 2) / (float)(rect.w - thumb);
		fraction = fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
		*value = low + fraction * (high - low);
	}
	if (gui->hot == id && gui->input.scroll)
		*value += (float)gui->input.scroll * (high - low) / 20;
	*value = *value < low ? low : *value > high ? high : *value;
	float fraction = high > low ? (*value - low) / (high - low) : 0;
	int x = rect.x + (int)(fraction * (float)(rect.w - thumb));
	gui_draw_rect(gui, (struct gui_rect){rect.x, rect.y + rect.h / 2 - 2, rect.w, 4},
		      gui->style.button);
	gui_draw_rect(gui, (struct gui_rect){rect.x, rect.y + rect.h / 2 - 2, x - rect.x, 4},
		      gui->style.accent);
	gui_draw_rect(gui, (struct gui_rect){x, rect.y + 2, thumb, rect.h - 4},
		      widget_color(gui, id, gui->style.button, gui->style.button_hot));
	gui_draw_frame(gui, (struct gui_rect){x, rect.y + 2, thumb, rect.h - 4}, gui->style.border);
	gui_report_widget(gui, "slider", label, rect);
	return *value != old;
}

void gui_progress(struct gui *gui, float fraction)
{
	struct gui_rect rect = gui_layout_next(gui);

	fraction = fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
	gui_draw_rect(gui, rect, gui->style.base);
	gui_draw_rect(gui,
		      (struct gui_rect){rect.x, rect.y, (int)((float)rect.w * fraction), rect.h},
		      gui->style.accent);
	gui_draw_frame(gui, rect, gui->style.border);
}

/* The focused text widget's cursor and selection drawn over its lines. TOP: the first line's y,
 * LEFT: x of the text's start. */
static void draw_text_lines(struct gui *gui, const char *buffer, struct gui_rect inner, int left,
			    int top, bool focused)
{
	const struct gui_text_cursor *cursor = &gui->text_cursor;
	size_t length = strlen(buffer), start = 0;
	size_t select_start = cursor->position < cursor->anchor ? cursor->position : cursor->anchor;
	size_t select_end = cursor->position < cursor->anchor ? cursor->anchor : cursor->position;
	int line_height = gui->font->height;

	for (int y = top; start <= length; y += line_height) {
		size_t end = gui_text_line_end(buffer, length, start);
		if (y + line_height >= inner.y && y < inner.y + inner.h) {
			if (focused && select_start != select_end && select_start <= end &&
			    select_end >= start) {
				size_t a = select_start > start ? select_start : start;
				size_t b = select_end < end ? select_end : end;
				int x0 = gui_font_text_width(gui->font, buffer + start,
							     (int)(a - start));
				int x1 = gui_font_text_width(gui->font, buffer + start,
							     (int)(b - start));
				gui_draw_rect(
				    gui, (struct gui_rect){left + x0, y, x1 - x0 + 2, line_height},
				    gui->style.selection);
			}
			gui_draw_text(gui, buffer + start, (int)(end - start), left, y,
				      gui->style.text);
			if (focused && cursor->position >= start && cursor->position <= end) {
				int x = gui_font_text_width(gui->font, buffer + start,
							    (int)(cursor->position - start));
				gui_draw_rect(gui, (struct gui_rect){left + x, y, 2, line_height},
					      gui->style.text);
			}
		}
		start = end + 1;
	}
}

/* A text widget's frame, focus and editing; MULTILINE picks the field or the editor. */
static int text_widget(struct gui *gui, const char *label, char *buffer, size_t size,
		       struct gui_rect rect, bool multiline)
{
	uint32_t id = widget_id(gui, label);
	struct gui_text_cursor *cursor = &gui->text_cursor;
	int padding = gui->style.padding, line_height = gui->font->height, result = 0;
	struct gui_rect inner = {rect.x + padding, rect.y + (multiline ? padding : 0),
				 rect.w - 2 * padding, rect.h - (multiline ? 2 * padding : 0)};

	gui_widget_update(gui, id, rect);
	if (gui->focus == id && cursor->id != id) {
		size_t length = strlen(buffer);
		*cursor = (struct gui_text_cursor){.id = id, .position = length, .anchor = length};
	}
	bool focused = gui->focus == id && size > 0;
	int top = multiline ? inner.y - cursor->scroll_y : rect.y + (rect.h - line_height) / 2;
	int left = inner.x - (focused ? cursor->scroll_x : 0);
	if (focused) {
		result = gui_text_edit_keys(gui, buffer, size, multiline);
		if (gui->active == id && gui->input.mouse_down & GUI_MOUSE_LEFT) {
			/* A click places the cursor, a drag selects. */
			size_t length = strlen(buffer), start = 0;
			int line = multiline ? (gui->input.mouse_y - top) / line_height : 0;
			for (int i = 0; i < line && start < length; i++)
				start = gui_text_line_end(buffer, length, start) + 1;
			start = start > length ? length : start;
			cursor->position =
			    start + gui_text_position_at(gui->font, buffer + start, length - start,
							 gui->input.mouse_x - left);
			if (gui->input.mouse_pressed & GUI_MOUSE_LEFT &&
			    !(gui->input.keys_down & GUI_KEY_SHIFT))
				cursor->anchor = cursor->position;
			cursor->move_to_view = true;
		}
		if (cursor->move_to_view) { /* scroll so the cursor shows */
			size_t line_start = gui_text_line_start(buffer, cursor->position);
			int x = gui_font_text_width(gui->font, buffer + line_start,
						    (int)(cursor->position - line_start));
			if (x - cursor->scroll_x > inner.w - 4)
				cursor->scroll_x = x - inner.w + 4;
			if (x < cursor->scroll_x)
				cursor->scroll_x = x;
			int lines = 0;
			for (size_t i = 0; i < line_start; i++)
				lines += buffer[i] == '\n';
			if (multiline && (lines + 1) * line_height - cursor->scroll_y > inner.h)
				cursor->scroll_y = (lines + 1) * line_height - inner.h;
			if (multiline && lines * line_height < cursor->scroll_y)
				cursor->scroll_y = lines * line_height;
			cursor->move_to_view = false;
		}
		top = multiline ? inner.y - cursor->scroll_y : top;
		left = inner.x - cursor->scroll_x;
	}
	gui_draw_rect(gui, rect, focused ? gui->style.base : gui->style.base_hot);
	gui_draw_frame(gui, rect, focused ? gui->style.title_focused : gui->style.border);
	gui_push_clip(gui, inner);
	draw_text_lines(gui, buffer, inner, left, top, focused);
	gui_pop_clip(gui);
	gui_report_widget(gui, multiline ? "editor" : "textbox", label, rect);
	return result;
}

int gui_textbox(struct gui *gui, const char *label, char *buffer, size_t size)
{
	return text_widget(gui, label, buffer, size, gui_layout_next(gui), false);
}

int gui_editor(struct gui *gui, const char *label, char *buffer, size_t size, int height)
{
	struct gui_layout *layout = &gui->layout;

	if (height <= 0) /* the rest of the visible body */
		height = layout->frame.y + layout->frame.h - gui->style.padding - layout->row_y -
			 (layout->column > 0 ? layout->row_height + gui->style.spacing : 0);
	gui_layout_row(gui, 1, NULL, height < 40 ? 40 : height);
	int result = text_widget(gui, label, buffer, size, gui_layout_next(gui), true);
	gui_layout_row(gui, 1, NULL, 0);
	return result;
}

bool gui_list_item(struct gui *gui, const char *label, bool selected)
{
	struct gui_rect rect = gui_layout_next(gui);
	uint32_t id = widget_id(gui, label);
	bool clicked = gui_widget_update(gui, id, rect);

	if (selected || gui->hot == id)
		gui_draw_rect(gui, rect, selected ? gui->style.selection : gui->style.base_hot);
	draw_label_text(gui, label, rect, gui->style.padding, gui->style.text);
	gui_report_widget(gui, "item", label, rect);
	return clicked;
}

static int expanded_index(struct gui *gui, uint32_t id)
{
	for (int i = 0; i < gui->expanded_count; i++)
		if (gui->expanded[i] == id)
			return i;
	return -1;
}

bool gui_tree_begin(struct gui *gui, const char *label)
{
	struct gui_rect rect = gui_layout_next(gui);
	uint32_t id = widget_id(gui, label);
	int index = expanded_index(gui, id);

	if (gui_widget_update(gui, id, rect)) {
		if (index >= 0)
			gui->expanded[index] = gui->expanded[--gui->expanded_count];
		else if (gui->expanded_count < GUI_MAX_TREE_NODES)
			gui->expanded[gui->expanded_count++] = id;
		index = expanded_index(gui, id);
	}
	if (gui->hot == id)
		gui_draw_rect(gui, rect, gui->style.base_hot);
	struct gui_rect icon = {rect.x, rect.y, rect.h, rect.h};
	gui_draw_icon(gui, index >= 0 ? GUI_ICON_EXPANDED : GUI_ICON_COLLAPSED, icon,
		      gui->style.text);
	draw_label_text(gui, label, rect, rect.h, gui->style.text);
	gui_report_widget(gui, "tree", label, rect);
	if (index < 0)
		return false;
	gui->layout.indent += gui->style.indent;
	gui_push_id(gui, label, strlen(label));
	return true;
}

void gui_tree_end(struct gui *gui)
{
	gui->layout.indent -= gui->style.indent;
	gui_pop_id(gui);
}

/* ---- popups: menus and combos ------------------------------------------------------------------
 */

static void toggle_popup(struct gui *gui, const char *name)
{
	struct gui_window *popup = gui_window_find(gui, name);

	if (popup && popup->open && gui->open_popup == popup->id) {
		popup->open = false;
		gui->open_popup = 0;
		return;
	}
	gui_popup_open(gui, name);
}

/* Begins the popup NAME below ANCHOR if it is open. */
static bool popup_begin(struct gui *gui, const char *name, struct gui_rect anchor, int width)
{
	struct gui_window *popup = gui_window_find(gui, name);

	if (!popup || !popup->open || gui->open_popup != popup->id)
		return false;
	return gui_window_begin(gui, name,
				(struct gui_rect){anchor.x, anchor.y + anchor.h, width, 24},
				GUI_WINDOW_POPUP | GUI_WINDOW_NO_TITLE | GUI_WINDOW_NO_RESIZE);
}

static void close_popup(struct gui *gui)
{
	if (gui->current && gui->current->flags & GUI_WINDOW_POPUP)
		gui->current->open = false;
	gui->open_popup = 0;
}

bool gui_combo(struct gui *gui, const char *label, int *selected, const char *const *items,
	       int count)
{
	struct gui_rect rect = gui_layout_next(gui);
	uint32_t id = widget_id(gui, label);
	char name[64];
	bool changed = false;

	snprintf(name, sizeof(name), "#combo-%08x", id);
	if (gui_widget_update(gui, id, rect))
		toggle_popup(gui, name);
	gui_draw_rect(gui, rect, widget_color(gui, id, gui->style.base, gui->style.base_hot));
	gui_draw_frame(gui, rect, gui->style.border);
	if (*selected >= 0 && *selected < count)
		draw_label_text(gui, items[*selected], rect, gui->style.padding, gui->style.text);
	gui_draw_icon(gui, GUI_ICON_DOWN,
		      (struct gui_rect){rect.x + rect.w - rect.h, rect.y, rect.h, rect.h},
		      gui->style.text);
	gui_report_widget(gui, "combo", label, rect);
	if (popup_begin(gui, name, rect, rect.w)) {
		for (int i = 0; i < count; i++) {
			gui_push_id(gui, &i, sizeof(i));
			if (gui_list_item(gui, items[i], i == *selected)) {
				changed = *selected != i;
				*selected = i;
				close_popup(gui);
			}
			gui_pop_id(gui);
		}
		gui_window_end(gui);
	}
	return changed;
}

void gui_menubar_begin(struct gui *gui)
{
	gui_layout_row(gui, 1, NULL, 0);
	struct gui_rect bar = gui_layout_next(gui);
	gui_draw_rect(gui, bar, gui->style.button);
	gui->layout.next_x = bar.x;
	gui->in_menubar = true;
}

void gui_menubar_end(struct gui *gui)
{
	gui->in_menubar = false;
	gui_layout_row(gui, 1, NULL, 0);
}

bool gui_menu_begin(struct gui *gui, const char *label)
{
	struct gui_layout *layout = &gui->layout;
	int width =
	    gui_font_text_width(gui->font, label, (int)strlen(label)) + 2 * gui->style.padding;
	struct gui_rect rect = {layout->next_x, layout->row_y, width, layout->row_height};
	uint32_t id = widget_id(gui, label);
	char name[64];

	if (gui->in_menubar)
		layout->next_x += width;
	else
		rect = gui_layout_next(gui);
	snprintf(name, sizeof(name), "#menu-%08x", id);
	struct gui_window *popup = gui_window_find(gui, name);
	bool open = popup && popup->open && gui->open_popup == popup->id;
	if (gui_widget_update(gui, id, rect))
		toggle_popup(gui, name);
	if (open || gui->hot == id)
		gui_draw_rect(gui, rect, open ? gui->style.button_active : gui->style.button_hot);
	draw_label_text(gui, label, rect, gui->style.padding, gui->style.text);
	gui_report_widget(gui, "menu", label, rect);
	return popup_begin(gui, name, rect, 160);
}

bool gui_menu_item(struct gui *gui, const char *label)
{
	bool clicked = gui_list_item(gui, label, false);

	if (clicked)
		close_popup(gui);
	return clicked;
}

void gui_menu_end(struct gui *gui)
{
	gui_window_end(gui);
}
