// SPDX-License-Identifier: MIT
/* Yolk's GUI toolkit: immediate mode, in the manner of microui and Nuklear. The program calls
 * the widget functions every frame between gui_begin() and gui_end(); each returns its state
 * (clicked, changed, open). The context keeps only what must outlive a frame: windows (place,
 * z-order, scroll), which widget is hot or active, the text cursor and the clipboard. What to
 * draw is a list of commands (rectangles, text, icons, polygons, lines, clip changes) that the
 * renderer (apps/gui/render.h) turns into pixels, redrawing only what changed. Input comes in
 * through the gui_input_* calls (apps/gui/evdev_input.c feeds them from Linux's evdev).
 * No global state: a program may have several contexts. Pure code: host unit tests. */
#ifndef YOLK_GUI_H
#define YOLK_GUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "font.h"

#define GUI_MAX_COMMANDS    8192
#define GUI_MAX_TEXT	    (128 * 1024)
#define GUI_MAX_POINTS	    8192
#define GUI_MAX_WINDOWS	    32
#define GUI_MAX_TREE_NODES  64
#define GUI_MAX_COLUMNS	    16
#define GUI_MAX_CLIPS	    16
#define GUI_MAX_ID_DEPTH    16
#define GUI_CLIPBOARD_BYTES 4096

struct gui_rect {
	int x, y, w, h;
};

struct gui_color {
	uint8_t r, g, b, a;
};

struct gui_point {
	float x, y;
};

enum gui_icon {
	GUI_ICON_CLOSE,
	GUI_ICON_CHECK,
	GUI_ICON_RADIO,
	GUI_ICON_COLLAPSED,
	GUI_ICON_EXPANDED,
	GUI_ICON_RESIZE,
	GUI_ICON_CURSOR,
	GUI_ICON_DOWN,
};

enum gui_command_type {
	GUI_COMMAND_CLIP,    /* later commands are clipped to rect */
	GUI_COMMAND_RECT,    /* rect filled with color */
	GUI_COMMAND_TEXT,    /* text at rect.x, rect.y (rect: its extent) */
	GUI_COMMAND_ICON,    /* icon centred in rect */
	GUI_COMMAND_POLYGON, /* a filled polygon; rect: its bounds */
	GUI_COMMAND_LINE,    /* a line from points[0] to points[1]; rect: its bounds */
};

struct gui_command {
	enum gui_command_type type;
	struct gui_rect rect;
	struct gui_color color;
	uint32_t first; /* TEXT: offset in the text arena; POLYGON, LINE: first point */
	uint32_t count; /* TEXT: bytes; POLYGON, LINE: points */
	enum gui_icon icon;
	uint8_t owner; /* the window's index; GUI_MAX_WINDOWS: the overlay (the cursor) */
};

enum gui_key {
	GUI_KEY_SHIFT = 1 << 0,
	GUI_KEY_CTRL = 1 << 1,
	GUI_KEY_BACKSPACE = 1 << 2,
	GUI_KEY_DELETE = 1 << 3,
	GUI_KEY_RETURN = 1 << 4,
	GUI_KEY_LEFT = 1 << 5,
	GUI_KEY_RIGHT = 1 << 6,
	GUI_KEY_UP = 1 << 7,
	GUI_KEY_DOWN = 1 << 8,
	GUI_KEY_HOME = 1 << 9,
	GUI_KEY_END = 1 << 10,
	GUI_KEY_TAB = 1 << 11,
	GUI_KEY_ESCAPE = 1 << 12,
	GUI_KEY_SELECT_ALL = 1 << 13, /* Ctrl+A, Ctrl+C, Ctrl+X, Ctrl+V */
	GUI_KEY_COPY = 1 << 14,
	GUI_KEY_CUT = 1 << 15,
	GUI_KEY_PASTE = 1 << 16,
};

enum gui_mouse_button {
	GUI_MOUSE_LEFT = 1,
	GUI_MOUSE_RIGHT = 2,
	GUI_MOUSE_MIDDLE = 4,
};

/* What widgets return besides true/false. */
enum gui_result {
	GUI_RESULT_CHANGED = 1, /* the value (text, slider) changed */
	GUI_RESULT_SUBMIT = 2,	/* Return in a text field */
};

enum gui_window_flags {
	GUI_WINDOW_NO_CLOSE = 1 << 0,
	GUI_WINDOW_NO_RESIZE = 1 << 1,
	GUI_WINDOW_NO_TITLE = 1 << 2,
	GUI_WINDOW_POPUP = 1 << 3, /* closes on a click elsewhere; always on top */
};

