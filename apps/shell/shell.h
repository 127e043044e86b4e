// SPDX-License-Identifier: MIT
/* The shell's own state and its entry points for running text (apps/shell/shell.c): what
 * main.c, the builtins and `sh` share. */
#ifndef YOLK_SHELL_SHELL_H
#define YOLK_SHELL_SHELL_H

#include <stdbool.h>
#include <stdio.h>
#include "history.h"
#include "jobs.h"
#include "line_editor.h"
#include "session.h"
#include "variables.h"

struct shell_state {
	int last_status;      /* $? */
	int positional_count; /* $# */
	char **positional;    /* $1 ... */
	const char *name;     /* $0 */
	bool exit_requested;  /* by `exit`, `poweroff` or `reboot` */
	int exit_status;
};

/* Everything one session owns (see session.h); each of its threads (the session's own, and
 * each command's) finds it through shell_session_current(). */
struct shell_session {
	struct shell_state state;
	struct command_streams streams; /* the shell's own stdin, stdout and stderr */
	bool owns_streams;		/* made from copies of the options' descriptors */
	FILE *capture;			/* where a $( ... ) being expanded writes, or NULL */
	struct shell_variables variables;
	struct shell_history history;
	struct shell_jobs jobs;
	struct line_terminal terminal;
	volatile bool hung_up; /* its terminal hung up (SIGHUP): it ends */
};

/* The calling thread's session; outside any (a program that links a shell command without a
 * session) the image's, on its standard streams, made the first time it is needed. */
struct shell_session *shell_session_current(void);
/* The calling thread's session, or NULL (for signal handlers). */
struct shell_session *shell_session_of_thread(void);
/* Makes SESSION the calling thread's (a command's thread, as it starts). */
void shell_session_enter(struct shell_session *session);
/* The session's state ($?, $#, $1..., exit requests). */
static inline struct shell_state *shell_state(void)
{
	return &shell_session_current()->state;
}
/* The session's variables, for $NAME, export, unset, env and cd. */
const char *shell_variable(const char *name);
int shell_set_variable(const char *name, const char *value);

/* Runs one line of shell text; returns its status, also left in shell.last_status. */
int shell_run_line(const char *line);
/* Runs the commands in PATH, line by line, with $1... from ARGUMENTS; returns the last status,
 * or 127 (with a message) when PATH cannot be read. */
int shell_run_file(const char *path, int argument_count, char **arguments);

#endif
