/* SPDX-License-Identifier: MIT */
/* The graphical console (drivers/video/framebuffer_console.c): the console's output drawn on
 * the framebuffer in a PSF font, through the same ANSI screen model as the VGA text console.
 * In images without graphics drivers/video/absent.c's framebuffer_console_write does nothing. */
#pragma once
#include <stddef.h>

struct framebuffer;

/* Console output (kernel/console.c), drawn when the console is on the screen. */
void framebuffer_console_write(const char *text, size_t length);
/* Takes the framebuffer: cells from its mode and the font, the console's window size set. */
void framebuffer_console_start(struct framebuffer *framebuffer);
/* A program opened /dev/fb0 and owns the screen (suspend) or closed it last (resume: the
 * console is drawn again whole). */
void framebuffer_console_suspend(void);
void framebuffer_console_resume(void);
