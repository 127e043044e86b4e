// SPDX-License-Identifier: MIT
/* The toolkit's context (see gui.h): frames, input, IDs, windows (dragging, resizing, closing,
 * focus and z-order), the layout of rows, clipping and the command list that the renderer
 * reads back to front. The widgets themselves are in widgets.c. */
#include "gui.h"

#include <stdlib.h>
#include <string.h>

#define RESIZE_GRIP 14

struct gui_color gui_rgb(uint8_t r, uint8_t g, uint8_t b)
{
	return (struct gui_color){r, g, b, 255};
}

static struct gui_style default_style(void)
{
	return (struct gui_style){
	    .padding = 6,
	    .spacing = 4,
	    .title_height = 26,
	    .scrollbar_width = 10,
	    .indent = 16,
	    .text = gui_rgb(0x20, 0x22, 0x28),
	    .text_dim = gui_rgb(0x70, 0x74, 0x7c),
	    .window = gui_rgb(0xee, 0xee, 0xec),
	    .title = gui_rgb(0x8a, 0x90, 0x9a),
	    .title_focused = gui_rgb(0x2f, 0x5f, 0xa8),
	    .title_text = gui_rgb(0xff, 0xff, 0xff),
	    .border = gui_rgb(0x50, 0x54, 0x5c),
	    .button = gui_rgb(0xd6, 0xd8, 0xdc),
	    .button_hot = gui_rgb(0xc4, 0xcc, 0xd8),
	    .button_active = gui_rgb(0x9c, 0xb0, 0xcc),
	    .base = gui_rgb(0xff, 0xff, 0xff),
	    .base_hot = gui_rgb(0xf4, 0xf6, 0xfa),
	    .accent = gui_rgb(0x2f, 0x7f, 0x3f),
	    .selection = gui_rgb(0xa8, 0xc8, 0xf0),
	    .desktop = gui_rgb(0x2a, 0x4a, 0x5a),
	};
}

struct gui *gui_create(const struct gui_font *font, int width, int height)
{
	struct gui *gui = calloc(1, sizeof(*gui));

	if (!gui)
		return NULL;
	gui->font = font;
	gui->style = default_style();
	gui->width = width;
	gui->height = height;
	gui->show_cursor = true;
	gui->input.mouse_x = gui->input.last_mouse_x = width / 2;
	gui->input.mouse_y = gui->input.last_mouse_y = height / 2;
	return gui;
}

void gui_destroy(struct gui *gui)
{
	free(gui);
}

void gui_set_report(struct gui *gui, FILE *report)
{
	gui->report = report;
	gui->report_frame = report != NULL;
}

/* ---- input ---------------------------------------------------------------------------------- */

void gui_input_mouse_move(struct gui *gui, int x, int y)
{
	gui->input.mouse_x = x < 0 ? 0 : x >= gui->width ? gui->width - 1 : x;
	gui->input.mouse_y = y < 0 ? 0 : y >= gui->height ? gui->height - 1 : y;
}

void gui_input_mouse_button(struct gui *gui, int button, bool down)
{
	if (down) {
		gui->input.mouse_down |= button;
		gui->input.mouse_pressed |= button;
	} else {
		gui->input.mouse_down &= ~button;
		gui->input.mouse_released |= button;
	}
}

void gui_input_scroll(struct gui *gui, int steps)
{
	gui->input.scroll += steps;
}

void gui_input_key(struct gui *gui, int key, bool down)
{
	if (down) {
		gui->input.keys_down |= key;
		gui->input.keys_pressed |= key;
	} else {
		gui->input.keys_down &= ~key;
	}
}

void gui_input_text(struct gui *gui, const char *utf8)
{
	size_t used = strlen(gui->input.text), length = strlen(utf8);

	if (used + length < sizeof(gui->input.text))
		memcpy(gui->input.text + used, utf8, length + 1);
}

/* ---- IDs ------------------------------------------------------------------------------------ */

static uint32_t hash_bytes(uint32_t hash, const void *data, size_t length)
{
	const unsigned char *bytes = data;

	for (size_t i = 0; i < length; i++)
		hash = (hash ^ bytes[i]) * 16777619u; /* FNV-1a */
	return hash;
}

