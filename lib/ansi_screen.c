// SPDX-License-Identifier: MIT
/* A text screen driven by a VT100/ANSI subset (see lib/ansi_screen.h). */
#include "lib/ansi_screen.h"

enum parser_state { STATE_GROUND, STATE_ESCAPE, STATE_CSI, STATE_CHARSET };

#define DEFAULT_FOREGROUND 7
#define DEFAULT_BACKGROUND 0

/* ANSI colour numbers (red = 1, green = 2, ...) to VGA's (blue = 1, green = 2, red = 4). */
static const uint8_t vga_colour[8] = {0, 4, 2, 6, 1, 5, 3, 7};

static uint16_t blank(const struct ansi_screen *screen)
{
	return (uint16_t)(' ' | (screen->background << 4 | DEFAULT_FOREGROUND) << 8);
}

static uint8_t attribute(const struct ansi_screen *screen)
{
	uint8_t foreground = screen->foreground | (screen->bold ? 8 : 0);
	uint8_t background = screen->background;

	if (screen->reverse) {
		uint8_t swap = foreground & 7;

		foreground = background | (foreground & 8);
		background = swap;
	}
	return (uint8_t)(background << 4 | foreground);
}

static void clear_cells(struct ansi_screen *screen, int from, int to) /* [from, to) */
{
	for (int i = from; i < to; i++)
		screen->cells[i] = blank(screen);
}

/* Scrolls the region up (COUNT > 0) or down by |COUNT| lines. */
static void scroll(struct ansi_screen *screen, int count)
{
	int top = screen->top, bottom = screen->bottom, columns = screen->columns;
	int height = bottom - top + 1;

	if (count > height)
		count = height;
	if (count < -height)
		count = -height;
	if (count > 0) {
		for (int row = top; row <= bottom - count; row++)
			for (int column = 0; column < columns; column++)
				screen->cells[row * columns + column] =
				    screen->cells[(row + count) * columns + column];
		clear_cells(screen, (bottom - count + 1) * columns, (bottom + 1) * columns);
	} else if (count < 0) {
		count = -count;
		for (int row = bottom; row >= top + count; row--)
			for (int column = 0; column < columns; column++)
				screen->cells[row * columns + column] =
				    screen->cells[(row - count) * columns + column];
		clear_cells(screen, top * columns, (top + count) * columns);
	}
}

static void line_feed(struct ansi_screen *screen)
{
	if (screen->row == screen->bottom)
		scroll(screen, 1);
	else if (screen->row < screen->rows - 1)
		screen->row++;
}

static void put_character(struct ansi_screen *screen, char character)
{
	if (screen->wrap_pending) {
		screen->column = 0;
		line_feed(screen);
		screen->wrap_pending = false;
	}
	screen->cells[screen->row * screen->columns + screen->column] =
	    (uint16_t)((uint8_t)character | attribute(screen) << 8);
	if (screen->column == screen->columns - 1)
		screen->wrap_pending = true;
	else
		screen->column++;
}

static int clamp(int value, int low, int high)
{
	return value < low ? low : value > high ? high : value;
}

static int parameter(const struct ansi_screen *screen, int index, int fallback)
{
	int value = index < screen->parameter_count ? screen->parameters[index] : 0;

	return value ? value : fallback;
}

static void move_to(struct ansi_screen *screen, int row, int column)
{
	screen->row = clamp(row, 0, screen->rows - 1);
	screen->column = clamp(column, 0, screen->columns - 1);
	screen->wrap_pending = false;
}

static void erase(struct ansi_screen *screen, bool whole_display, int mode)
{
	int cursor = screen->row * screen->columns + screen->column;
	int line_start = screen->row * screen->columns;
	int start = whole_display ? 0 : line_start;
	int end = whole_display ? screen->rows * screen->columns : line_start + screen->columns;

	if (mode == 0)
		clear_cells(screen, cursor, end);
	else if (mode == 1)
		clear_cells(screen, start, cursor + 1);
	else
		clear_cells(screen, start, end);
}

static void select_graphic_rendition(struct ansi_screen *screen)
{
	for (int i = 0; i < (screen->parameter_count ? screen->parameter_count : 1); i++) {
		int code = i < screen->parameter_count ? screen->parameters[i] : 0;

		if (code == 0) {
			screen->foreground = DEFAULT_FOREGROUND;
			screen->background = DEFAULT_BACKGROUND;
			screen->bold = screen->reverse = false;
		} else if (code == 1) {
			screen->bold = true;
		} else if (code == 22) {
			screen->bold = false;
		} else if (code == 7) {
			screen->reverse = true;
		} else if (code == 27) {
			screen->reverse = false;
		} else if (code >= 30 && code <= 37) {
			screen->foreground = vga_colour[code - 30];
		} else if (code == 39) {
			screen->foreground = DEFAULT_FOREGROUND;
		} else if (code >= 40 && code <= 47) {
			screen->background = vga_colour[code - 40];
		} else if (code == 49) {
			screen->background = DEFAULT_BACKGROUND;
		} else if (code >= 90 && code <= 97) {
			screen->foreground = vga_colour[code - 90] | 8;
		} else if (code >= 100 && code <= 107) {
			screen->background = vga_colour[code - 100];
		}
	}
}

