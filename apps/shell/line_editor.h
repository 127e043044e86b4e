// SPDX-License-Identifier: MIT
/* The shell's line editor (apps/shell/line_editor.c): reads a command line from the terminal
 * in raw mode, with cursor moves (arrows, home/end, ^A ^E ^B ^F), deletion (backspace, delete,
 * ^D, ^K, ^U, ^W), ^L to clear the screen, history on up/down and tab completion (a list on a
 * second tab). Keys arrive as the escape sequences a VT100 or the keyboard driver sends. */
#ifndef YOLK_SHELL_LINE_EDITOR_H
#define YOLK_SHELL_LINE_EDITOR_H

#include <stdbool.h>

/* Shows PROMPT and returns the line entered (malloc'd, no newline), or NULL at the end of the
 * input (^D on an empty line). Ctrl-C abandons the line: an empty line, *INTERRUPTED set. When
 * standard input is not a terminal, reads a plain line. */
char *line_editor_read(const char *prompt, bool *interrupted);

#endif
