/* SPDX-License-Identifier: MIT */
/* DejaVu Sans (Debian's fonts-dejavu-core), built into images that use the toolkit's font:
 * gui_font_builtin() in font_builtin.c returns these bytes. GUI_FONT_FILE: the .ttf's path. */
	.section .rodata
	.balign 16
	.globl gui_font_data
	.globl gui_font_data_end
gui_font_data:
	.incbin GUI_FONT_FILE
gui_font_data_end:
	.section .note.GNU-stack, "", @progbits
