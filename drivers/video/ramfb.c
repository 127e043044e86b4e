// SPDX-License-Identifier: MIT
/* ramfb (QEMU's `-device ramfb`: a display for machines without a display device, microvm):
 * the framebuffer is the guest's own RAM. Yolk takes contiguous frames for it and tells QEMU
 * where they are, their format (XRGB8888, DRM's "XR24") and the mode by writing the fw_cfg file
 * "etc/ramfb" (big-endian: address, fourcc, flags, width, height, stride), which QEMU reads the
 * picture from from then on. A mode change is a new record, 32 bits only, within the memory
 * taken at boot; no panning (the record has no offsets) or blanking. */
#include "drivers/platform/fw_cfg.h"
#include "drivers/video/framebuffer.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "mm/frame.h"
#include "mm/layout.h"

#define RAMFB_FILE	 "etc/ramfb"
#define FOURCC_XRGB8888	 0x34325258 /* 'X' 'R' '2' '4' */
#define DEFAULT_WIDTH	 1024
#define DEFAULT_HEIGHT	 768
#define MINIMUM_SIDE	 16    /* what QEMU accepts */
#define MAXIMUM_SIDE	 16000 /* (as the Bochs display's limit) */
#define MEMORY_ORDER_MAX 12    /* 16 MiB: 2048x2048x32 */

struct ramfb_record {
	uint64_t address;
	uint32_t fourcc, flags, width, height, stride;
} __attribute__((packed));

static struct framebuffer display;

static int write_record(const struct framebuffer_mode *mode)
{
	struct ramfb_record record = {
	    .address = __builtin_bswap64(display.physical),
	    .fourcc = __builtin_bswap32(FOURCC_XRGB8888),
	    .width = __builtin_bswap32(mode->width),
	    .height = __builtin_bswap32(mode->height),
	    .stride = __builtin_bswap32(mode->width * 4),
	};

	return fw_cfg_write_file(RAMFB_FILE, &record, sizeof(record));
}

static bool mode_fits(const struct framebuffer_mode *mode)
{
	return mode->bits_per_pixel == 32 && mode->width >= MINIMUM_SIDE &&
	       mode->height >= MINIMUM_SIDE && mode->width <= MAXIMUM_SIDE &&
	       mode->height <= MAXIMUM_SIDE && mode->virtual_width == mode->width &&
	       mode->virtual_height == mode->height &&
	       (uint64_t)mode->width * mode->height * 4 <= display.memory_size;
}

static int ramfb_set_mode(struct framebuffer *framebuffer, const struct framebuffer_mode *mode)
{
	if (!mode_fits(mode) || write_record(mode))
		return -EINVAL;
	framebuffer->mode = *mode;
	framebuffer->pitch = mode->width * 4;
	return 0;
}

static const struct framebuffer_operations ramfb_operations = {
    .set_mode = ramfb_set_mode,
};

/* The smallest power-of-two number of frames holding BYTES. */
static unsigned order_for(uint64_t bytes)
{
	unsigned order = 0;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

/* When QEMU has a ramfb device: a WIDTHxHEIGHTx32 mode (0x0: 1024x768), memory for it. */
void ramfb_probe(uint32_t width, uint32_t height);
void ramfb_probe(uint32_t width, uint32_t height)
{
	struct framebuffer_mode mode = {width ? width : DEFAULT_WIDTH,
					height ? height : DEFAULT_HEIGHT, 0, 0, 32};
	uint16_t select;
	uint32_t size;

	if (fw_cfg_find_file(RAMFB_FILE, &select, &size))
		return;
	mode.virtual_width = mode.width;
	mode.virtual_height = mode.height;
	unsigned order = order_for((uint64_t)mode.width * mode.height * 4);
	if (order > MEMORY_ORDER_MAX || mode.width < MINIMUM_SIDE || mode.height < MINIMUM_SIDE) {
		pr_warn("ramfb: %ux%u is not a mode it has (up to 16 MiB); 1024x768\n", mode.width,
			mode.height);
		mode = (struct framebuffer_mode){DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_WIDTH,
						 DEFAULT_HEIGHT, 32};
		order = order_for(DEFAULT_WIDTH * DEFAULT_HEIGHT * 4);
	}
	display.physical = frame_alloc_zeroed(order);
	if (!display.physical) {
		pr_warn("ramfb: no %lu KiB of contiguous memory for the framebuffer\n",
			(PAGE_SIZE << order) >> 10);
		return;
	}
	display.source = "ramfb";
	display.memory_size = PAGE_SIZE << order;
	display.in_ram = true;
	display.max_width = display.max_height = MAXIMUM_SIDE;
	display.operations = &ramfb_operations;
	framebuffer_set_layout(&display, 32);
	int error = ramfb_set_mode(&display, &mode);
	if (error || framebuffer_register(&display)) {
		pr_warn("ramfb: the device did not take the framebuffer (%d)\n", error);
		frame_free(display.physical, order);
	}
}
