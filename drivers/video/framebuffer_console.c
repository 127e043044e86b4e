// SPDX-License-Identifier: MIT
/* The graphical console (see drivers/video/framebuffer_console.h). The screen model
 * (lib/ansi_screen.c) works on cells in RAM; after each write only the cells that differ from
 * what the framebuffer shows are drawn (an emulated display's memory is slow to write, and a
 * scroll changes every cell once, not once per line). The cursor is the cell drawn with its
 * colours swapped. The font is PSF 1 (256 or 512 glyphs, 8 pixels wide) with its Unicode
 * table: a cell's byte is read as Latin-1 and drawn with the glyph the table gives it. */
#include "drivers/video/framebuffer_console.h"
#include <stdbool.h>
#include <stdint.h>
#include "drivers/video/framebuffer.h"
#include "include/uapi/linux.h"
#include "kernel/console.h"
#include "kernel/log.h"
#include "lib/ansi_screen.h"
#include "lib/string.h"
#include "mm/heap.h"

#define PSF1_MAGIC	0x0436
#define PSF1_MODE512	0x01
#define PSF1_MODEHASTAB 0x02
#define PSF1_SEPARATOR	0xffff
#define PSF1_SEQUENCE	0xfffe
#define GLYPH_WIDTH	8
#define NOTHING_SHOWN	0xffff /* a cell value the model never has */

extern const uint8_t console_font_start[], console_font_end[];

struct console_font {
	const uint8_t *glyphs;
	unsigned height, count;
	uint16_t glyph_of[256]; /* Latin-1 byte -> glyph */
};

static struct console_font font;
static struct framebuffer *screen_buffer;
static struct ansi_screen screen;
static uint16_t *model, *shown;
static int cursor_row = -1, cursor_column;
static bool suspended;
static struct framebuffer_mode started_mode; /* the mode the cells were laid out for */
static uint32_t palette[16];

static const uint8_t vga_colours[16][3] = {
    {0x00, 0x00, 0x00}, {0x00, 0x00, 0xaa}, {0x00, 0xaa, 0x00}, {0x00, 0xaa, 0xaa},
    {0xaa, 0x00, 0x00}, {0xaa, 0x00, 0xaa}, {0xaa, 0x55, 0x00}, {0xaa, 0xaa, 0xaa},
    {0x55, 0x55, 0x55}, {0x55, 0x55, 0xff}, {0x55, 0xff, 0x55}, {0x55, 0xff, 0xff},
    {0xff, 0x55, 0x55}, {0xff, 0x55, 0xff}, {0xff, 0xff, 0x55}, {0xff, 0xff, 0xff},
};

/* Reads the PSF 1 header and the Unicode table; false for a font this cannot draw. */
static bool load_font(void)
{
	const uint8_t *data = console_font_start;
	size_t size = (size_t)(console_font_end - console_font_start);

	if (size < 4 || (data[0] | data[1] << 8) != PSF1_MAGIC || !data[3])
		return false;
	font.height = data[3];
	font.count = data[2] & PSF1_MODE512 ? 512 : 256;
	font.glyphs = data + 4;
	if (4 + (size_t)font.count * font.height > size)
		return false;
	for (unsigned i = 0; i < 256; i++)
		font.glyph_of[i] = i < font.count ? (uint16_t)i : 0;
	if (!(data[2] & PSF1_MODEHASTAB))
		return true;
	const uint8_t *table = font.glyphs + (size_t)font.count * font.height;
	bool in_sequence = false;
	for (unsigned glyph = 0; table + 2 <= console_font_end && glyph < font.count; table += 2) {
		unsigned code = table[0] | table[1] << 8;
		if (code == PSF1_SEPARATOR) {
			glyph++;
			in_sequence = false;
		} else if (code == PSF1_SEQUENCE) {
			in_sequence = true;
		} else if (!in_sequence && code < 256) {
			font.glyph_of[code] = (uint16_t)glyph;
		}
	}
	return true;
}

static uint32_t pixel_value(const struct framebuffer *framebuffer, const uint8_t *rgb)
{
	return (uint32_t)(rgb[0] >> (8 - framebuffer->red_size)) << framebuffer->red_shift |
	       (uint32_t)(rgb[1] >> (8 - framebuffer->green_size)) << framebuffer->green_shift |
	       (uint32_t)(rgb[2] >> (8 - framebuffer->blue_size)) << framebuffer->blue_shift;
}