struct gui_style {
	int padding, spacing, title_height, scrollbar_width, indent;
	struct gui_color text, text_dim, window, title, title_focused, title_text, border, button,
	    button_hot, button_active, base, base_hot, accent, selection, desktop;
};

struct gui_window {
	uint32_t id;
	char title[48];
	struct gui_rect rect;
	int flags;
	bool open, used;     /* used: begun this frame */
	unsigned z;	     /* higher is nearer */
	int scroll, content; /* vertical scroll and content height of the body */
};

/* A scrolling panel inside a window (gui_panel_begin). */
struct gui_layout {
	struct gui_rect body;  /* the area widgets go in, scrolled */
	struct gui_rect frame; /* what is visible */
	int x, y;	       /* the next row's top-left */
	int row_height, columns, column, widths[GUI_MAX_COLUMNS];
	int row_y, indent, max_y, next_x;
	int *scroll, *content; /* the window's or the panel's */
};

struct gui_input {
	int mouse_x, mouse_y, last_mouse_x, last_mouse_y;
	int mouse_down, mouse_pressed, mouse_released;
	int scroll; /* wheel steps, up positive */
	int keys_down, keys_pressed;
	char text[64]; /* UTF-8 typed this frame */
};

struct gui_text_cursor {
	uint32_t id;	   /* the text widget it belongs to */
	size_t position;   /* byte offset */
	size_t anchor;	   /* the other end of the selection (== position: none) */
	int scroll_x;	   /* a text field's horizontal scroll */
	int scroll_y;	   /* the editor's */
	int preferred_x;   /* up/down keep the column */
	bool move_to_view; /* after a key, make the cursor visible */
};

/* A window's building state, kept while a popup is built inside it. */
struct gui_saved_window {
	struct gui_window *window;
	struct gui_layout layout;
	int clip_depth, id_depth;
};

struct gui_panel_state {
	uint32_t id;
	int scroll, content;
};

struct gui {
	const struct gui_font *font;
	struct gui_style style;
	int width, height; /* the screen */
	unsigned frame;
	FILE *report; /* with it: a line per labelled widget on report frames (tests, docs) */
	bool report_frame;

	struct gui_input input;
	uint32_t hot, active, focus;
	uint32_t hover_window, dragging_window, resizing_window, focus_window;

	struct gui_window windows[GUI_MAX_WINDOWS];
	struct gui_window *current; /* the window being built */
	struct gui_saved_window saved[2];
	int saved_depth;
	uint32_t last_signature;
	unsigned z_counter;
	struct gui_layout layout, saved_layout;
	struct gui_rect last_rect; /* the last widget's place (gui_layout_next's last answer) */
	struct gui_panel_state panels[GUI_MAX_TREE_NODES];
	int panel_count;
	bool in_panel;

	uint32_t id_stack[GUI_MAX_ID_DEPTH];
	int id_depth;
	struct gui_rect clips[GUI_MAX_CLIPS];
	int clip_depth;

	uint32_t expanded[GUI_MAX_TREE_NODES]; /* tree nodes open */
	int expanded_count;
	uint32_t open_popup, opening_popup; /* a menu's or combo's popup window */
	bool in_menubar;

	struct gui_text_cursor text_cursor;
	char clipboard[GUI_CLIPBOARD_BYTES];
	size_t clipboard_length;
	bool show_cursor;

	struct gui_command commands[GUI_MAX_COMMANDS];
	uint32_t command_count;
	bool overflowed; /* a frame had more than the arenas hold: the rest was not drawn */
	char text[GUI_MAX_TEXT];
	uint32_t text_used;
	struct gui_point points[GUI_MAX_POINTS];
	uint32_t point_count;
	struct gui_command sorted[GUI_MAX_COMMANDS]; /* gui_end's sort */
};

/* The context, on the heap (it is large); NULL without memory. width x height: the screen. */
struct gui *gui_create(const struct gui_font *font, int width, int height);
void gui_destroy(struct gui *gui);
void gui_set_report(struct gui *gui, FILE *report);

/* Input for the next frame (apps/gui/evdev_input.c calls these from evdev). */
void gui_input_mouse_move(struct gui *gui, int x, int y);
void gui_input_mouse_button(struct gui *gui, int button, bool down);
void gui_input_scroll(struct gui *gui, int steps);
void gui_input_key(struct gui *gui, int key, bool down);
void gui_input_text(struct gui *gui, const char *utf8);

