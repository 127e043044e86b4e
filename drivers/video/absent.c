// SPDX-License-Identifier: MIT
/* What stands in for graphics and input in images that use neither (kernel.o and kernel-net.o;
 * the framebuffer, /dev/fb0, the input layer, /dev/input/eventN and the virtio-input and PS/2
 * mouse drivers are in kernel-graphics.o, which `yolk build` links instead when the program
 * names /dev/fb or /dev/input/event): no framebuffer is looked for, virtio-input devices are
 * left alone and the PS/2 keyboard's scancodes only reach the console. */
#include <stdint.h>
#include "boot/bootinfo.h"
#include "drivers/input/i8042.h"
#include "drivers/video/framebuffer.h"
#include "drivers/video/framebuffer_console.h"

struct virtio_device;
void virtio_input_attach(struct virtio_device *device);

void virtio_input_attach(struct virtio_device *device)
{
	(void)device;
}

void graphics_init(const struct bootinfo *info)
{
	(void)info;
}

bool ps2_keyboard_scancode(uint8_t scancode)
{
	(void)scancode;
	return false;
}

void ps2_mouse_byte(uint8_t byte)
{
	(void)byte;
}

void framebuffer_console_write(const char *text, size_t length)
{
	(void)text, (void)length;
}
