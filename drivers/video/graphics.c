// SPDX-License-Identifier: MIT
/* Graphics and input at boot (kernel-graphics.o; drivers/video/absent.c stands in elsewhere):
 * the framebuffer from the boot loader's tag, else a Bochs/QEMU display (on PCI, or isa-vga),
 * else ramfb, in the mode yolk.resolution=WIDTHxHEIGHT asks for (default 1024x768); the PS/2
 * keyboard and mouse as input devices; /proc/bus/input/devices. virtio-input devices come
 * with the virtio probe. */
#include "boot/bootinfo.h"
#include "drivers/input/input.h"
#include "drivers/video/framebuffer.h"
#include "lib/string.h"

void bochs_display_probe(uint32_t width, uint32_t height);
void multiboot_framebuffer_probe(const struct bootinfo *info);
void ramfb_probe(uint32_t width, uint32_t height);
void ps2_input_init(void);

static uint32_t parse_number(const char **text)
{
	uint32_t value = 0;

	for (; **text >= '0' && **text <= '9'; (*text)++)
		value = value * 10 + (uint32_t)(**text - '0');
	return value;
}

/* yolk.resolution=WxH on the command line, or 0x0. */
static void requested_resolution(const char *line, uint32_t *width, uint32_t *height)
{
	static const char option[] = "yolk.resolution=";

	*width = *height = 0;
	for (const char *at = line; *at; at++) {
		if ((at != line && at[-1] != ' ') || strncmp(at, option, sizeof(option) - 1))
			continue;
		at += sizeof(option) - 1;
		*width = parse_number(&at);
		if (*at++ != 'x')
			break;
		*height = parse_number(&at);
		return;
	}
	*width = *height = 0;
}

void graphics_init(const struct bootinfo *info)
{
	uint32_t width, height;

	requested_resolution(info->command_line, &width, &height);
	multiboot_framebuffer_probe(info);
	if (!framebuffer_get())
		bochs_display_probe(width, height);
	if (!framebuffer_get())
		ramfb_probe(width, height);
	ps2_input_init();
	input_register_proc_files();
}