uint32_t gui_id(struct gui *gui, const void *data, size_t length)
{
	uint32_t seed = gui->id_depth ? gui->id_stack[gui->id_depth - 1] : 2166136261u;
	uint32_t id = hash_bytes(seed, data, length);

	return id ? id : 1;
}

void gui_push_id(struct gui *gui, const void *data, size_t length)
{
	if (gui->id_depth < GUI_MAX_ID_DEPTH) {
		uint32_t id = gui_id(gui, data, length);
		gui->id_stack[gui->id_depth++] = id;
	}
}

void gui_pop_id(struct gui *gui)
{
	if (gui->id_depth > 0)
		gui->id_depth--;
}

/* ---- rectangles and commands ---------------------------------------------------------------- */

struct gui_rect gui_rect_intersect(struct gui_rect a, struct gui_rect b)
{
	int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
	int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
	int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;

	return (struct gui_rect){x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0};
}

bool gui_rect_contains(struct gui_rect rect, int x, int y)
{
	return x >= rect.x && y >= rect.y && x < rect.x + rect.w && y < rect.y + rect.h;
}

static struct gui_rect current_clip(struct gui *gui)
{
	return gui->clip_depth ? gui->clips[gui->clip_depth - 1]
			       : (struct gui_rect){0, 0, gui->width, gui->height};
}

/* The window index a command belongs to: the current window's, or the overlay's. */
static uint8_t current_owner(struct gui *gui)
{
	return gui->current ? (uint8_t)(gui->current - gui->windows) : GUI_MAX_WINDOWS;
}

static struct gui_command *push_command(struct gui *gui, enum gui_command_type type,
					struct gui_rect rect, struct gui_color color)
{
	if (gui->command_count >= GUI_MAX_COMMANDS) {
		gui->overflowed = true;
		return NULL;
	}
	struct gui_command *command = &gui->commands[gui->command_count++];
	*command = (struct gui_command){
	    .type = type, .rect = rect, .color = color, .owner = current_owner(gui)};
	return command;
}

static void emit_clip(struct gui *gui)
{
	push_command(gui, GUI_COMMAND_CLIP, current_clip(gui), (struct gui_color){0});
}

void gui_push_clip(struct gui *gui, struct gui_rect rect)
{
	if (gui->clip_depth >= GUI_MAX_CLIPS)
		return;
	gui->clips[gui->clip_depth] = gui_rect_intersect(rect, current_clip(gui));
	gui->clip_depth++;
	emit_clip(gui);
}

void gui_pop_clip(struct gui *gui)
{
	if (gui->clip_depth > 0)
		gui->clip_depth--;
	emit_clip(gui);
}

/* Is any of RECT inside the clip? Commands wholly clipped are not recorded. */
static bool visible(struct gui *gui, struct gui_rect rect)
{
	struct gui_rect shown = gui_rect_intersect(rect, current_clip(gui));
	return shown.w > 0 && shown.h > 0;
}

void gui_draw_rect(struct gui *gui, struct gui_rect rect, struct gui_color color)
{
	if (visible(gui, rect))
		push_command(gui, GUI_COMMAND_RECT, rect, color);
}

void gui_draw_frame(struct gui *gui, struct gui_rect r, struct gui_color color)
{
	gui_draw_rect(gui, (struct gui_rect){r.x, r.y, r.w, 1}, color);
	gui_draw_rect(gui, (struct gui_rect){r.x, r.y + r.h - 1, r.w, 1}, color);
	gui_draw_rect(gui, (struct gui_rect){r.x, r.y + 1, 1, r.h - 2}, color);
	gui_draw_rect(gui, (struct gui_rect){r.x + r.w - 1, r.y + 1, 1, r.h - 2}, color);
}

