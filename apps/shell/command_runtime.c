// SPDX-License-Identifier: MIT
/* The per-thread side of command.h: a command's streams, its exit and its getopt state live in
 * a context on the running thread's stack, found through a thread-local pointer, so commands in
 * a pipeline run side by side without sharing anything (see command_runtime.h). */
#include "command_runtime.h"
#include <errno.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct getopt_state {
	char *argument;
	int index, report_errors, option;
	int position; /* within a group of short options, "-abc" */
};

struct command_context {
	struct command_streams streams;
	const char *name;
	jmp_buf exit_jump;
	int exit_status;
	struct getopt_state getopt;
};

static __thread struct command_context *current;
static __thread volatile bool interrupted;
static __thread bool keeps_status;
/* Outside any command (the shell's own code): the thread's session's streams, else the
 * process's, and getopt's state of its own. */
static __thread struct getopt_state outside = {NULL, 1, 1, 0, 0};
static __thread struct command_streams outside_streams;

void command_set_default_streams(const struct command_streams *streams)
{
	outside_streams = streams ? *streams : (struct command_streams){0};
}

int command_run(int (*main)(int, char **), const struct command_streams *streams, int argc,
		char **argv)
{
	struct command_context context = {
	    .streams = *streams, .name = argc > 0 ? argv[0] : "?", .getopt = {NULL, 1, 1, 0, 0}};
	struct command_context *saved = current;
	volatile int status;

	current = &context;
	interrupted = false;
	keeps_status = false;
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
	interrupted = true;
}

bool command_interrupted(void)
{
	return interrupted;
}

void command_clear_interrupted(void)
{
	interrupted = false;
}

void command_keep_status_on_interrupt(void)
{
	keeps_status = true;
}

bool command_keeps_status(void)
{
	return keeps_status;
}

FILE *command_stdin(void)
{
	return current ? current->streams.in : outside_streams.in ? outside_streams.in : stdin;
}

FILE *command_stdout(void)
{
	return current ? current->streams.out : outside_streams.out ? outside_streams.out : stdout;
}

FILE *command_stderr(void)
{
	return current ? current->streams.err : outside_streams.err ? outside_streams.err : stderr;
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
	const char *message = strerror(errno);

	if (prefix && *prefix)
		fprintf(command_stderr(), "%s: %s\n", prefix, message);
	else
		fprintf(command_stderr(), "%s\n", message);
}

static struct getopt_state *state(void)
{
	return current ? &current->getopt : &outside;
}

int *command_optind(void)
{
	return &state()->index;
}

int *command_opterr(void)
{
	return &state()->report_errors;
}

int *command_optopt(void)
{
	return &state()->option;
}

char **command_optarg(void)
{
	return &state()->argument;
}

/* POSIX getopt over this command's own state, with musl's messages. */
int command_getopt(int argc, char *const argv[], const char *options)
{
	struct getopt_state *s = state();
	bool colon = options[0] == ':';

	s->argument = NULL;
	if (s->index < 1)
		s->index = 1, s->position = 0;
	if (!s->position) {
		const char *word = s->index < argc ? argv[s->index] : NULL;

		if (!word || word[0] != '-' || !word[1])
			return -1;
		if (!strcmp(word, "--")) {
			s->index++;
			return -1;
		}
		s->position = 1;
	}
	const char *word = argv[s->index];
	char option = word[s->position++];
	const char *spec = option != ':' ? strchr(options + colon, option) : NULL;

	s->option = option;
	if (!word[s->position]) {
		s->index++;
		s->position = 0;
	}
	if (!spec) {
		if (s->report_errors && !colon)
			fprintf(command_stderr(), "%s: unrecognized option: %c\n", argv[0], option);
		return '?';
	}
	if (spec[1] != ':')
		return option;
	if (s->position) { /* the rest of this word: "-n5" */
		s->argument = (char *)word + s->position;
		s->index++;
		s->position = 0;
	} else if (s->index < argc) {
		s->argument = argv[s->index++];
	} else {
		if (colon)
			return ':';
		if (s->report_errors)
			fprintf(command_stderr(), "%s: option requires an argument: %c\n", argv[0],
				option);
		return '?';
	}
	return option;
}
