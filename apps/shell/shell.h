// SPDX-License-Identifier: MIT
/* The shell's own state and its entry points for running text (apps/shell/shell.c): what
 * main.c, the builtins and `sh` share. */
#ifndef YOLK_SHELL_SHELL_H
#define YOLK_SHELL_SHELL_H

#include <stdbool.h>

struct shell_state {
	int last_status;      /* $? */
	int positional_count; /* $# */
	char **positional;    /* $1 ... */
	const char *name;     /* $0 */
	bool exit_requested;  /* by `exit`, `poweroff` or `reboot` */
	int exit_status;
};

extern struct shell_state shell;

/* Runs one line of shell text; returns its status, also left in shell.last_status. */
int shell_run_line(const char *line);
/* Runs the commands in PATH, line by line, with $1... from ARGUMENTS; returns the last status,
 * or 127 (with a message) when PATH cannot be read. */
int shell_run_file(const char *path, int argument_count, char **arguments);

#endif
