// SPDX-License-Identifier: MIT
/* A ysh session (apps/shell/session.c): one shell on one terminal or set of streams, with its
 * own working directory, variables, history, jobs and process group, so that several run in
 * one image side by side — the console's, and one per ssh connection — and ^C or `exit` in one
 * never touches another. `poweroff` and `reboot` in any of them act on the machine. */
#ifndef YOLK_SHELL_SESSION_H
#define YOLK_SHELL_SESSION_H

#include <stdbool.h>

struct shell_session_options {
	int input, output, error; /* descriptors the session uses (a terminal, pipes, sockets);
				     the session works on copies and leaves these open */
	const char *command;	  /* NULL: interactive (prompt, line editing); else as `ysh -c` */
	const char *script;	  /* instead: run this file, as `ysh FILE ARGUMENT...` */
	char **arguments;	  /* $1... for the command or the script */
	int argument_count;
	char *const *environment; /* extra NAME=VALUE strings for this session, or NULL */
	const char *directory;	  /* where it starts; NULL: $HOME (/root) */
	const char *history_file; /* NULL: $HOME/.history for an interactive session */
	const char *startup;	  /* a script run first when it exists (the console's /etc/rc) */
	bool banner;		  /* an interactive session greets with the system's name */
};

/* Runs one ysh session on the calling thread until it ends (`exit`, the end of its input, a
 * hang-up of its terminal, or the command or script done); returns its exit status. The
 * calling thread gets its own working directory (unshare(CLONE_FS)) and leads a new session
 * and process group (setsid; the image's first thread keeps session 1, the console's), with
 * `input` as its controlling terminal when that is a terminal. Returns 126 when the session
 * cannot be set up (no memory, no descriptors), with a message on `error`. */
int shell_session_run(const struct shell_session_options *options);

#endif
