// SPDX-License-Identifier: MIT
/* The toolkit's font (see font.h): stb_truetype (Debian's libstb-dev; its implementation is
 * compiled by stb_truetype.c) rasterises each Latin-1 character once at load. */
#include "font.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <stb_truetype.h>

int gui_font_load(struct gui_font *font, const unsigned char *ttf, size_t length,
		  float pixel_height)
{
	stbtt_fontinfo info;
	int ascent, descent, gap;
	size_t total = 0, capacity = 64 * 1024;

	memset(font, 0, sizeof(*font));
	if (pixel_height < 6 || pixel_height > 96 || length < 12 || length > INT32_MAX ||
	    stbtt_GetFontOffsetForIndex(ttf, 0) < 0 || !stbtt_InitFont(&info, ttf, 0))
		return -EINVAL;
	float scale = stbtt_ScaleForPixelHeight(&info, pixel_height);
	stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
	font->ascent = (int)ceilf(ascent * scale);
	font->height = font->ascent + (int)ceilf((-descent + gap) * scale);
	font->coverage = malloc(capacity);
	if (!font->coverage)
		return -ENOMEM;
	for (int code = GUI_FONT_FIRST; code <= GUI_FONT_LAST; code++) {
		struct gui_glyph *glyph = &font->glyphs[code - GUI_FONT_FIRST];
		int advance, bearing, x0, y0, x1, y1;

		stbtt_GetCodepointHMetrics(&info, code, &advance, &bearing);
		stbtt_GetCodepointBitmapBox(&info, code, scale, scale, &x0, &y0, &x1, &y1);
		glyph->advance = (int)lroundf(advance * scale);
		glyph->x_offset = x0;
		glyph->y_top = y0;
		glyph->width = x1 > x0 ? x1 - x0 : 0;
		glyph->height = y1 > y0 ? y1 - y0 : 0;
		glyph->bitmap = (uint32_t)total;
		size_t size = (size_t)glyph->width * glyph->height;
		if (total + size > capacity) {
			uint8_t *grown = realloc(font->coverage, (capacity + size) * 2);
			if (!grown) {
				gui_font_free(font);
				return -ENOMEM;
			}
			font->coverage = grown;
			capacity = (capacity + size) * 2;
		}
		if (size)
			stbtt_MakeCodepointBitmap(&info, font->coverage + total, glyph->width,
						  glyph->height, glyph->width, scale, scale, code);
		total += size;
	}
	return 0;
}

void gui_font_free(struct gui_font *font)
{
	free(font->coverage);
	font->coverage = NULL;
}

/* One UTF-8 sequence; malformed bytes count one each and decode as '?'. */
static int decode_utf8(const char *text, int length, int *used)
{
	const unsigned char *bytes = (const unsigned char *)text;

	if (bytes[0] < 0x80) {
		*used = 1;
		return bytes[0];
	}
	if ((bytes[0] & 0xe0) == 0xc0 && length >= 2 && (bytes[1] & 0xc0) == 0x80) {
		*used = 2;
		return (bytes[0] & 0x1f) << 6 | (bytes[1] & 0x3f);
	}
	int count = (bytes[0] & 0xf0) == 0xe0 ? 3 : (bytes[0] & 0xf8) == 0xf0 ? 4 : 1;
	if (count > length)
		count = 1;
	for (int i = 1; i < count; i++)
		if ((bytes[i] & 0xc0) != 0x80)
			count = 1;
	*used = count;
	return '?';
}

const struct gui_glyph *gui_font_next_glyph(const struct gui_font *font, const char *text,
					    int length, int *used)
{
	int code = decode_utf8(text, length, used);

	if (code < GUI_FONT_FIRST || code > GUI_FONT_LAST)
		code = '?';
	return &font->glyphs[code - GUI_FONT_FIRST];
}

int gui_font_text_width(const struct gui_font *font, const char *text, int length)
{
	int width = 0, used;

	for (int i = 0; i < length && text[i]; i += used)
		width += gui_font_next_glyph(font, text + i, length - i, &used)->advance;
	return width;
}
