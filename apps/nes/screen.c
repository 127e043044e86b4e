// SPDX-License-Identifier: MIT
/* The NES picture on the framebuffer (/dev/fb0, Linux's fbdev): integer scaling, square or 8:7
 * pixels, centred with black around it (letterbox); the screen's pixel format (16, 24 or 32
 * bits) from FBIOGET_VSCREENINFO, its pitch from FBIOGET_FSCREENINFO. A row of the picture is
 * built once and copied `scale` times, and rows equal to what the screen shows already are
 * not drawn again. Also a small 3x5 font for the --fps counter. */
#include "play.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_SCALE 8

int nes_layout_compute(struct nes_layout *layout, unsigned screen_width, unsigned screen_height,
		       unsigned scale, bool wide, char *error, size_t error_size)
{
	unsigned first = scale ? scale : MAX_SCALE, last = scale ? scale : 1;

	if (scale > MAX_SCALE) {
		snprintf(error, error_size, "scale %u is more than %u", scale, MAX_SCALE);
		return -1;
	}
	for (unsigned s = first; s >= last; s--) {
		unsigned width = wide ? (NES_WIDTH * s * 8 + 3) / 7 : NES_WIDTH * s;
		unsigned height = NES_HEIGHT * s;
		if (width > screen_width || height > screen_height)
			continue;
		layout->scale = s;
		layout->width = width;
		layout->height = height;
		layout->left = (screen_width - width) / 2;
		layout->top = (screen_height - height) / 2;
		for (unsigned x = 0; x < width; x++) {
			unsigned source = wide ? x * 7 / (8 * s) : x / s;
			layout->column_source[x] = (uint16_t)(source < NES_WIDTH ? source : 255);
		}
		return 0;
	}
	if (scale)
		snprintf(error, error_size,
			 "the picture at scale %u%s (%ux%u) does not fit the "
			 "%ux%u screen",
			 scale, wide ? " and 8:7" : "",
			 wide ? (NES_WIDTH * scale * 8 + 3) / 7 : NES_WIDTH * scale,
			 NES_HEIGHT * scale, screen_width, screen_height);
	else
		snprintf(error, error_size, "the %ux%u screen is smaller than the picture (%ux%u)",
			 screen_width, screen_height, wide ? 293 : NES_WIDTH, NES_HEIGHT);
	return -1;
}

static uint32_t pack_colour(const struct fb_var_screeninfo *var, uint32_t rgb)
{
	uint32_t channels[3] = {rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff};
	const struct fb_bitfield *fields[3] = {&var->red, &var->green, &var->blue};
	uint32_t pixel = 0;

	for (int i = 0; i < 3; i++) {
		uint32_t length = fields[i]->length;
		uint32_t value =
		    length >= 8 ? channels[i] << (length - 8) : channels[i] >> (8 - length);
		pixel |= value << fields[i]->offset;
	}
	return pixel;
}

static void store_pixel(uint8_t *at, unsigned bytes, uint32_t pixel)
{
	if (bytes == 4)
		memcpy(at, &pixel, 4);
	else if (bytes == 2) {
		uint16_t half = (uint16_t)pixel;
		memcpy(at, &half, 2);
	} else {
		at[0] = (uint8_t)pixel;
		at[1] = (uint8_t)(pixel >> 8);
		at[2] = (uint8_t)(pixel >> 16);
	}
}