static void put_pixel(volatile uint8_t *at, unsigned bytes, uint32_t value)
{
	if (bytes == 4)
		*(volatile uint32_t *)at = value;
	else if (bytes == 2)
		*(volatile uint16_t *)at = (uint16_t)value;
	else
		for (unsigned i = 0; i < bytes; i++)
			at[i] = (uint8_t)(value >> (8 * i));
}

static void draw_cell(int row, int column, uint16_t cell, bool cursor)
{
	const struct framebuffer *framebuffer = screen_buffer;
	unsigned bytes = framebuffer->mode.bits_per_pixel / 8;
	uint32_t foreground = palette[(cell >> 8) & 0x0f], background = palette[cell >> 12];
	const uint8_t *glyph = font.glyphs + (size_t)font.glyph_of[cell & 0xff] * font.height;
	volatile uint8_t *origin = framebuffer->pixels +
				   (size_t)row * font.height * framebuffer->pitch +
				   (size_t)column * GLYPH_WIDTH * bytes;

	if (cursor) {
		uint32_t swap = foreground;
		foreground = background;
		background = swap;
	}
	for (unsigned y = 0; y < font.height; y++) {
		volatile uint8_t *line = origin + (size_t)y * framebuffer->pitch;
		for (unsigned x = 0; x < GLYPH_WIDTH; x++)
			put_pixel(line + x * bytes, bytes,
				  glyph[y] & (0x80 >> x) ? foreground : background);
	}
}

/* Draws the cells that changed since the last time, and the cursor. */
static void refresh(void)
{
	int cells = screen.rows * screen.columns;

	if (cursor_row >= 0) /* where the cursor was: drawn plainly again */
		shown[cursor_row * screen.columns + cursor_column] = NOTHING_SHOWN;
	for (int i = 0; i < cells; i++)
		if (shown[i] != model[i]) {
			draw_cell(i / screen.columns, i % screen.columns, model[i], false);
			shown[i] = model[i];
		}
	cursor_row = screen.row;
	cursor_column = screen.column;
	draw_cell(cursor_row, cursor_column, model[cursor_row * screen.columns + cursor_column],
		  true);
}

void framebuffer_console_write(const char *text, size_t length)
{
	if (!model)
		return;
	ansi_screen_write(&screen, text, length);
	if (!suspended)
		refresh();
}

void framebuffer_console_start(struct framebuffer *framebuffer)
{
	if (!load_font()) {
		pr_warn("fbcon: the built-in font is not PSF 1\n");
		return;
	}
	int rows = (int)(framebuffer->mode.height / font.height);
	int columns = (int)(framebuffer->mode.width / GLYPH_WIDTH);
	uint16_t *cells = heap_alloc(2 * sizeof(uint16_t) * (size_t)(rows * columns));
	if (!cells || !rows || !columns) {
		pr_warn("fbcon: no memory for %dx%d cells\n", columns, rows);
		heap_free(cells);
		return;
	}
	screen_buffer = framebuffer;
	started_mode = framebuffer->mode;
	for (unsigned i = 0; i < 16; i++)
		palette[i] = pixel_value(framebuffer, vga_colours[i]);
	model = cells;
	shown = cells + rows * columns;
	memset(shown, 0xff, sizeof(uint16_t) * (size_t)(rows * columns));
	ansi_screen_init(&screen, model, rows, columns);
	refresh();
	struct linux_winsize window = {(uint16_t)rows, (uint16_t)columns,
				       (uint16_t)framebuffer->mode.width,
				       (uint16_t)framebuffer->mode.height};
	console_set_window(&window);
	pr_info("fbcon: %dx%d cells of %ux%u pixels\n", columns, rows, GLYPH_WIDTH, font.height);
}

void framebuffer_console_suspend(void)
{
	suspended = true;
}

void framebuffer_console_resume(void)
{
	suspended = false;
	if (!model)
		return;
	const struct framebuffer_mode *mode = &screen_buffer->mode;
	if (mode->width != started_mode.width || mode->height != started_mode.height ||
	    mode->bits_per_pixel != started_mode.bits_per_pixel) {
		/* The program left another mode: the console is laid out again for it. */
		heap_free(model);
		model = NULL;
		framebuffer_console_start(screen_buffer);
		return;
	}
	memset(shown, 0xff, sizeof(uint16_t) * (size_t)(screen.rows * screen.columns));
	refresh();
}
