/* SPDX-License-Identifier: MIT */
/* The VGA text screen (80x25 at 0xb8000) as a second console output, when the machine has a
 * VGA-compatible display controller on PCI (QEMU's pc and q35, not microvm). */
#pragma once
#include <stddef.h>

/* Finds the display and clears it; without one, vga_text_write does nothing. */
void vga_text_init(void);
/* Console output, interpreted as a VT100/ANSI terminal would (lib/ansi_screen.c). */
void vga_text_write(const char *text, size_t length);
/* The display leaves text mode (a framebuffer took it): the screen is no longer written. */
void vga_text_release(void);