static void control_sequence(struct ansi_screen *screen, char final)
{
	int count = parameter(screen, 0, 1);

	switch (final) {
	case 'A':
		move_to(screen, screen->row - count, screen->column);
		break;
	case 'B':
		move_to(screen, screen->row + count, screen->column);
		break;
	case 'C':
		move_to(screen, screen->row, screen->column + count);
		break;
	case 'D':
		move_to(screen, screen->row, screen->column - count);
		break;
	case 'H':
	case 'f':
		move_to(screen, parameter(screen, 0, 1) - 1, parameter(screen, 1, 1) - 1);
		break;
	case 'J':
		erase(screen, true, parameter(screen, 0, 0));
		break;
	case 'K':
		erase(screen, false, parameter(screen, 0, 0));
		break;
	case 'm':
		select_graphic_rendition(screen);
		break;
	case 'r': {
		int top = parameter(screen, 0, 1) - 1,
		    bottom = parameter(screen, 1, screen->rows) - 1;

		if (top < bottom && bottom < screen->rows) {
			screen->top = top;
			screen->bottom = bottom;
			move_to(screen, 0, 0);
		}
		break;
	}
	case 's':
		screen->saved_row = screen->row;
		screen->saved_column = screen->column;
		break;
	case 'u':
		move_to(screen, screen->saved_row, screen->saved_column);
		break;
	default:
		break; /* not understood: read and dropped */
	}
}

static void ground(struct ansi_screen *screen, char byte)
{
	switch (byte) {
	case '\r':
		screen->column = 0;
		screen->wrap_pending = false;
		break;
	case '\n':
		line_feed(screen);
		screen->wrap_pending = false;
		break;
	case '\b':
		if (screen->column > 0)
			screen->column--;
		screen->wrap_pending = false;
		break;
	case '\t':
		move_to(screen, screen->row, (screen->column / 8 + 1) * 8);
		break;
	case 0x1b:
		screen->state = STATE_ESCAPE;
		break;
	default:
		if ((unsigned char)byte >= ' ')
			put_character(screen, byte);
		break;
	}
}

static void escape(struct ansi_screen *screen, char byte)
{
	screen->state = STATE_GROUND;
	if (byte == '[') {
		screen->state = STATE_CSI;
		screen->parameter_count = 0;
		screen->parameters[0] = 0;
	} else if (byte == '7') {
		screen->saved_row = screen->row;
		screen->saved_column = screen->column;
	} else if (byte == '8') {
		move_to(screen, screen->saved_row, screen->saved_column);
	} else if (byte == 'c') {
		ansi_screen_init(screen, screen->cells, screen->rows, screen->columns);
	} else if (byte == '(' || byte == ')') {
		screen->state = STATE_CHARSET; /* ESC ( B and the like: one more byte, ignored */
	}
}

static void csi(struct ansi_screen *screen, char byte)
{
	if (byte >= '0' && byte <= '9') {
		if (!screen->parameter_count)
			screen->parameter_count = 1;
		int *value = &screen->parameters[screen->parameter_count - 1];

		if (*value < 10000)
			*value = *value * 10 + (byte - '0');
	} else if (byte == ';') {
		if (!screen->parameter_count)
			screen->parameter_count = 1;
		if (screen->parameter_count < ANSI_SCREEN_MAX_PARAMETERS)
			screen->parameters[screen->parameter_count++] = 0;
	} else if (byte >= 0x40 && byte <= 0x7e) {
		control_sequence(screen, byte);
		screen->state = STATE_GROUND;
	} else if (byte < 0x20 || byte > 0x3f) {
		screen->state = STATE_GROUND; /* a broken sequence: dropped */
	}
	/* '?' and other intermediate bytes: part of the sequence, ignored. */
}

void ansi_screen_init(struct ansi_screen *screen, uint16_t *cells, int rows, int columns)
{
	*screen = (struct ansi_screen){.cells = cells,
				       .rows = rows,
				       .columns = columns,
				       .bottom = rows - 1,
				       .foreground = DEFAULT_FOREGROUND,
				       .background = DEFAULT_BACKGROUND};
	clear_cells(screen, 0, rows * columns);
}

void ansi_screen_write(struct ansi_screen *screen, const char *bytes, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		if (screen->state == STATE_CHARSET)
			screen->state = STATE_GROUND;
		else if (screen->state == STATE_ESCAPE)
			escape(screen, bytes[i]);
		else if (screen->state == STATE_CSI)
			csi(screen, bytes[i]);
		else
			ground(screen, bytes[i]);
	}
}
