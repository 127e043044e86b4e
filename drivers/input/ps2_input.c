// SPDX-License-Identifier: MIT
/* The PS/2 keyboard and mouse as input devices (images with graphics): the keyboard's set-1
 * scancodes (the i8042 translates) become Linux key codes, which for the base set are the
 * scancodes themselves and for the 0xe0-prefixed keys come from a table
 * (drivers/input/input_console.c); the mouse on the AUX
 * port sends 3-byte packets (buttons and signs, X, Y) that become EV_REL and BTN_* events.
 * The bytes come from drivers/input/i8042.c's interrupt handler. */
#include "arch/x86_64/cpu.h"
#include "drivers/input/i8042.h"
#include "drivers/input/input.h"
#include "drivers/interrupt/irq.h"
#include "kernel/log.h"
#include "lib/string.h"

#define COMMAND_ENABLE_MOUSE   0xa8
#define COMMAND_TO_MOUSE       0xd4
#define CONFIG_MOUSE_CLOCK_OFF 0x20
#define MOUSE_SET_DEFAULTS     0xf6
#define MOUSE_ENABLE_REPORTING 0xf4
#define MOUSE_ACKNOWLEDGE      0xfa
#define MOUSE_IRQ	       12
#define PACKET_ALWAYS_ONE      0x08
#define PACKET_X_SIGN	       0x10
#define PACKET_Y_SIGN	       0x20
#define PACKET_OVERFLOW	       0xc0
#define SCANCODE_EXTENDED      0xe0
#define SCANCODE_PAUSE	       0xe1
#define SCANCODE_RELEASED      0x80
#define KEY_LAST_BASE	       0x58 /* KEY_F12: up to here, key code = scancode */

static struct input_device *keyboard, *mouse;
static bool extended;
static unsigned pause_bytes; /* of the Pause key's 0xe1 sequence, still to skip */
static uint8_t packet[3];
static unsigned packet_length;

bool ps2_keyboard_scancode(uint8_t scancode)
{
	if (!keyboard)
		return false;
	if (pause_bytes) {
		pause_bytes--;
	} else if (scancode == SCANCODE_PAUSE) {
		pause_bytes = 5;
	} else if (scancode == SCANCODE_EXTENDED) {
		extended = true;
	} else {
		uint16_t key = input_key_of_scancode(scancode & ~SCANCODE_RELEASED, extended);
		extended = false;
		if (key) {
			input_report(keyboard, EV_KEY, key, !(scancode & SCANCODE_RELEASED));
			input_sync(keyboard);
		}
	}
	return keyboard->grab != NULL;
}

static void report_packet(void)
{
	uint8_t flags = packet[0];

	if (flags & PACKET_OVERFLOW)
		return;
	int32_t dx = (int32_t)packet[1] - ((flags & PACKET_X_SIGN) ? 256 : 0);
	int32_t dy = (int32_t)packet[2] - ((flags & PACKET_Y_SIGN) ? 256 : 0);
	input_report(mouse, EV_REL, REL_X, dx);
	input_report(mouse, EV_REL, REL_Y, -dy); /* PS/2 counts up, the screen down */
	input_report(mouse, EV_KEY, BTN_LEFT, flags & 1);
	input_report(mouse, EV_KEY, BTN_RIGHT, (flags >> 1) & 1);
	input_report(mouse, EV_KEY, BTN_MIDDLE, (flags >> 2) & 1);
	input_sync(mouse);
}

void ps2_mouse_byte(uint8_t byte)
{
	if (!mouse)
		return;
	if (packet_length == 0 && !(byte & PACKET_ALWAYS_ONE))
		return; /* out of step: wait for a first byte */
	packet[packet_length++] = byte;
	if (packet_length == 3) {
		packet_length = 0;
		report_packet();
	}
}

static bool mouse_command(uint8_t command)
{
	if (!i8042_send_command(COMMAND_TO_MOUSE) ||
	    !i8042_wait_status(I8042_STATUS_INPUT_FULL, false))
		return false;
	outb(I8042_DATA_PORT, command);
	return i8042_wait_status(I8042_STATUS_OUTPUT_FULL, true) &&
	       inb(I8042_DATA_PORT) == MOUSE_ACKNOWLEDGE;
}

static bool enable_mouse_port(void)
{
	if (!i8042_send_command(COMMAND_ENABLE_MOUSE) ||
	    !i8042_send_command(I8042_COMMAND_READ_CONFIG) ||
	    !i8042_wait_status(I8042_STATUS_OUTPUT_FULL, true))
		return false;
	uint8_t config = inb(I8042_DATA_PORT);
	config = (uint8_t)((config | I8042_CONFIG_MOUSE_INTERRUPT) & ~CONFIG_MOUSE_CLOCK_OFF);
	if (!i8042_send_command(I8042_COMMAND_WRITE_CONFIG) ||
	    !i8042_wait_status(I8042_STATUS_INPUT_FULL, false))
		return false;
	outb(I8042_DATA_PORT, config);
	return mouse_command(MOUSE_SET_DEFAULTS) && mouse_command(MOUSE_ENABLE_REPORTING);
}

static struct input_device *make_keyboard(void)
{
	struct input_device *device = input_device_create("AT Translated Set 2 keyboard");

	if (!device)
		return NULL;
	device->id = (struct input_id){BUS_I8042, 0x0001, 0x0001, 0xab41};
	strlcpy(device->physical, "isa0060/serio0/input0", sizeof(device->physical));
	input_set_bit(&device->event_bits, EV_KEY);
	for (unsigned key = 1; key <= KEY_LAST_BASE; key++)
		input_set_bit(device->key_bits, key);
	for (uint8_t code = 0; code < 0x80; code++)
		if (input_key_of_scancode(code, true))
			input_set_bit(device->key_bits, input_key_of_scancode(code, true));
	return input_device_register(device) ? NULL : device;
}

static struct input_device *make_mouse(void)
{
	struct input_device *device = input_device_create("ImPS/2 Generic Mouse");

	if (!device)
		return NULL;
	device->id = (struct input_id){BUS_I8042, 0x0002, 0x0001, 0x0000};
	strlcpy(device->physical, "isa0060/serio1/input0", sizeof(device->physical));
	input_set_bit(&device->event_bits, EV_KEY);
	input_set_bit(&device->event_bits, EV_REL);
	input_set_bit(&device->rel_bits, REL_X);
	input_set_bit(&device->rel_bits, REL_Y);
	input_set_bit(device->key_bits, BTN_LEFT);
	input_set_bit(device->key_bits, BTN_RIGHT);
	input_set_bit(device->key_bits, BTN_MIDDLE);
	input_set_bit(&device->property_bits, INPUT_PROP_POINTER);
	return input_device_register(device) ? NULL : device;
}

void ps2_input_init(void)
{
	if (!i8042_present)
		return;
	keyboard = make_keyboard();
	if (!enable_mouse_port()) {
		pr_warn("i8042: no PS/2 mouse answers on the AUX port\n");
		return;
	}
	mouse = make_mouse();
	interrupt_route_irq(MOUSE_IRQ, i8042_interrupt);
	pr_info("i8042: PS/2 mouse\n");
}
