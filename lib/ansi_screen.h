/* SPDX-License-Identifier: MIT */
/* A text screen driven by a VT100/ANSI subset (lib/ansi_screen.c): bytes in, cells out. Pure
 * code over a caller's array of cells in VGA's format (character in the low byte, colour
 * attribute in the high byte), so the VGA driver hands it the text buffer itself and the host
 * unit tests an ordinary array. Understood: printable bytes with wrapping, CR, LF, BS, TAB,
 * BEL (ignored); ESC 7 / ESC 8 (save, restore the cursor); CSI A B C D (moves), H and f
 * (position), J and K (erase display, line: 0 1 2), m (SGR: 0, 1, 7, 22, 27, 30-37, 39,
 * 40-47, 49, 90-97, 100-107), r (scrolling region), s and u (save, restore); ESC c (reset);
 * other sequences (ESC ( B, CSI ? 25 l, ...) are read whole and ignored. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ANSI_SCREEN_MAX_PARAMETERS 8

struct ansi_screen {
	uint16_t *cells; /* rows * columns */
	int rows, columns;
	int row, column;	     /* the cursor */
	bool wrap_pending;	     /* the last column was written: wrap before the next byte */
	int saved_row, saved_column; /* ESC 7, CSI s */
	int top, bottom;	     /* the scrolling region, inclusive */
	uint8_t foreground, background;
	bool bold, reverse;
	/* The escape-sequence parser. */
	int state;
	int parameters[ANSI_SCREEN_MAX_PARAMETERS];
	int parameter_count;
};

/* Clears CELLS (ROWS x COLUMNS) to light grey on black and homes the cursor. */
void ansi_screen_init(struct ansi_screen *screen, uint16_t *cells, int rows, int columns);
void ansi_screen_write(struct ansi_screen *screen, const char *bytes, size_t length);
