// SPDX-License-Identifier: MIT
/* The contract between the shell (apps/shell) and its commands (apps/shell/commands/NAME.c,
 * each an ordinary `int NAME_main(int argc, char **argv)` over stdio). A command runs as a
 * thread of the shell, perhaps beside the other stages of a pipeline, so what a process would
 * own alone is made per thread here: stdin, stdout and stderr are the stage's own streams,
 * exit() ends the command (not the kernel) with that status, and getopt() keeps its state per
 * thread (apps/shell/command_runtime.c). The source stays that of a plain C program.
 *
 * Include this header after every system header a command uses, or only it: it includes the
 * usual ones first so that their declarations are not touched by the macros below. Rules for a
 * command: no err.h (it writes to the process's stderr), report errors as "NAME: message" on
 * stderr, return 2 for a bad option or usage, stop when a write fails (a closed pipe gives
 * EPIPE: SIGPIPE is ignored) and poll command_interrupted() in any loop that may run long. */
#ifndef YOLK_SHELL_COMMAND_H
#define YOLK_SHELL_COMMAND_H

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* True once Ctrl-C was pressed while this command ran in the foreground (the blocking call it
 * was in, if any, has returned EINTR). */
bool command_interrupted(void);
/* Ctrl-C was dealt with (an interpreter's REPL went back to its prompt): command_interrupted()
 * is false until the next one. */
void command_clear_interrupted(void);
/* Ctrl-C is one of this command's ordinary ends (ping's, which then prints its statistics):
 * the status it returns stands, where the shell would otherwise make a 0 into 130. */
void command_keep_status_on_interrupt(void);

FILE *command_stdin(void);
FILE *command_stdout(void);
FILE *command_stderr(void);
_Noreturn void command_exit(int status);
void command_perror(const char *prefix);
int command_getopt(int argc, char *const argv[], const char *options);
int *command_optind(void);
int *command_opterr(void);
int *command_optopt(void);
char **command_optarg(void);

#undef stdin
#undef stdout
#undef stderr
#define stdin		       (command_stdin())
#define stdout		       (command_stdout())
#define stderr		       (command_stderr())
#define printf(...)	       fprintf(stdout, __VA_ARGS__)
#define vprintf(format, list)  vfprintf(stdout, format, list)
#define puts(text)	       (fputs(text, stdout) < 0 || fputc('\n', stdout) < 0 ? EOF : 1)
#define putchar(c)	       fputc(c, stdout)
#define getchar()	       fgetc(stdin)
#define perror(prefix)	       command_perror(prefix)
#define exit(status)	       command_exit(status)
#define getopt(argc, argv, os) command_getopt(argc, argv, os)
#define optind		       (*command_optind())
#define opterr		       (*command_opterr())
#define optopt		       (*command_optopt())
#define optarg		       (*command_optarg())

#endif