void gui_draw_text(struct gui *gui, const char *text, int length, int x, int y,
		   struct gui_color color)
{
	if (length < 0)
		length = (int)strlen(text);
	struct gui_rect rect = {x, y, gui_font_text_width(gui->font, text, length),
				gui->font->height};
	if (!length || !visible(gui, rect))
		return;
	if (gui->text_used + (uint32_t)length > GUI_MAX_TEXT) {
		gui->overflowed = true;
		return;
	}
	struct gui_command *command = push_command(gui, GUI_COMMAND_TEXT, rect, color);
	if (!command)
		return;
	memcpy(gui->text + gui->text_used, text, (size_t)length);
	command->first = gui->text_used;
	command->count = (uint32_t)length;
	gui->text_used += (uint32_t)length;
}

void gui_draw_icon(struct gui *gui, enum gui_icon icon, struct gui_rect rect,
		   struct gui_color color)
{
	if (!visible(gui, rect))
		return;
	struct gui_command *command = push_command(gui, GUI_COMMAND_ICON, rect, color);
	if (command)
		command->icon = icon;
}

static void push_points(struct gui *gui, enum gui_command_type type, const struct gui_point *points,
			int count, struct gui_color color)
{
	if (count < 2)
		return;
	float x0 = points[0].x, y0 = points[0].y, x1 = x0, y1 = y0;
	for (int i = 1; i < count; i++) {
		x0 = points[i].x < x0 ? points[i].x : x0;
		y0 = points[i].y < y0 ? points[i].y : y0;
		x1 = points[i].x > x1 ? points[i].x : x1;
		y1 = points[i].y > y1 ? points[i].y : y1;
	}
	struct gui_rect rect = {(int)x0 - 1, (int)y0 - 1, (int)(x1 - x0) + 3, (int)(y1 - y0) + 3};
	if (!visible(gui, rect))
		return;
	if (gui->point_count + (uint32_t)count > GUI_MAX_POINTS) {
		gui->overflowed = true;
		return;
	}
	struct gui_command *command = push_command(gui, type, rect, color);
	if (!command)
		return;
	memcpy(gui->points + gui->point_count, points, sizeof(*points) * (size_t)count);
	command->first = gui->point_count;
	command->count = (uint32_t)count;
	gui->point_count += (uint32_t)count;
}

void gui_draw_polygon(struct gui *gui, const struct gui_point *points, int count,
		      struct gui_color color)
{
	if (count >= 3)
		push_points(gui, GUI_COMMAND_POLYGON, points, count, color);
}

void gui_draw_line(struct gui *gui, struct gui_point from, struct gui_point to,
		   struct gui_color color)
{
	struct gui_point points[2] = {from, to};
	push_points(gui, GUI_COMMAND_LINE, points, 2, color);
}

const struct gui_command *gui_next_command(const struct gui *gui, uint32_t *index)
{
	/* gui_end sorted them back to front. */
	if (*index >= gui->command_count)
		return NULL;
	return &gui->commands[(*index)++];
}

/* ---- reporting (tests, docs) ---------------------------------------------------------------- */

void gui_report_widget(struct gui *gui, const char *kind, const char *label, struct gui_rect rect)
{
	if (!gui->report || !gui->report_frame || !label || !label[0])
		return;
	fprintf(gui->report, "GUI %s \"%s/%s\" %d %d %d %d\n", kind,
		gui->current ? gui->current->title : "", label, rect.x, rect.y, rect.w, rect.h);
}

/* ---- windows -------------------------------------------------------------------------------- */

static struct gui_window *window_by_id(struct gui *gui, uint32_t id, bool create)
{
	struct gui_window *free_slot = NULL;

	for (int i = 0; i < GUI_MAX_WINDOWS; i++) {
		if (gui->windows[i].id == id)
			return &gui->windows[i];
		if (!gui->windows[i].id && !free_slot)
			free_slot = &gui->windows[i];
	}
	if (!create || !free_slot)
		return NULL;
	memset(free_slot, 0, sizeof(*free_slot));
	free_slot->id = id;
	free_slot->open = true;
	free_slot->z = ++gui->z_counter;
	return free_slot;
}

static uint32_t window_id(const char *title)
{
	uint32_t id = hash_bytes(2166136261u, "window:", 7);
	id = hash_bytes(id, title, strlen(title));
	return id ? id : 1;
}

struct gui_window *gui_window_find(struct gui *gui, const char *title)
{
	return window_by_id(gui, window_id(title), false);
}

