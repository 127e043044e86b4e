// SPDX-License-Identifier: MIT
/* provisional */
#include "command_runtime.h"
#include <setjmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <getopt.h>

struct context {
	struct command_streams streams;
	jmp_buf exit_jump;
	int exit_status;
	volatile bool interrupted;
};
static __thread struct context *current;
static __thread volatile bool interrupted_flag;

int command_run(int (*main)(int, char **), const struct command_streams *streams, int argc,
		char **argv)
{
	struct context context = {.streams = *streams};
	struct context *saved = current;
	int status;

	current = &context;
	interrupted_flag = false;
	optind = 1;
	if (setjmp(context.exit_jump))
		status = context.exit_status;
	else
		status = main(argc, argv);
	fflush(context.streams.out);
	fflush(context.streams.err);
	current = saved;
	return status;
}
void command_set_interrupted(void)
{
	interrupted_flag = true;
}
bool command_interrupted(void)
{
	return interrupted_flag;
}
FILE *command_stdin(void)
{
	return current ? current->streams.in : stdin;
}
FILE *command_stdout(void)
{
	return current ? current->streams.out : stdout;
}
FILE *command_stderr(void)
{
	return current ? current->streams.err : stderr;
}
_Noreturn void command_exit(int status)
{
	if (!current)
		exit(status);
	current->exit_status = status;
	longjmp(current->exit_jump, 1);
}
void command_perror(const char *prefix)
{
	fprintf(command_stderr(), "%s: %s\n", prefix, strerror(errno));
}
int command_getopt(int argc, char *const argv[], const char *options)
{
	return getopt(argc, argv, options);
}
int *command_optind(void)
{
	return &optind;
}
int *command_opterr(void)
{
	return &opterr;
}
int *command_optopt(void)
{
	return &optopt;
}
char **command_optarg(void)
{
	return &optarg;
}
