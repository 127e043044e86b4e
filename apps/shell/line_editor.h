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
struct line_edit;

/* Where tab completion's candidates come from: FIND fills OUT for the word ending at CURSOR in
 * LINE, as completion_find (completion.h) does for the shell; returns 0 or -1. */
struct line_editor_completer {
	int (*find)(void *context, const char *line, size_t cursor, struct completion *out);
	void *context;
};

struct line_terminal;

/* Work the editor does while it waits for a key: a REPL's event loop (the js command's timers
 * and sockets), so that it runs while a line is being typed. */
struct line_editor_waiter {
	/* Before each wait: how long the work can wait (milliseconds, -1: until DESCRIPTOR is
	 * ready), with *DESCRIPTOR a descriptor whose readiness means work (-1: none). */
	int (*prepare)(void *context, int *descriptor);
	/* Runs the work that is due, with the terminal's own mode back (Ctrl-C is a signal
	 * again). It calls line_terminal_hide before it writes to the terminal; the editor then
	 * shows the prompt and the line typed so far again beneath what it wrote. Returns true
	 * to end the reading as the end of the input does. */
	bool (*run)(void *context, struct line_terminal *terminal);
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
	const struct line_editor_waiter *waiter; /* NULL: nothing to do while waiting */
	struct line_edit *editing; /* the line being edited (line_editor.c's), or NULL */
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
/* Clears the line being edited (the prompt and the text typed so far) from the screen, to be
 * shown again when the waiter's run returns; nothing when no line is being edited. */
void line_terminal_hide(struct line_terminal *terminal);
/* The same on the calling thread's shell session (apps/shell/session.h), or on the image's
 * standard input and output outside any session. */
char *line_editor_read(const char *prompt, bool *interrupted);

#endif