static void raise_window(struct gui *gui, struct gui_window *window)
{
	window->z = ++gui->z_counter;
	if (!(window->flags & GUI_WINDOW_POPUP))
		gui->focus_window = window->id;
}

void gui_window_open(struct gui *gui, const char *title)
{
	struct gui_window *window = gui_window_find(gui, title);

	if (window) {
		window->open = true;
		raise_window(gui, window);
	}
}

void gui_window_close(struct gui *gui, const char *title)
{
	struct gui_window *window = gui_window_find(gui, title);

	if (window)
		window->open = false;
}

void gui_popup_open(struct gui *gui, const char *name)
{
	struct gui_window *old = gui->open_popup ? window_by_id(gui, gui->open_popup, false) : NULL;
	struct gui_window *popup = window_by_id(gui, window_id(name), true);

	if (old && old != popup)
		old->open = false;
	if (!popup)
		return;
	popup->open = true;
	popup->flags = GUI_WINDOW_POPUP;
	if (!popup->title[0])
		snprintf(popup->title, sizeof(popup->title), "%s", name);
	popup->z = ++gui->z_counter;
	gui->open_popup = gui->opening_popup = popup->id;
}

bool gui_window_is_open(struct gui *gui, const char *title)
{
	struct gui_window *window = gui_window_find(gui, title);
	return window && window->open;
}

/* The topmost open window under the mouse, as the windows were at the end of the last frame;
 * popups are above everything. */
static uint32_t window_under_mouse(struct gui *gui)
{
	struct gui_window *best = NULL;

	for (int i = 0; i < GUI_MAX_WINDOWS; i++) {
		struct gui_window *window = &gui->windows[i];
		if (!window->id || !window->open || !window->used ||
		    !gui_rect_contains(window->rect, gui->input.mouse_x, gui->input.mouse_y))
			continue;
		unsigned z = window->z + ((window->flags & GUI_WINDOW_POPUP) ? 1u << 30 : 0);
		unsigned best_z =
		    best ? best->z + ((best->flags & GUI_WINDOW_POPUP) ? 1u << 30 : 0) : 0;
		if (!best || z > best_z)
			best = window;
	}
	return best ? best->id : 0;
}

static void start_layout(struct gui *gui, struct gui_rect frame, int *scroll, int *content)
{
	int padding = gui->style.padding;
	struct gui_layout *layout = &gui->layout;

	memset(layout, 0, sizeof(*layout));
	layout->frame = frame;
	layout->body = (struct gui_rect){frame.x + padding, frame.y + padding - *scroll,
					 frame.w - 2 * padding, frame.h - 2 * padding};
	if (*content > frame.h)
		layout->body.w -= gui->style.scrollbar_width;
	layout->x = layout->body.x;
	layout->y = layout->row_y = layout->body.y;
	layout->max_y = layout->body.y;
	layout->scroll = scroll;
	layout->content = content;
	gui_layout_row(gui, 1, NULL, 0);
}

static void drag_and_resize(struct gui *gui, struct gui_window *window, struct gui_rect title)
{
	struct gui_input *in = &gui->input;
	int dx = in->mouse_x - in->last_mouse_x, dy = in->mouse_y - in->last_mouse_y;
	struct gui_rect grip = {window->rect.x + window->rect.w - RESIZE_GRIP,
				window->rect.y + window->rect.h - RESIZE_GRIP, RESIZE_GRIP,
				RESIZE_GRIP};

	if ((in->mouse_pressed & GUI_MOUSE_LEFT) && gui->hover_window == window->id &&
	    !gui->active) {
		if (!(window->flags & GUI_WINDOW_NO_TITLE) &&
		    gui_rect_contains(title, in->mouse_x, in->mouse_y))
			gui->dragging_window = window->id;
		else if (!(window->flags & GUI_WINDOW_NO_RESIZE) &&
			 gui_rect_contains(grip, in->mouse_x, in->mouse_y))
			gui->resizing_window = window->id;
	}
	if (gui->dragging_window == window->id) {
		window->rect.x += dx;
		window->rect.y += dy;
		/* Keep some of the title bar on the screen, so it can be dragged back. */
		int min_x = 40 - window->rect.w, max_x = gui->width - 40;
		window->rect.x = window->rect.x < min_x ? min_x : window->rect.x;
		window->rect.x = window->rect.x > max_x ? max_x : window->rect.x;
		window->rect.y = window->rect.y < 0 ? 0 : window->rect.y;
		window->rect.y =
		    window->rect.y > gui->height - 20 ? gui->height - 20 : window->rect.y;
	}
	if (gui->resizing_window == window->id) {
		window->rect.w = window->rect.w + dx < 120 ? 120 : window->rect.w + dx;
		window->rect.h = window->rect.h + dy < 80 ? 80 : window->rect.h + dy;
	}
}

