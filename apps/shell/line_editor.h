// SPDX-License-Identifier: MIT
/* The shell's line editor (apps/shell/line_editor.c): reads a command line from the terminal
 * in raw mode, with cursor moves (arrows, home/end, ^A ^E ^B ^F), deletion (backspace, delete,
 * ^D, ^K, ^U, ^W), ^L to clear the screen, history on up/down and tab completion (a list on a
 * second tab). Keys arrive as the escape sequences a VT100 or the keyboard driver sends. */
#ifndef YOLK_SHELL_LINE_EDITOR_H
#define YOLK_SHELL_LINE_EDITOR_H

#include <stdbool.h>
#include <stddef.h>

struct completion;

/* Where tab completion's candidates come from: FIND fills OUT for the word ending at CURSOR in
 * LINE, as completion_find (completion.h) does for the shell; returns 0 or -1. */
struct line_editor_completer {
	int (*find)(void *context, const char *line, size_t cursor, struct completion *out);
	void *context;
};

/* Shows PROMPT and returns the line entered (malloc'd, no newline), or NULL at the end of the
 * input (^D on an empty line). Ctrl-C abandons the line: an empty line, *INTERRUPTED set. When
 * standard input is not a terminal, reads a plain line. */
char *line_editor_read(const char *prompt, bool *interrupted);
/* The same with the candidates from COMPLETER (another language's REPL: the js command's). */
char *line_editor_read_completing(const char *prompt, bool *interrupted,
				  const struct line_editor_completer *completer);

#endif
