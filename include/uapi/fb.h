/* SPDX-License-Identifier: MIT */
/* Linux's fbdev ABI (<linux/fb.h>), the part /dev/fb0 speaks: the same layouts and numbers, so
 * that programs written for Linux run unchanged. */
#pragma once
#include <stdint.h>

#define FBIOGET_VSCREENINFO 0x4600
#define FBIOPUT_VSCREENINFO 0x4601
#define FBIOGET_FSCREENINFO 0x4602
#define FBIOGETCMAP	    0x4604
#define FBIOPUTCMAP	    0x4605
#define FBIOPAN_DISPLAY	    0x4606
#define FBIOBLANK	    0x4611

#define FB_TYPE_PACKED_PIXELS 0
#define FB_VISUAL_TRUECOLOR   2
#define FB_ACTIVATE_NOW	      0
#define FB_ACTIVATE_TEST      2
#define FB_ACTIVATE_MASK      15
#define FB_BLANK_UNBLANK      0
#define FB_BLANK_POWERDOWN    4
#define FB_ACCEL_NONE	      0

struct fb_bitfield {
	uint32_t offset, length, msb_right;
};

struct fb_var_screeninfo {
	uint32_t xres, yres, xres_virtual, yres_virtual, xoffset, yoffset;
	uint32_t bits_per_pixel, grayscale;
	struct fb_bitfield red, green, blue, transp;
	uint32_t nonstd, activate, height, width, accel_flags;
	uint32_t pixclock, left_margin, right_margin, upper_margin, lower_margin;
	uint32_t hsync_len, vsync_len, sync, vmode, rotate, colorspace;
	uint32_t reserved[4];
};

struct fb_fix_screeninfo {
	char id[16];
	unsigned long smem_start;
	uint32_t smem_len, type, type_aux, visual;
	uint16_t xpanstep, ypanstep, ywrapstep;
	uint32_t line_length;
	unsigned long mmio_start;
	uint32_t mmio_len, accel;
	uint16_t capabilities, reserved[2];
};

struct fb_cmap {
	uint32_t start, len;
	uint16_t *red, *green, *blue, *transp;
};

_Static_assert(sizeof(struct fb_var_screeninfo) == 160, "Linux's layout");
_Static_assert(sizeof(struct fb_fix_screeninfo) == 80, "Linux's layout");
_Static_assert(sizeof(struct fb_cmap) == 40, "Linux's layout");