bool gui_window_begin(struct gui *gui, const char *title, struct gui_rect rect, int flags)
{
	uint32_t id = window_id(title);
	struct gui_window *window = window_by_id(gui, id, true);
	const struct gui_style *style = &gui->style;

	if (!window || !window->open)
		return false;
	if (!window->title[0]) {
		snprintf(window->title, sizeof(window->title), "%s", title);
		window->rect = rect;
		/* The first window has the focus; later ones get it when raised (a click,
		 * gui_window_open), so windows drawn before them in this frame stay right. */
		if (!(flags & GUI_WINDOW_POPUP) && !gui->focus_window)
			gui->focus_window = id;
	}
	window->flags = flags;
	if (flags & GUI_WINDOW_POPUP)
		window->rect.x = rect.x, window->rect.y = rect.y, window->rect.w = rect.w;
	if (gui->current) {
		if (gui->saved_depth == 2)
			return false; /* popups nest two deep at most */
		gui->saved[gui->saved_depth++] = (struct gui_saved_window){
		    gui->current, gui->layout, gui->clip_depth, gui->id_depth};
	}
	gui->current = window;
	window->used = true;
	gui->id_depth = 0;
	gui_push_id(gui, title, strlen(title));

	int title_height = (flags & GUI_WINDOW_NO_TITLE) ? 0 : style->title_height;
	struct gui_rect title_bar = {window->rect.x, window->rect.y, window->rect.w, title_height};
	struct gui_rect close_box = {window->rect.x + window->rect.w - title_height, window->rect.y,
				     title_height, title_height};
	bool has_close = !(flags & (GUI_WINDOW_NO_CLOSE | GUI_WINDOW_NO_TITLE));
	if (has_close)
		title_bar.w -= title_height;
	drag_and_resize(gui, window, title_bar);
	close_box.x = window->rect.x + window->rect.w - title_height; /* where the drag put it */
	close_box.y = window->rect.y;

	/* The window's own clip: not inside its parent's. */
	gui->clip_depth = gui->clip_depth < GUI_MAX_CLIPS ? gui->clip_depth : GUI_MAX_CLIPS - 1;
	gui->clips[gui->clip_depth++] =
	    gui_rect_intersect(window->rect, (struct gui_rect){0, 0, gui->width, gui->height});
	emit_clip(gui);
	gui_draw_rect(gui, window->rect, style->window);
	gui_draw_frame(gui, window->rect, style->border);
	if (title_height) {
		bool focused = gui->focus_window == id;
		gui_draw_rect(
		    gui,
		    (struct gui_rect){window->rect.x, window->rect.y, window->rect.w, title_height},
		    focused ? style->title_focused : style->title);
		gui_draw_text(gui, title, -1, window->rect.x + style->padding,
			      window->rect.y + (title_height - gui->font->height) / 2,
			      style->title_text);
		gui_report_widget(gui, "window", title, window->rect);
	}
	if (has_close) {
		uint32_t close_id = gui_id(gui, "#close", 6);
		gui_draw_icon(gui, GUI_ICON_CLOSE, close_box, style->title_text);
		gui_report_widget(gui, "close", "#close", close_box);
		if (gui_widget_update(gui, close_id, close_box))
			window->open = false;
	}
	struct gui_rect body = {window->rect.x + 1, window->rect.y + title_height,
				window->rect.w - 2, window->rect.h - title_height - 1};
	gui_push_clip(gui, body);
	start_layout(gui, body, &window->scroll, &window->content);
	return true;
}

