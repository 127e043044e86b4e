// SPDX-License-Identifier: MIT
/* Running a command (apps/shell/command_runtime.c): the implementation of command.h's
 * per-thread stdio, exit and getopt, and the runner the shell calls on a stage's thread. */
#ifndef YOLK_SHELL_COMMAND_RUNTIME_H
#define YOLK_SHELL_COMMAND_RUNTIME_H

#include <stdbool.h>
#include <stdio.h>

struct command_streams {
	FILE *in, *out, *err;
};

/* Runs MAIN(ARGC, ARGV) on the calling thread with STREAMS as its stdin, stdout and stderr
 * and getopt's state fresh; returns its status, from a return or from exit(). The streams are
 * flushed, not closed. */
int command_run(int (*main)(int, char **), const struct command_streams *streams, int argc,
		char **argv);
/* The streams command_stdin() and the rest give on this thread outside any command (a shell
 * session's own, on its thread); NULL: the process's stdin, stdout and stderr again. */
void command_set_default_streams(const struct command_streams *streams);
/* Marks the command running on this thread interrupted (from a signal handler). */
void command_set_interrupted(void);
/* Whether the last command run on this thread called command_keep_status_on_interrupt. */
bool command_keeps_status(void);

#endif
