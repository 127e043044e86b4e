// SPDX-License-Identifier: MIT
/* The table of everything the shell can run (apps/shell/commands.c): the commands of
 * commands/list.h and the shell's own builtins of builtins.h, found by name. */
#ifndef YOLK_SHELL_COMMANDS_H
#define YOLK_SHELL_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

struct shell_command {
	const char *name;
	int (*main)(int argc, char **argv);
	const char *usage;
	const char *summary;
	bool in_shell; /* alone in the foreground, it runs on the shell's own thread */
};

/* The command called NAME, or NULL. */
const struct shell_command *shell_command_find(const char *name);
/* The INDEX-th command in name order; NULL past the end. */
const struct shell_command *shell_command_at(size_t index);

#endif
