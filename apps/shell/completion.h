// SPDX-License-Identifier: MIT
/* Tab completion for the line editor (apps/shell/completion.c): the first word of a command is
 * completed from the shell's commands, every other word (and a first word with a '/') from the
 * file tree. */
#ifndef YOLK_SHELL_COMPLETION_H
#define YOLK_SHELL_COMPLETION_H

#include <stdbool.h>
#include <stddef.h>

struct completion {
	size_t word_start; /* where the word being completed begins in the line */
	char **candidates; /* full replacements for the word, sorted; a directory ends in '/' */
	size_t count;
	size_t common_length; /* of the candidates' longest common prefix */
	bool no_space_after;  /* a word completed in full is not followed by a space */
};

/* Finds the candidates for the word that ends at CURSOR in LINE. Returns 0 or -1 (no memory). */
int completion_find(const char *line, size_t cursor, struct completion *out);
void completion_free(struct completion *completion);

#endif
