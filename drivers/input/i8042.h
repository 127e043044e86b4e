/* SPDX-License-Identifier: MIT */
/* The PS/2 keyboard behind the i8042 controller: its keys become console input, as if typed on
 * the serial port (lib/keyboard_map.c makes the bytes). */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#define I8042_DATA_PORT		     0x60
#define I8042_STATUS_PORT	     0x64 /* reads: status; writes: commands */
#define I8042_STATUS_OUTPUT_FULL     0x01
#define I8042_STATUS_INPUT_FULL	     0x02
#define I8042_STATUS_FROM_MOUSE	     0x20
#define I8042_COMMAND_READ_CONFIG    0x20
#define I8042_COMMAND_WRITE_CONFIG   0x60
#define I8042_CONFIG_MOUSE_INTERRUPT 0x02

struct interrupt_frame;

/* Sets the controller up (keyboard port on, translation to scancode set 1, IRQ 1), when there
 * is one; a machine without (microvm) reads 0xff from its status port and is left alone. */
void i8042_init(void);
/* Whether i8042_init found the controller and its keyboard. */
extern bool i8042_present;
/* For drivers/input/ps2_input.c: a bounded wait for a status bit to be set or clear (false:
 * it never came), a controller command, and the interrupt handler (IRQ 1 and 12). */
bool i8042_wait_status(uint8_t bit, bool set);
bool i8042_send_command(uint8_t command);
void i8042_interrupt(struct interrupt_frame *frame);

/* The bytes, as they come (drivers/input/ps2_input.c, or drivers/video/absent.c): a keyboard
 * scancode (set 1; true when a program grabbed the keyboard, EVIOCGRAB, and the console must
 * not see it) and a byte from the mouse. */
bool ps2_keyboard_scancode(uint8_t scancode);
void ps2_mouse_byte(uint8_t byte);
