// SPDX-License-Identifier: MIT
/* A shell session's command history (apps/shell/history.c): the lines entered, oldest first,
 * recalled by the line editor's up and down keys and listed by `history`; loaded from and appended
 * to a file (/root/.history) when it is writable. */
#ifndef YOLK_SHELL_HISTORY_H
#define YOLK_SHELL_HISTORY_H

#include <stddef.h>

#define HISTORY_LIMIT 1000

struct shell_history {
	char *lines[HISTORY_LIMIT];
	size_t count;
	char *file_path;
};

/* Loads PATH's lines (the last HISTORY_LIMIT) and remembers PATH for history_add. */
void history_load(struct shell_history *history, const char *path);
/* Adds LINE (not blank, not the same as the last one) and appends it to the file. */
void history_add(struct shell_history *history, const char *line);
size_t history_count(const struct shell_history *history);
/* The INDEX-th line, 0 the oldest; NULL past the end. */
const char *history_line(const struct shell_history *history, size_t index);
void history_free(struct shell_history *history);

#endif