int nes_screen_open(struct nes_screen *screen, const struct nes_play_options *options, FILE *err)
{
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;
	char reason[160];

	screen->mapping = screen->memory = NULL;
	screen->row = NULL;
	screen->fd = open("/dev/fb0", O_RDWR | O_CLOEXEC);
	if (screen->fd < 0) {
		fprintf(err, "nes: /dev/fb0: %s (playing needs a screen: yolk run --gui)\n",
			strerror(errno));
		return 1;
	}
	if (ioctl(screen->fd, FBIOGET_VSCREENINFO, &var) ||
	    ioctl(screen->fd, FBIOGET_FSCREENINFO, &fix)) {
		fprintf(err, "nes: /dev/fb0: cannot read the mode: %s\n", strerror(errno));
		goto err_close;
	}
	if (var.bits_per_pixel != 16 && var.bits_per_pixel != 24 && var.bits_per_pixel != 32) {
		fprintf(err, "nes: /dev/fb0: %u bits per pixel; 16, 24 or 32 are drawn\n",
			var.bits_per_pixel);
		goto err_close;
	}
	if (nes_layout_compute(&screen->layout, var.xres, var.yres, options->scale, options->wide,
			       reason, sizeof(reason))) {
		fprintf(err, "nes: %s\n", reason);
		goto err_close;
	}
	screen->width = var.xres;
	screen->height = var.yres;
	screen->pitch = fix.line_length;
	screen->bytes_per_pixel = var.bits_per_pixel / 8;
	screen->memory_size = (size_t)fix.line_length * (var.yoffset + var.yres);
	screen->mapping =
	    mmap(NULL, screen->memory_size, PROT_READ | PROT_WRITE, MAP_SHARED, screen->fd, 0);
	if (screen->mapping == MAP_FAILED) {
		fprintf(err, "nes: /dev/fb0: cannot map it: %s\n", strerror(errno));
		screen->mapping = NULL;
		goto err_close;
	}
	screen->memory = screen->mapping + (size_t)fix.line_length * var.yoffset +
			 (size_t)var.xoffset * screen->bytes_per_pixel;
	screen->row = malloc((size_t)screen->layout.width * screen->bytes_per_pixel);
	if (!screen->row) {
		fprintf(err, "nes: out of memory\n");
		goto err_close;
	}
	for (unsigned i = 0; i < 64; i++)
		screen->colours[i] = pack_colour(&var, nes_palette_rgb((uint8_t)i));
	for (unsigned y = 0; y < screen->height; y++) /* the letterbox: black */
		memset(screen->memory + (size_t)y * screen->pitch, 0,
		       (size_t)screen->width * screen->bytes_per_pixel);
	memset(screen->shown, 0xff, sizeof(screen->shown));
	return 0;
err_close:
	nes_screen_close(screen);
	return 1;
}

/* One row of the picture in the screen's format, `scale` pixels for each NES pixel. Under
 * QEMU's TCG every guest store costs: square pixels at 32 bits are written from the 64
 * colours once, a pair of pixels a store where the scale is even. */
static void build_row(struct nes_screen *screen, const uint8_t *source)
{
	const struct nes_layout *layout = &screen->layout;
	unsigned bytes = screen->bytes_per_pixel, width = layout->width, scale = layout->scale;
	const uint32_t *colours = screen->colours;

	if (bytes == 4 && width == NES_WIDTH * scale) {
		uint32_t *row = (uint32_t *)(void *)screen->row;
		if (scale % 2 == 0) {
			uint64_t *pairs = (uint64_t *)(void *)row;
			unsigned count = scale / 2;
			for (unsigned x = 0; x < NES_WIDTH; x++) {
				uint64_t pair = colours[source[x] & 63] * 0x100000001ull;
				for (unsigned i = 0; i < count; i++)
					*pairs++ = pair;
			}
		} else if (scale == 3)
			for (unsigned x = 0; x < NES_WIDTH; x++, row += 3)
				row[0] = row[1] = row[2] = colours[source[x] & 63];
		else
			for (unsigned x = 0; x < NES_WIDTH; x++) {
				uint32_t colour = colours[source[x] & 63];
				for (unsigned i = 0; i < scale; i++)
					*row++ = colour;
			}
	} else if (bytes == 4) {
		uint32_t *row = (uint32_t *)(void *)screen->row;
		for (unsigned x = 0; x < width; x++)
			row[x] = colours[source[layout->column_source[x]] & 63];
	} else
		for (unsigned x = 0; x < width; x++)
			store_pixel(screen->row + x * bytes, bytes,
				    colours[source[layout->column_source[x]] & 63]);
}

