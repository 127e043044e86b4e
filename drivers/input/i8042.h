/* SPDX-License-Identifier: MIT */
/* The PS/2 keyboard behind the i8042 controller: its keys become console input, as if typed on
 * the serial port (lib/keyboard_map.c makes the bytes). */
#pragma once

/* Sets the controller up (keyboard port on, translation to scancode set 1, IRQ 1), when there
 * is one; a machine without (microvm) reads 0xff from its status port and is left alone. */
void i8042_init(void);
