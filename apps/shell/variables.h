// SPDX-License-Identifier: MIT
/* A shell session's variables (apps/shell/variables.c): NAME=VALUE strings, each session its
 * own, started from the image's environment and the session's extra variables. $NAME reads
 * them, NAME=VALUE, export, unset and cd (PWD, OLDPWD) change them, env lists them. The image's
 * own environment (getenv) is left as it was, shared by every session. */
#ifndef YOLK_SHELL_VARIABLES_H
#define YOLK_SHELL_VARIABLES_H

#include <stddef.h>

struct shell_variables {
	char **entries; /* "NAME=VALUE", NULL-terminated */
	size_t count, capacity;
};

/* Copies FROM and then EXTRA (either NULL); 0, or -1 without memory. */
int variables_init(struct shell_variables *variables, char *const *from, char *const *extra);
void variables_free(struct shell_variables *variables);
/* NAME's value, or NULL when unset. */
const char *variables_get(const struct shell_variables *variables, const char *name);
/* Sets NAME (the first LENGTH bytes of it) to VALUE; 0, or -1 without memory. */
int variables_set(struct shell_variables *variables, const char *name, size_t length,
		  const char *value);
void variables_unset(struct shell_variables *variables, const char *name);

#endif