static void scrollbar(struct gui *gui, struct gui_rect frame, int *scroll, int content,
		      const char *name)
{
	int limit = content - frame.h;

	if (gui->input.scroll && gui_rect_contains(frame, gui->input.mouse_x, gui->input.mouse_y) &&
	    gui->hover_window == gui->current->id) {
		*scroll -= gui->input.scroll * 3 * gui->font->height;
		gui->input.scroll = 0;
	}
	if (limit <= 0) {
		*scroll = 0;
		return;
	}
	int width = gui->style.scrollbar_width;
	struct gui_rect track = {frame.x + frame.w - width, frame.y, width, frame.h};
	uint32_t id = gui_id(gui, name, strlen(name));
	if (gui_widget_update(gui, id, track) || gui->active == id) {
		int dy = gui->input.mouse_y - gui->input.last_mouse_y;
		*scroll += dy * content / frame.h;
	}
	*scroll = *scroll < 0 ? 0 : *scroll > limit ? limit : *scroll;
	int thumb = frame.h * frame.h / content;
	thumb = thumb < 16 ? 16 : thumb;
	int thumb_y = frame.y + (frame.h - thumb) * *scroll / limit;
	gui_draw_rect(gui, track, gui->style.button);
	gui_draw_rect(gui, (struct gui_rect){track.x + 2, thumb_y, width - 4, thumb},
		      gui->active == id ? gui->style.button_active : gui->style.border);
}

static void finish_layout(struct gui *gui, const char *scroll_name)
{
	struct gui_layout *layout = &gui->layout;
	*layout->content = layout->max_y - layout->body.y + 2 * gui->style.padding;
	scrollbar(gui, layout->frame, layout->scroll, *layout->content, scroll_name);
}

void gui_window_end(struct gui *gui)
{
	struct gui_window *window = gui->current;

	if (!window)
		return;
	finish_layout(gui, "#scroll");
	gui_pop_clip(gui);
	if (!(window->flags & GUI_WINDOW_NO_RESIZE)) {
		struct gui_rect grip = {window->rect.x + window->rect.w - RESIZE_GRIP,
					window->rect.y + window->rect.h - RESIZE_GRIP, RESIZE_GRIP,
					RESIZE_GRIP};
		gui_draw_icon(gui, GUI_ICON_RESIZE, grip, gui->style.border);
	}
	if (window->flags & GUI_WINDOW_POPUP) /* a popup is as tall as what it holds */
		window->rect.h = *gui->layout.content + 2;
	gui->clip_depth--;
	if (gui->saved_depth) {
		struct gui_saved_window *saved = &gui->saved[--gui->saved_depth];
		gui->current = saved->window;
		gui->layout = saved->layout;
		gui->clip_depth = saved->clip_depth;
		gui->id_depth = saved->id_depth;
	} else {
		gui->current = NULL;
		gui->id_depth = 0;
	}
}

/* ---- layout --------------------------------------------------------------------------------- */

void gui_layout_row(struct gui *gui, int columns, const int *widths, int height)
{
	struct gui_layout *layout = &gui->layout;

	if (layout->column > 0 || layout->row_height) { /* below the row before */
		int bottom = layout->row_y + layout->row_height + gui->style.spacing;
		layout->row_y = layout->column > 0 ? bottom : layout->row_y;
	}
	columns = columns < 1 ? 1 : columns > GUI_MAX_COLUMNS ? GUI_MAX_COLUMNS : columns;
	layout->columns = columns;
	for (int i = 0; i < columns; i++)
		layout->widths[i] = widths ? widths[i] : 0;
	layout->row_height = height > 0 ? height : gui->font->height + 8;
	layout->column = 0;
	layout->next_x = layout->body.x + layout->indent;
}

struct gui_rect gui_layout_next(struct gui *gui)
{
	struct gui_layout *layout = &gui->layout;
	int spacing = gui->style.spacing;

