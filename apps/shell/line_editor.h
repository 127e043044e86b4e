// SPDX-License-Identifier: MIT
/* The shell's line editor (apps/shell/line_editor.c): reads a command line from the terminal
 * in raw mode, with cursor moves (arrows, home/end, ^A ^E ^B ^F), deletion (backspace, delete,
 * ^D, ^K, ^U, ^W), ^L to clear the screen, history on up/down and tab completion (a list on a
 * second tab). Keys arrive as the escape sequences a VT100 or the keyboard driver sends. */
#ifndef YOLK_SHELL_LINE_EDITOR_H
#define YOLK_SHELL_LINE_EDITOR_H

#include <stdbool.h>
#include <stddef.h>
#include "history.h"

struct completion;

/* Where tab completion's candidates come from: FIND fills OUT for the word ending at CURSOR in
 * LINE, as completion_find (completion.h) does for the shell; returns 0 or -1. */
struct line_editor_completer {
	int (*find)(void *context, const char *line, size_t cursor, struct completion *out);
	void *context;
};

struct line_key_reader {
	int state; /* 0 plain, 1 after ESC, 2 in CSI or SS3 */
	int parameter;
	bool last_was_carriage_return;
};

/* A terminal the editor reads keys from and draws on, with what carries from one line to the
 * next: input read past the end of a line (pasted or typed ahead) and the key decoder's state,
 * which a \r\n pair may carry over. */
struct line_terminal {
	int input, output;
	struct shell_history *history; /* recalled by up and down; NULL for none */
	/* Tab's candidates: NULL for the shell's (commands and files); another language's REPL
	 * (the js command's) sets its own. */
	const struct line_editor_completer *completer;
	unsigned char pending[256];
	size_t pending_start, pending_length;
	struct line_key_reader keys;
};

void line_terminal_init(struct line_terminal *terminal, int input, int output,
			struct shell_history *history);
/* Shows PROMPT and returns the line entered (malloc'd, no newline), or NULL at the end of the
 * input (^D on an empty line). Ctrl-C abandons the line: an empty line, *INTERRUPTED set. When
 * the input is not a terminal, reads a plain line. */
char *line_terminal_read(struct line_terminal *terminal, const char *prompt, bool *interrupted);
/* The same on the calling thread's shell session (apps/shell/session.h), or on the image's
 * standard input and output outside any session. */
char *line_editor_read(const char *prompt, bool *interrupted);

#endif
