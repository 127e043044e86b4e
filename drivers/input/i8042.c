// SPDX-License-Identifier: MIT
/* The i8042 PS/2 controller: bounded waits on its status register (a missing or stuck
 * controller is given up on, never waited for), then IRQ 1 reads each scancode and feeds its
 * bytes to the console. In images with graphics, drivers/input/ps2_input.c also makes the
 * keyboard an input device and turns the AUX port (the mouse, IRQ 12) on; elsewhere
 * drivers/video/absent.c ignores both. */
#include "drivers/input/i8042.h"
#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "drivers/interrupt/irq.h"
#include "kernel/console.h"
#include "kernel/log.h"
#include "lib/keyboard_map.h"

#define COMMAND_DISABLE_MOUSE	  0xa7
#define COMMAND_DISABLE_KEYBOARD  0xad
#define COMMAND_ENABLE_KEYBOARD	  0xae
#define CONFIG_KEYBOARD_INTERRUPT 0x01
#define CONFIG_KEYBOARD_CLOCK_OFF 0x10
#define CONFIG_TRANSLATION	  0x40
#define KEYBOARD_IRQ		  1
#define SPINS			  100000

static struct keyboard_state keyboard;
bool i8042_present;

bool i8042_wait_status(uint8_t bit, bool set)
{
	for (int i = 0; i < SPINS; i++)
		if (!(inb(I8042_STATUS_PORT) & bit) == !set)
			return true;
	return false;
}

bool i8042_send_command(uint8_t command)
{
	if (!i8042_wait_status(I8042_STATUS_INPUT_FULL, false))
		return false;
	outb(I8042_STATUS_PORT, command);
	return true;
}

void i8042_interrupt(struct interrupt_frame *frame)
{
	uint8_t status;

	(void)frame;
	while ((status = inb(I8042_STATUS_PORT)) & I8042_STATUS_OUTPUT_FULL) {
		uint8_t scancode = inb(I8042_DATA_PORT);
		char bytes[KEYBOARD_MAX_BYTES];

		if (status & I8042_STATUS_FROM_MOUSE) {
			ps2_mouse_byte(scancode);
			continue;
		}
		if (ps2_keyboard_scancode(scancode))
			continue;
		size_t count = keyboard_translate(&keyboard, scancode, bytes);

		for (size_t i = 0; i < count; i++)
			console_input((unsigned char)bytes[i]);
	}
}

void i8042_init(void)
{
	uint8_t config;

	if (inb(I8042_STATUS_PORT) == 0xff)
		return; /* nothing answers there */
	if (!i8042_send_command(COMMAND_DISABLE_KEYBOARD) ||
	    !i8042_send_command(COMMAND_DISABLE_MOUSE))
		goto not_responding;
	for (int i = 0; i < 32 && (inb(I8042_STATUS_PORT) & I8042_STATUS_OUTPUT_FULL); i++)
		inb(I8042_DATA_PORT); /* what was waiting from before */
	if (!i8042_send_command(I8042_COMMAND_READ_CONFIG) ||
	    !i8042_wait_status(I8042_STATUS_OUTPUT_FULL, true))
		goto not_responding;
	config = inb(I8042_DATA_PORT);
	config |= CONFIG_KEYBOARD_INTERRUPT | CONFIG_TRANSLATION;
	config &= (uint8_t) ~(I8042_CONFIG_MOUSE_INTERRUPT | CONFIG_KEYBOARD_CLOCK_OFF);
	if (!i8042_send_command(I8042_COMMAND_WRITE_CONFIG) ||
	    !i8042_wait_status(I8042_STATUS_INPUT_FULL, false))
		goto not_responding;
	outb(I8042_DATA_PORT, config);
	if (!i8042_send_command(COMMAND_ENABLE_KEYBOARD))
		goto not_responding;
	interrupt_route_irq(KEYBOARD_IRQ, i8042_interrupt);
	i8042_present = true;
	pr_info("i8042: PS/2 keyboard\n");
	return;
not_responding:
	pr_warn("i8042: the controller does not respond; no keyboard\n");
}
