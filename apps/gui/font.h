// SPDX-License-Identifier: MIT
/* Antialiased text for the GUI toolkit: a TrueType font (DejaVu Sans, built into the image by
 * font_data.S) rasterised once by stb_truetype at one pixel height into 8-bit coverage
 * bitmaps, one per character of Latin-1 (32..255); the renderer blends them. Pure code. */
#ifndef YOLK_GUI_FONT_H
#define YOLK_GUI_FONT_H

#include <stddef.h>
#include <stdint.h>

#define GUI_FONT_FIRST 32
#define GUI_FONT_LAST  255

struct gui_glyph {
	int width, height;   /* the bitmap */
	int x_offset, y_top; /* from the pen position on the baseline to the bitmap's corner */
	int advance;	     /* pixels to the next pen position */
	uint32_t bitmap;     /* offset in the font's coverage bytes */
};

struct gui_font {
	int height;	   /* a line: ascent + descent + gap, rounded up */
	int ascent;	   /* from the top of a line to the baseline */
	uint8_t *coverage; /* every glyph's bitmap, row by row */
	struct gui_glyph glyphs[GUI_FONT_LAST - GUI_FONT_FIRST + 1];
};

/* Rasterises the TrueType file TTF (LENGTH bytes) at PIXEL_HEIGHT: 0, -EINVAL for data that is
 * not a font or a height out of 6..96, -ENOMEM. The font keeps no pointer into TTF. */
int gui_font_load(struct gui_font *font, const unsigned char *ttf, size_t length,
		  float pixel_height);
void gui_font_free(struct gui_font *font);

/* DejaVu Sans, built in (font_data.S): the bytes of the .ttf file. */
const unsigned char *gui_font_builtin(size_t *length);

/* The glyph of the next character of TEXT (UTF-8; what the font lacks draws as '?'), and how
 * many bytes it took. */
const struct gui_glyph *gui_font_next_glyph(const struct gui_font *font, const char *text,
					    int length, int *used);
int gui_font_text_width(const struct gui_font *font, const char *text, int length);

#endif