	if (layout->column >= layout->columns) {
		layout->row_y += layout->row_height + spacing;
		layout->column = 0;
		layout->next_x = layout->body.x + layout->indent;
	}
	int right = layout->body.x + layout->body.w;
	int width = layout->widths[layout->column];
	if (width < 0) { /* up to -width from the right edge */
		width = right + width - layout->next_x;
	} else if (width == 0) { /* a share of what the columns after this one leave */
		int rest = right - layout->next_x, shared = 0;
		for (int i = layout->column; i < layout->columns; i++) {
			int w = layout->widths[i];
			rest -= i > layout->column ? spacing : 0;
			if (w == 0)
				shared++;
			else if (i > layout->column)
				rest -= w > 0 ? w : -w;
		}
		width = rest / shared;
	}
	width = width < 0 ? 0 : width;
	struct gui_rect rect = {layout->next_x, layout->row_y, width, layout->row_height};
	layout->next_x += width + spacing;
	layout->column++;
	int bottom = rect.y + rect.h;
	layout->max_y = bottom > layout->max_y ? bottom : layout->max_y;
	gui->last_rect = rect;
	return rect;
}

/* ---- panels (scroll regions) ------------------------------------------------------------------
 */

static struct gui_panel_state *panel_state(struct gui *gui, uint32_t id)
{
	for (int i = 0; i < gui->panel_count; i++)
		if (gui->panels[i].id == id)
			return &gui->panels[i];
	if (gui->panel_count == GUI_MAX_TREE_NODES)
		return &gui->panels[GUI_MAX_TREE_NODES - 1];
	gui->panels[gui->panel_count] = (struct gui_panel_state){.id = id};
	return &gui->panels[gui->panel_count++];
}

void gui_panel_begin(struct gui *gui, const char *name, int height)
{
	if (gui->in_panel || !gui->current)
		return;
	gui_layout_row(gui, 1, NULL, height);
	struct gui_rect frame = gui_layout_next(gui);
	struct gui_panel_state *state = panel_state(gui, gui_id(gui, name, strlen(name)));
	gui->saved_layout = gui->layout;
	gui->in_panel = true;
	gui_draw_rect(gui, frame, gui->style.base);
	gui_draw_frame(gui, frame, gui->style.button);
	gui_push_clip(gui, frame);
	gui_push_id(gui, name, strlen(name));
	start_layout(gui, frame, &state->scroll, &state->content);
}

void gui_panel_end(struct gui *gui)
{
	if (!gui->in_panel)
		return;
	finish_layout(gui, "#panel-scroll");
	gui_pop_id(gui);
	gui_pop_clip(gui);
	gui->layout = gui->saved_layout;
	gui->in_panel = false;
	gui_layout_row(gui, 1, NULL, 0);
}

/* ---- widgets' shared state ------------------------------------------------------------------- */

/* Hover, press and click for the widget ID over RECT: true when it was clicked (pressed and
 * released over it). */
bool gui_widget_update(struct gui *gui, uint32_t id, struct gui_rect rect)
{
	struct gui_input *in = &gui->input;
	bool over = gui_rect_contains(rect, in->mouse_x, in->mouse_y) &&
		    gui_rect_contains(current_clip(gui), in->mouse_x, in->mouse_y) &&
		    gui->current && gui->hover_window == gui->current->id &&
		    !gui->dragging_window && !gui->resizing_window;

	if (over && (!gui->active || gui->active == id))
		gui->hot = id;
	if (over && (in->mouse_pressed & GUI_MOUSE_LEFT) && !gui->active) {
		gui->active = id;
		gui->focus = id;
	}
	return gui->active == id && (in->mouse_released & GUI_MOUSE_LEFT) && over;
}

/* ---- frames --------------------------------------------------------------------------------- */

void gui_begin(struct gui *gui)
{
	struct gui_input *in = &gui->input;

	gui->command_count = gui->text_used = gui->point_count = 0;
	gui->overflowed = false;
	gui->clip_depth = 0;
	gui->current = NULL;
	gui->hot = 0;
	gui->hover_window = window_under_mouse(gui);
	if (in->mouse_pressed && gui->hover_window) {
		struct gui_window *window = window_by_id(gui, gui->hover_window, false);
		raise_window(gui, window);
	}
	if (in->mouse_pressed && !gui->hover_window)
		gui->focus_window = 0;
	if (gui->report && gui->report_frame)
		fprintf(gui->report, "GUI frame %u\n", gui->frame);
	for (int i = 0; i < GUI_MAX_WINDOWS; i++)
		gui->windows[i].used = false;
	gui->opening_popup = 0;
}

