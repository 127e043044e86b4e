// SPDX-License-Identifier: MIT
/* The framebuffer a boot loader set up (GRUB through the Multiboot2 framebuffer tag: VBE on
 * BIOS machines, GOP on UEFI; yolk pack asks for a mode in images with graphics): direct
 * colour only, its mode fixed (no mode changes, panning or blanking). Address 0 (what OVMF
 * gives for virtio-gpu) and text or indexed modes are refused, with a log line. */
#include <stdint.h>
#include "boot/bootinfo.h"
#include "drivers/video/framebuffer.h"
#include "kernel/log.h"
#include "mm/layout.h"

#define FRAMEBUFFER_TYPE_RGB 1

struct multiboot2_framebuffer_tag {
	uint32_t type, size;
	uint64_t address;
	uint32_t pitch, width, height;
	uint8_t bits_per_pixel, framebuffer_type;
	uint16_t reserved;
	uint8_t red_shift, red_size, green_shift, green_size, blue_shift, blue_size;
} __attribute__((packed));

static struct framebuffer boot_framebuffer;

void multiboot_framebuffer_probe(const struct bootinfo *info);
void multiboot_framebuffer_probe(const struct bootinfo *info)
{
	if (!info->framebuffer_tag)
		return;
	const struct multiboot2_framebuffer_tag *tag = phys_to_virtual(info->framebuffer_tag);
	struct framebuffer *framebuffer = &boot_framebuffer;
	if (tag->framebuffer_type != FRAMEBUFFER_TYPE_RGB || tag->size < sizeof(*tag)) {
		pr_info("fb: the boot loader's mode is not direct colour (type %u): not used\n",
			tag->framebuffer_type);
		return;
	}
	if (!tag->address || !tag->pitch || !tag->width || !tag->height ||
	    tag->pitch < tag->width * ((tag->bits_per_pixel + 7u) / 8u) ||
	    framebuffer_set_layout(framebuffer, tag->bits_per_pixel)) {
		pr_warn("fb: the boot loader's framebuffer is unusable (address %#llx, %ux%u, %u "
			"bits, pitch %u): not used\n",
			(unsigned long long)tag->address, tag->width, tag->height,
			tag->bits_per_pixel, tag->pitch);
		return;
	}
	framebuffer->source = "multiboot2";
	framebuffer->physical = tag->address;
	framebuffer->pitch = tag->pitch;
	framebuffer->mode = (struct framebuffer_mode){tag->width, tag->height, tag->width,
						      tag->height, tag->bits_per_pixel};
	framebuffer->max_width = tag->width;
	framebuffer->max_height = tag->height;
	framebuffer->memory_size = (uint64_t)tag->pitch * tag->height;
	/* The loader's channel layout, where it gives one, wins over the usual one. */
	if (tag->red_size && tag->green_size && tag->blue_size) {
		framebuffer->red_shift = tag->red_shift, framebuffer->red_size = tag->red_size;
		framebuffer->green_shift = tag->green_shift;
		framebuffer->green_size = tag->green_size;
		framebuffer->blue_shift = tag->blue_shift, framebuffer->blue_size = tag->blue_size;
	}
	if (framebuffer_register(framebuffer))
		pr_warn("fb: cannot map the boot loader's framebuffer\n");
}
