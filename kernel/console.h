/* SPDX-License-Identifier: MIT */
/* The console: file descriptors 0, 1 and 2 of the application, a Linux-compatible terminal
 * (kernel/console.c). Output goes to the serial port and, when there is one, the VGA screen;
 * input comes from the serial port and the PS/2 keyboard alike, through the line discipline. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "fs/vfs.h"

void console_init(void);
/* Turns on interrupt-driven input (needs the interrupt controllers). */
void console_enable_input(void);
/* One byte of input, from the serial port or the keyboard (interrupt context). */
void console_input(unsigned char byte);
/* Writes from kernel memory; safe in any context. */
void console_write_kernel(const char *text, size_t length);
/* The console as a character device (/dev/console, /dev/tty, /dev/ttyS0; fds 0-2). */
extern const struct file_operations console_file_operations;
