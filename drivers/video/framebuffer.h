/* SPDX-License-Identifier: MIT */
/* The linear framebuffer: one record, whatever found it (the Bochs/QEMU "dispi" device on PCI,
 * or the Multiboot2 framebuffer tag a boot loader filled). /dev/fb0 (drivers/video/fbdev.c)
 * and, later, the graphical console draw through it. Linked only into images with graphics
 * (kernel-graphics.o); drivers/video/absent.c stands in elsewhere. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct framebuffer_mode {
	uint32_t width, height;			/* visible pixels */
	uint32_t virtual_width, virtual_height; /* the panning area (>= visible) */
	uint32_t bits_per_pixel;
};

struct framebuffer;

/* What a source can do beyond being drawn on; any of them may be NULL (a fixed mode). */
struct framebuffer_operations {
	/* Sets a mode the device accepts exactly, or leaves the old one: 0 or -EINVAL. */
	int (*set_mode)(struct framebuffer *framebuffer, const struct framebuffer_mode *mode);
	/* Shows the virtual screen from (x, y): 0 or -EINVAL. */
	int (*pan)(struct framebuffer *framebuffer, uint32_t x, uint32_t y);
	/* Blanks (true) or unblanks the display: 0 or -EINVAL. */
	int (*blank)(struct framebuffer *framebuffer, bool blank);
};

struct framebuffer {
	const char *source;	  /* "bochs-dispi", "isa-vga", "multiboot2" */
	uint64_t physical;	  /* the aperture: video memory */
	uint64_t memory_size;	  /* bytes of it */
	volatile uint8_t *pixels; /* mapped (write-combining where the CPU has PAT) */
	struct framebuffer_mode mode;
	uint32_t pitch; /* bytes per line: never assumed to be width * bytes per pixel */
	uint32_t x_offset, y_offset;
	/* Channel positions (bit offset of the least significant bit) and sizes in bits. */
	uint8_t red_shift, red_size, green_shift, green_size, blue_shift, blue_size;
	uint8_t reserved_shift, reserved_size;
	uint32_t max_width, max_height; /* what set_mode could reach at all */
	bool in_ram; /* the guest's RAM (ramfb): already in the direct map, cached as RAM */
	bool blanked;
	const struct framebuffer_operations *operations;
	void *driver_data;
};

/* The framebuffer, or NULL when the machine has none. */
struct framebuffer *framebuffer_get(void);
/* Called by a source that found one (the first one wins): maps its memory and makes /dev/fb0.
 * 0, -EBUSY (there is one already) or -ENOMEM. */
int framebuffer_register(struct framebuffer *framebuffer);
/* Sets the channel layout for a direct-colour depth (15, 16, 24, 32 bits): 0 or -EINVAL. */
int framebuffer_set_layout(struct framebuffer *framebuffer, uint32_t bits_per_pixel);

/* Finds the framebuffer and the input devices (drivers/video/graphics.c): the boot loader's
 * framebuffer, else a Bochs/QEMU display on PCI; the PS/2 mouse; /proc/bus/input/devices. */
struct bootinfo;
void graphics_init(const struct bootinfo *info);
