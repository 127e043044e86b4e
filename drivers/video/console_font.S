/* SPDX-License-Identifier: MIT */
/* The graphical console's font: a PSF file (CONSOLE_FONT, uncompressed from console-setup's
 * Lat15-Terminus16 by the Makefile), as bytes between console_font_start and _end. */
	.section .rodata
	.global console_font_start, console_font_end
console_font_start:
	.incbin CONSOLE_FONT
console_font_end:
	.section .note.GNU-stack, "", @progbits
