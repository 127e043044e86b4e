// SPDX-License-Identifier: MIT
/* Text editing for the toolkit's text field and editor (text_edit.c). */
#ifndef YOLK_GUI_TEXT_EDIT_H
#define YOLK_GUI_TEXT_EDIT_H

#include "gui.h"

/* Applies this frame's typed text and editing keys to BUFFER (SIZE bytes with its NUL) at
 * GUI's text cursor; MULTILINE: Return is a line break (else it submits) and Up/Down move
 * between lines. Returns enum gui_result bits. */
int gui_text_edit_keys(struct gui *gui, char *buffer, size_t size, bool multiline);

/* The byte offset in the line starting at TEXT nearest to X pixels from its start. */
size_t gui_text_position_at(const struct gui_font *font, const char *text, size_t length, int x);
size_t gui_text_line_start(const char *text, size_t position);
size_t gui_text_line_end(const char *text, size_t length, size_t position);

#endif
