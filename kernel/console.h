/* SPDX-License-Identifier: MIT */
/* The console: file descriptors 0, 1 and 2 of the application. Output goes to the serial port
 * with "\n" sent as "\r\n"; input arrives by interrupt into a buffer and is read a line at a
 * time with echo and erase (a minimal canonical mode; the tty layer of the console issue
 * replaces it). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "fs/vfs.h"

void console_init(void);
/* Turns on interrupt-driven input (needs the interrupt controllers). */
void console_enable_input(void);
/* Writes from kernel memory; safe in any context. */
void console_write_kernel(const char *text, size_t length);
/* Blocks until a line (or end of file, ^D) is available; returns bytes copied. */
long console_read(char *buffer, size_t length);
/* The console as a character device (/dev/console, /dev/tty, /dev/ttyS0; fds 0-2). */
extern const struct file_operations console_file_operations;
long console_ioctl_argument_size(unsigned long request);