/* A frame: gui_begin, windows and their widgets, gui_end; then render the commands. */
void gui_begin(struct gui *gui);
void gui_end(struct gui *gui);

/* Windows: RECT is where the window first opens (it is moved and resized by the user after).
 * Returns false when it is closed (its close box, or gui_window_close): then skip its widgets
 * and do not call gui_window_end. */
bool gui_window_begin(struct gui *gui, const char *title, struct gui_rect rect, int flags);
void gui_window_end(struct gui *gui);
struct gui_window *gui_window_find(struct gui *gui, const char *title);
void gui_window_open(struct gui *gui, const char *title); /* reopens and raises it */
void gui_window_close(struct gui *gui, const char *title);
bool gui_window_is_open(struct gui *gui, const char *title);

/* Layout: rows of COLUMNS cells, WIDTHS in pixels (0: what is left shared, negative: up to
 * that far from the right edge), HEIGHT (0: one line of text). */
void gui_layout_row(struct gui *gui, int columns, const int *widths, int height);
struct gui_rect gui_layout_next(struct gui *gui);

/* IDs: widgets are told apart by their label within their window; loops push an index. */
uint32_t gui_id(struct gui *gui, const void *data, size_t length);
void gui_push_id(struct gui *gui, const void *data, size_t length);
void gui_pop_id(struct gui *gui);

/* Widgets (apps/gui/widgets.c). */
void gui_label(struct gui *gui, const char *text);
void gui_label_colored(struct gui *gui, const char *text, struct gui_color color);
bool gui_button(struct gui *gui, const char *label);
bool gui_checkbox(struct gui *gui, const char *label, bool *checked);
bool gui_radio(struct gui *gui, const char *label, int *value, int option);
bool gui_slider(struct gui *gui, const char *label, float *value, float low, float high);
void gui_progress(struct gui *gui, float fraction);
/* A text field over BUFFER (SIZE bytes with its NUL): enum gui_result bits. */
int gui_textbox(struct gui *gui, const char *label, char *buffer, size_t size);
/* A multi-line editor HEIGHT pixels high (0: the rest of the window). */
int gui_editor(struct gui *gui, const char *label, char *buffer, size_t size, int height);
bool gui_list_item(struct gui *gui, const char *label, bool selected);
bool gui_tree_begin(struct gui *gui, const char *label); /* true: open, then gui_tree_end */
void gui_tree_end(struct gui *gui);
void gui_panel_begin(struct gui *gui, const char *name, int height);
void gui_panel_end(struct gui *gui);
bool gui_combo(struct gui *gui, const char *label, int *selected, const char *const *items,
	       int count);
void gui_menubar_begin(struct gui *gui);
void gui_menubar_end(struct gui *gui);
bool gui_menu_begin(struct gui *gui, const char *label); /* true: open, then gui_menu_end */
bool gui_menu_item(struct gui *gui, const char *label);
void gui_menu_end(struct gui *gui);

/* Drawing, for widgets and for programs' own pictures (clipped to the window). */
void gui_draw_rect(struct gui *gui, struct gui_rect rect, struct gui_color color);
void gui_draw_frame(struct gui *gui, struct gui_rect rect, struct gui_color color);
void gui_draw_text(struct gui *gui, const char *text, int length, int x, int y,
		   struct gui_color color);
void gui_draw_icon(struct gui *gui, enum gui_icon icon, struct gui_rect rect,
		   struct gui_color color);
void gui_draw_polygon(struct gui *gui, const struct gui_point *points, int count,
		      struct gui_color color);
void gui_draw_line(struct gui *gui, struct gui_point from, struct gui_point to,
		   struct gui_color color);
void gui_push_clip(struct gui *gui, struct gui_rect rect);
void gui_pop_clip(struct gui *gui);

/* The commands of the last frame, back to front: *INDEX starts at 0; NULL at the end. */
const struct gui_command *gui_next_command(const struct gui *gui, uint32_t *index);

/* Rectangles. */
struct gui_rect gui_rect_intersect(struct gui_rect a, struct gui_rect b);
bool gui_rect_contains(struct gui_rect rect, int x, int y);

/* Internal to the toolkit's files (context.c, widgets.c, text_edit.c). */
void gui_popup_open(struct gui *gui, const char *name); /* closes any other popup */
bool gui_widget_update(struct gui *gui, uint32_t id, struct gui_rect rect);
void gui_report_widget(struct gui *gui, const char *kind, const char *label, struct gui_rect rect);
struct gui_color gui_rgb(uint8_t r, uint8_t g, uint8_t b);

#endif
