// SPDX-License-Identifier: MIT
/* The i8042 PS/2 controller, keyboard port only: bounded waits on its status register (a
 * missing or stuck controller is given up on, never waited for), then IRQ 1 reads each
 * scancode and feeds its bytes to the console. */
#include "drivers/input/i8042.h"
#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "drivers/interrupt/irq.h"
#include "kernel/console.h"
#include "kernel/log.h"
#include "lib/keyboard_map.h"

#define DATA_PORT		  0x60
#define STATUS_PORT		  0x64 /* reads: status; writes: commands */
#define STATUS_OUTPUT_FULL	  0x01
#define STATUS_INPUT_FULL	  0x02
#define STATUS_FROM_MOUSE	  0x20
#define COMMAND_READ_CONFIG	  0x20
#define COMMAND_WRITE_CONFIG	  0x60
#define COMMAND_DISABLE_MOUSE	  0xa7
#define COMMAND_DISABLE_KEYBOARD  0xad
#define COMMAND_ENABLE_KEYBOARD	  0xae
#define CONFIG_KEYBOARD_INTERRUPT 0x01
#define CONFIG_MOUSE_INTERRUPT	  0x02
#define CONFIG_KEYBOARD_CLOCK_OFF 0x10
#define CONFIG_TRANSLATION	  0x40
#define KEYBOARD_IRQ		  1
#define SPINS			  100000

static struct keyboard_state keyboard;

static bool wait_status(uint8_t bit, bool set)
{
	for (int i = 0; i < SPINS; i++)
		if (!(inb(STATUS_PORT) & bit) == !set)
			return true;
	return false;
}

static bool send_command(uint8_t command)
{
	if (!wait_status(STATUS_INPUT_FULL, false))
		return false;
	outb(STATUS_PORT, command);
	return true;
}

static void keyboard_interrupt(struct interrupt_frame *frame)
{
	uint8_t status;

	(void)frame;
	while ((status = inb(STATUS_PORT)) & STATUS_OUTPUT_FULL) {
		uint8_t scancode = inb(DATA_PORT);
		char bytes[KEYBOARD_MAX_BYTES];

		if (status & STATUS_FROM_MOUSE)
			continue;
		size_t count = keyboard_translate(&keyboard, scancode, bytes);

		for (size_t i = 0; i < count; i++)
			console_input((unsigned char)bytes[i]);
	}
}

void i8042_init(void)
{
	uint8_t config;

	if (inb(STATUS_PORT) == 0xff)
		return; /* nothing answers there */
	if (!send_command(COMMAND_DISABLE_KEYBOARD) || !send_command(COMMAND_DISABLE_MOUSE))
		goto not_responding;
	for (int i = 0; i < 32 && (inb(STATUS_PORT) & STATUS_OUTPUT_FULL); i++)
		inb(DATA_PORT); /* what was waiting from before */
	if (!send_command(COMMAND_READ_CONFIG) || !wait_status(STATUS_OUTPUT_FULL, true))
		goto not_responding;
	config = inb(DATA_PORT);
	config |= CONFIG_KEYBOARD_INTERRUPT | CONFIG_TRANSLATION;
	config &= (uint8_t) ~(CONFIG_MOUSE_INTERRUPT | CONFIG_KEYBOARD_CLOCK_OFF);
	if (!send_command(COMMAND_WRITE_CONFIG) || !wait_status(STATUS_INPUT_FULL, false))
		goto not_responding;
	outb(DATA_PORT, config);
	if (!send_command(COMMAND_ENABLE_KEYBOARD))
		goto not_responding;
	interrupt_route_irq(KEYBOARD_IRQ, keyboard_interrupt);
	pr_info("i8042: PS/2 keyboard\n");
	return;
not_responding:
	pr_warn("i8042: the controller does not respond; no keyboard\n");
}
