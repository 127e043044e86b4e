// SPDX-License-Identifier: MIT
/* The shell's command history (apps/shell/history.c): the lines entered this session, oldest
 * first, recalled by the line editor's up and down keys and listed by `history`; loaded from
 * and appended to a file (/root/.history) when it is writable. */
#ifndef YOLK_SHELL_HISTORY_H
#define YOLK_SHELL_HISTORY_H

#include <stddef.h>

#define HISTORY_LIMIT 1000

/* Loads PATH's lines (the last HISTORY_LIMIT) and remembers PATH for history_add. */
void history_load(const char *path);
/* Adds LINE (not blank, not the same as the last one) and appends it to the file. */
void history_add(const char *line);
size_t history_count(void);
/* The INDEX-th line, 0 the oldest; NULL past the end. */
const char *history_line(size_t index);

#endif
