// SPDX-License-Identifier: MIT
/* Written straight against Linux's <linux/fb.h>, as an fbdev program for Linux would be: reads
 * the mode, checks that bad requests get clear errors, maps the framebuffer MAP_SHARED and
 * draws known rectangles (one row through pwrite), prints "READY" and reads a line: a mode
 * WIDTHxHEIGHT[xBPP] to set (FBIOPUT_VSCREENINFO) and draw again, or "quit". So
 * tests/graphics/test_graphics.py captures the screen after each READY and checks it pixel by
 * pixel. */
#include <errno.h>
#include <fcntl.h>
#include <linux/fb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "expect.h"

static void bad_requests(int fd, const struct fb_var_screeninfo *current,
			 const struct fb_fix_screeninfo *fix)
{
	struct fb_var_screeninfo var = *current;
	struct fb_cmap cmap = {300, 4, NULL, NULL, NULL, NULL};

	var.xres = var.xres_virtual = 100000;
	expect_error("mode wider than the device", ioctl(fd, FBIOPUT_VSCREENINFO, &var), EINVAL);
	var = *current;
	var.bits_per_pixel = 7;
	expect_error("7 bits per pixel", ioctl(fd, FBIOPUT_VSCREENINFO, &var), EINVAL);
	var = *current;
	var.xoffset = var.xres_virtual;
	expect_error("pan past the virtual screen", ioctl(fd, FBIOPAN_DISPLAY, &var), EINVAL);
	expect_error("colour map past 256", ioctl(fd, FBIOGETCMAP, &cmap), EINVAL);
	expect_error("bad pointer", ioctl(fd, FBIOGET_VSCREENINFO, (void *)16), EFAULT);
	expect_error("blank level 99", ioctl(fd, FBIOBLANK, 99), EINVAL);
	expect_error("unknown request", ioctl(fd, 0x46ff, &var), ENOTTY);
	void *beyond = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			    (off_t)((fix->smem_len + 4095) & ~4095u));
	expect_error("mmap past the memory", beyond == MAP_FAILED ? -1 : 0, EINVAL);
	/* The mode must be unchanged by all of that. */
	ioctl(fd, FBIOGET_VSCREENINFO, &var);
	if (var.xres != current->xres || var.yres != current->yres) {
		printf("FAIL a refused mode changed the screen to %ux%u\n", var.xres, var.yres);
		failures++;
	}
}

static int set_mode(int fd, const char *text, struct fb_var_screeninfo *var)
{
	unsigned width, height, bits = 32;

	if (sscanf(text, "%ux%ux%u", &width, &height, &bits) < 2) {
		printf("FAIL bad mode '%s'\n", text);
		return -1;
	}
	var->xres = var->xres_virtual = width;
	var->yres = var->yres_virtual = height;
	var->bits_per_pixel = bits;
	var->activate = FB_ACTIVATE_NOW;
	if (ioctl(fd, FBIOPUT_VSCREENINFO, var)) {
		printf("FAIL FBIOPUT_VSCREENINFO %s: %s\n", text, strerror(errno));
		return -1;
	}
	return ioctl(fd, FBIOGET_VSCREENINFO, var);
}

static uint32_t pixel_value(const struct fb_var_screeninfo *var, unsigned red, unsigned green,
			    unsigned blue)
{
	return (red >> (8 - var->red.length)) << var->red.offset |
	       (green >> (8 - var->green.length)) << var->green.offset |
	       (blue >> (8 - var->blue.length)) << var->blue.offset;
}

static void put_pixel(uint8_t *row, unsigned x, unsigned bytes, uint32_t value)
{
	memcpy(row + x * bytes, &value, bytes); /* little-endian: the low bytes */
}

/* The rectangles the test checks, in fractions of the screen: x, y, width, height (in 1/16)
 * and the colour. */
static const unsigned rectangles[][7] = {
    {1, 1, 4, 3, 255, 0, 0},	 {6, 1, 4, 3, 0, 255, 0},   {11, 1, 4, 3, 0, 0, 255},
    {1, 6, 6, 4, 255, 255, 255}, {9, 6, 6, 4, 255, 255, 0}, {1, 12, 14, 1, 0, 255, 255},
};

static void draw(uint8_t *pixels, const struct fb_var_screeninfo *var,
		 const struct fb_fix_screeninfo *fix)
{
	unsigned bytes = var->bits_per_pixel / 8;

	for (unsigned y = 0; y < var->yres; y++)
		memset(pixels + (size_t)y * fix->line_length, 0, var->xres * bytes);
	for (unsigned i = 0; i < sizeof(rectangles) / sizeof(rectangles[0]); i++) {
		const unsigned *r = rectangles[i];
		unsigned x0 = r[0] * var->xres / 16, y0 = r[1] * var->yres / 16;
		unsigned x1 = (r[0] + r[2]) * var->xres / 16, y1 = (r[1] + r[3]) * var->yres / 16;
		uint32_t value = pixel_value(var, r[4], r[5], r[6]);
		for (unsigned y = y0; y < y1; y++)
			for (unsigned x = x0; x < x1; x++)
				put_pixel(pixels + (size_t)y * fix->line_length, x, bytes, value);
	}
}

/* One row across the bottom, magenta, written with pwrite rather than through the mapping. */
static void write_row(int fd, const struct fb_var_screeninfo *var,
		      const struct fb_fix_screeninfo *fix)
{
	unsigned bytes = var->bits_per_pixel / 8, y = var->yres * 14 / 16;
	uint8_t *row = malloc(var->xres * bytes);

	for (unsigned x = 0; x < var->xres; x++)
		put_pixel(row, x, bytes, pixel_value(var, 255, 0, 255));
	if (pwrite(fd, row, var->xres * bytes, (off_t)y * fix->line_length) !=
	    (ssize_t)(var->xres * bytes)) {
		printf("FAIL pwrite: %s\n", strerror(errno));
		failures++;
	}
	free(row);
}

int main(void)
{
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;
	int fd = open("/dev/fb0", O_RDWR);
	char line[32];

	if (fd < 0) {
		printf("FAIL open /dev/fb0: %s\n", strerror(errno));
		return 1;
	}
	if (ioctl(fd, FBIOGET_VSCREENINFO, &var) || ioctl(fd, FBIOGET_FSCREENINFO, &fix)) {
		printf("FAIL FBIOGET_*SCREENINFO: %s\n", strerror(errno));
		return 1;
	}
	printf("fb0 %s: %ux%u, %u bits, line %u bytes, %u KiB\n", fix.id, var.xres, var.yres,
	       var.bits_per_pixel, fix.line_length, fix.smem_len >> 10);
	bad_requests(fd, &var, &fix);
	for (;;) {
		ioctl(fd, FBIOGET_FSCREENINFO, &fix);
		uint8_t *pixels =
		    mmap(NULL, fix.smem_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (pixels == MAP_FAILED) {
			printf("FAIL mmap: %s\n", strerror(errno));
			return 1;
		}
		draw(pixels, &var, &fix);
		write_row(fd, &var, &fix);
		munmap(pixels, fix.smem_len);
		printf("READY %ux%u %u line %u\n", var.xres, var.yres, var.bits_per_pixel,
		       fix.line_length);
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin) || !strncmp(line, "quit", 4))
			break;
		if (set_mode(fd, line, &var))
			return 1;
	}
	close(fd);
	printf("%s\n", failures ? "RESULT FAIL" : "RESULT PASS");
	return failures ? 1 : 0;
}