/* A value that changes when a window moves, opens, closes or changes places in the z-order:
 * the next frame is then reported. */
static uint32_t windows_signature(const struct gui *gui)
{
	uint32_t hash = 2166136261u;

	for (int i = 0; i < GUI_MAX_WINDOWS; i++) {
		const struct gui_window *w = &gui->windows[i];
		if (!w->id || !w->used)
			continue;
		int state[6] = {w->rect.x, w->rect.y, w->rect.w, w->rect.h, w->open, (int)w->z};
		hash = hash_bytes(hash, state, sizeof(state));
	}
	return hash;
}

/* Sorts the frame's commands by window, back to front (a stable counting sort), the overlay
 * (the cursor) last. */
static void sort_commands(struct gui *gui)
{
	const unsigned overlay = GUI_MAX_WINDOWS;
	unsigned rank[GUI_MAX_WINDOWS + 1], count = 0;
	unsigned starts[GUI_MAX_WINDOWS + 2] = {0};

	/* Rank windows by z (popups above all), then the overlay. */
	bool placed[GUI_MAX_WINDOWS] = {0};
	for (;;) {
		int best = -1;
		unsigned best_z = 0;
		for (int i = 0; i < GUI_MAX_WINDOWS; i++) {
			const struct gui_window *w = &gui->windows[i];
			unsigned z = w->z + ((w->flags & GUI_WINDOW_POPUP) ? 1u << 30 : 0);
			if (!placed[i] && w->id && (best < 0 || z < best_z))
				best = i, best_z = z;
		}
		if (best < 0)
			break;
		placed[best] = true;
		rank[best] = count++;
	}
	rank[overlay] = count++;
	for (uint32_t i = 0; i < gui->command_count; i++)
		starts[rank[gui->commands[i].owner] + 1]++;
	for (unsigned r = 1; r <= count; r++)
		starts[r] += starts[r - 1];
	for (uint32_t i = 0; i < gui->command_count; i++)
		gui->sorted[starts[rank[gui->commands[i].owner]]++] = gui->commands[i];
	memcpy(gui->commands, gui->sorted, sizeof(gui->sorted[0]) * gui->command_count);
}

void gui_end(struct gui *gui)
{
	struct gui_input *in = &gui->input;

	while (gui->current)
		gui_window_end(gui);
	/* A click outside the open popup closes it. */
	if (gui->open_popup && in->mouse_pressed && gui->opening_popup != gui->open_popup) {
		struct gui_window *popup = window_by_id(gui, gui->open_popup, false);
		if (!popup || gui->hover_window != popup->id) {
			if (popup)
				popup->open = false;
			gui->open_popup = 0;
		}
	}
	if (gui->show_cursor) {
		gui->clip_depth = 0;
		emit_clip(gui);
		gui_draw_icon(gui, GUI_ICON_CURSOR,
			      (struct gui_rect){in->mouse_x, in->mouse_y, 14, 21}, gui->style.text);
	}
	sort_commands(gui);
	if (!in->mouse_down) {
		gui->active = 0;
		gui->dragging_window = gui->resizing_window = 0;
	}
	if ((in->mouse_pressed & GUI_MOUSE_LEFT) && gui->focus && gui->active != gui->focus)
		gui->focus = 0;
	if ((in->mouse_pressed & GUI_MOUSE_LEFT) && !gui->active)
		gui->focus = 0;
	uint32_t signature = windows_signature(gui);
	gui->report_frame = gui->report && signature != gui->last_signature;
	gui->last_signature = signature;
	in->last_mouse_x = in->mouse_x;
	in->last_mouse_y = in->mouse_y;
	in->mouse_pressed = in->mouse_released = 0;
	in->keys_pressed = 0;
	in->scroll = 0;
	in->text[0] = 0;
	gui->frame++;
}