void nes_screen_draw(struct nes_screen *screen, const uint8_t *pixels)
{
	const struct nes_layout *layout = &screen->layout;
	unsigned bytes = screen->bytes_per_pixel, row_bytes = layout->width * bytes;
	uint8_t *out = screen->memory + (size_t)layout->top * screen->pitch + layout->left * bytes;

	for (unsigned y = 0; y < NES_HEIGHT; y++, out += (size_t)screen->pitch * layout->scale) {
		const uint8_t *source = pixels + y * NES_WIDTH;
		uint8_t *shown = screen->shown + y * NES_WIDTH;
		if (!memcmp(source, shown, NES_WIDTH))
			continue;
		memcpy(shown, source, NES_WIDTH);
		build_row(screen, source);
		for (unsigned copy = 0; copy < layout->scale; copy++)
			memcpy(out + (size_t)copy * screen->pitch, screen->row, row_bytes);
	}
}

/* 3x5 glyphs, a row a byte (bit 2 the left column). */
static const struct {
	char character;
	uint8_t rows[5];
} glyphs[] = {
    {'0', {7, 5, 5, 5, 7}}, {'1', {2, 6, 2, 2, 7}}, {'2', {7, 1, 7, 4, 7}}, {'3', {7, 1, 3, 1, 7}},
    {'4', {5, 5, 7, 1, 1}}, {'5', {7, 4, 7, 1, 7}}, {'6', {7, 4, 7, 5, 7}}, {'7', {7, 1, 1, 2, 2}},
    {'8', {7, 5, 7, 5, 7}}, {'9', {7, 5, 7, 1, 7}}, {'.', {0, 0, 0, 0, 2}}, {'F', {7, 4, 6, 4, 4}},
    {'P', {6, 5, 6, 4, 4}}, {'S', {3, 4, 2, 1, 6}}, {'K', {5, 5, 6, 5, 5}}, {'I', {7, 2, 2, 2, 7}},
    {' ', {0, 0, 0, 0, 0}},
};

void nes_screen_draw_text(struct nes_screen *screen, const char *text)
{
	const struct nes_layout *layout = &screen->layout;
	unsigned dot = layout->scale, bytes = screen->bytes_per_pixel;
	unsigned length = (unsigned)strlen(text);
	unsigned width = (length * 4 + 1) * dot, height = 7 * dot;
	uint32_t white = screen->colours[0x30], black = screen->colours[0x0f];

	if (width > layout->width)
		width = layout->width;
	const uint8_t *rows[64];
	if (length > 64)
		length = 64;
	for (unsigned i = 0; i < length; i++) {
		rows[i] = glyphs[sizeof(glyphs) / sizeof(glyphs[0]) - 1].rows; /* ' ' */
		for (size_t g = 0; g < sizeof(glyphs) / sizeof(glyphs[0]); g++)
			if (glyphs[g].character == text[i])
				rows[i] = glyphs[g].rows;
	}
	for (unsigned y = 0; y < height; y++) {
		uint8_t *out = screen->memory + (size_t)(layout->top + y) * screen->pitch +
			       (size_t)layout->left * bytes;
		unsigned row = y / dot;
		for (unsigned x = 0; x < width; x++) {
			unsigned column = x / dot, glyph_x = column % 4, index = column / 4;
			bool on = row >= 1 && row <= 5 && glyph_x >= 1 && index < length &&
				  (rows[index][row - 1] >> (3 - glyph_x) & 1);
			store_pixel(out + (size_t)x * bytes, bytes, on ? white : black);
		}
	}
	/* Those rows are not the picture any more: drawn again next frame. */
	for (unsigned y = 0; y <= (height - 1) / dot && y < NES_HEIGHT; y++)
		memset(screen->shown + y * NES_WIDTH, 0xff, NES_WIDTH);
}

void nes_screen_close(struct nes_screen *screen)
{
	if (screen->mapping)
		munmap(screen->mapping, screen->memory_size);
	screen->mapping = screen->memory = NULL;
	free(screen->row);
	screen->row = NULL;
	if (screen->fd >= 0)
		close(screen->fd);
	screen->fd = -1;
}
