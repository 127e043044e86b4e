// SPDX-License-Identifier: MIT
/* Running shell text: a line is split (parser.c), each pipeline's words expanded when its
 * turn comes, its redirections opened, and its stages run as a job (jobs.c) or, for a builtin
 * alone in the foreground, on the shell's own thread (see shell.h). */
#include "shell.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jobs.h"
#include "parser.h"
#include "command.h"

static const char *lookup(const char *name, void *context)
{
	static __thread char number[24];
	static __thread char *joined;

	struct shell_state *shell = shell_state();

	(void)context;
	if (!strcmp(name, "?")) {
		snprintf(number, sizeof(number), "%d", shell->last_status);
		return number;
	}
	if (!strcmp(name, "#")) {
		snprintf(number, sizeof(number), "%d", shell->positional_count);
		return number;
	}
	if (!strcmp(name, "$"))
		return "1";
	if (!strcmp(name, "0"))
		return shell->name;
	if (name[0] >= '1' && name[0] <= '9' && !name[1])
		return name[0] - '0' <= shell->positional_count ? shell->positional[name[0] - '1']
								: NULL;
	if (!strcmp(name, "@")) {
		size_t length = 1;

		for (int i = 0; i < shell->positional_count; i++)
			length += strlen(shell->positional[i]) + 1;
		free(joined);
		joined = calloc(1, length);
		for (int i = 0; joined && i < shell->positional_count; i++) {
			if (i)
				strcat(joined, " ");
			strcat(joined, shell->positional[i]);
		}
		return joined;
	}
	return shell_variable(name);
}

/* $( COMMAND ): the line runs as any other, its last stages writing into memory. */
static char *substitute(const char *command, void *context)
{
	struct shell_session *session = shell_session_current();
	FILE *saved = session->capture;
	char *output = NULL;
	size_t size = 0;

	(void)context;
	session->capture = open_memstream(&output, &size);
	if (!session->capture) {
		session->capture = saved;
		return NULL;
	}
	shell_run_line(command);
	fclose(session->capture);
	session->capture = saved;
	return output;
}

static const struct parser_environment environment = {lookup, substitute, NULL};

/* Opens a redirection's file for STAGE; on failure reports it and marks the stage skipped. */
static void open_redirect(struct job_stage *stage, const struct redirect *redirect)
{
	static const char *const modes[] = {
	    [REDIRECT_INPUT] = "r", [REDIRECT_OUTPUT] = "w",	   [REDIRECT_APPEND] = "a",
	    [REDIRECT_ERROR] = "w", [REDIRECT_ERROR_APPEND] = "a",
	};
	struct expansion path = {0};
	char error[128];
	FILE *file = NULL;

	if (redirect->kind == REDIRECT_ERROR_TO_OUTPUT) {
		if (stage->owns_error)
			fclose(stage->streams.err);
		stage->streams.err = stage->streams.out;
		stage->owns_error = false;
		return;
	}
	if (parser_expand_word(redirect->word, &environment, &path, error, sizeof(error))) {
		fprintf(stderr, "ysh: %s\n", error);
	} else if (path.count != 1) {
		fprintf(stderr, "ysh: %s: ambiguous redirect\n", redirect->word);
	} else if (!(file = fopen(path.fields[0], modes[redirect->kind]))) {
		fprintf(stderr, "ysh: %s: %s\n", path.fields[0], strerror(errno));
	}
	parser_expansion_free(&path);
	if (!file) {
		stage->skip = true;
		stage->status = 1;
		return;
	}
	FILE **slot = redirect->kind == REDIRECT_INPUT ? &stage->streams.in
		      : redirect->kind == REDIRECT_OUTPUT || redirect->kind == REDIRECT_APPEND
			  ? &stage->streams.out
			  : &stage->streams.err;
	bool *owned = slot == &stage->streams.in    ? &stage->owns_input
		      : slot == &stage->streams.out ? &stage->owns_output
						    : &stage->owns_error;

	if (*owned)
		fclose(*slot);
	*slot = file;
	*owned = true;
}

/* Expands a stage's words into its arguments and finds its command. */
static int expand_stage(struct job_stage *stage, const struct stage *source)
{
	char error[128];

	for (int i = 0; i < source->word_count; i++)
		if (parser_expand_word(source->words[i], &environment, &stage->arguments, error,
				       sizeof(error))) {
			fprintf(stderr, "ysh: %s\n", error);
			return -1;
		}
	if (stage->arguments.count)
		stage->command = shell_command_find(stage->arguments.fields[0]);
	return 0;
}

/* Connects stage I's input and output: the pipes between stages, the terminal at the ends
 * (a background job reads /dev/null), then the stage's redirections over those. */
static int connect_stage(struct job *job, int i, const struct stage *source, FILE **next_input)
{
	struct job_stage *stage = &job->stages[i];
	FILE *capture = shell_session_current()->capture;
	int ends[2];

	stage->streams = (struct command_streams){*next_input, capture ? capture : stdout, stderr};
	stage->owns_input = *next_input != NULL;
	*next_input = NULL;
	if (!stage->streams.in && job->background) {
		stage->streams.in = fopen("/dev/null", "r");
		stage->owns_input = stage->streams.in != NULL;
	}
	if (!stage->streams.in) {
		/* A ^D ended the last command's input, not the terminal's. */
		clearerr(stdin);
		stage->streams.in = stdin;
	}
	if (i + 1 < job->stage_count) {
		if (pipe2(ends, O_CLOEXEC)) {
			fprintf(stderr, "ysh: pipe: %s\n", strerror(errno));
			return -1;
		}
		stage->streams.out = fdopen(ends[1], "w");
		*next_input = fdopen(ends[0], "r");
		stage->owns_output = true;
		if (!stage->streams.out || !*next_input) {
			fprintf(stderr, "ysh: pipe: out of memory\n");
			return -1;
		}
	}
	for (int r = 0; r < source->redirect_count; r++)
		open_redirect(stage, &source->redirects[r]);
	return 0;
}

static struct job *prepare_job(const struct pipeline *pipeline)
{
	struct job *job = calloc(1, sizeof(*job));
	FILE *next_input = NULL;

	if (!job || !(job->stages = calloc((size_t)pipeline->stage_count, sizeof(*job->stages))) ||
	    !(job->text = strdup(pipeline->text))) {
		fprintf(stderr, "ysh: out of memory\n");
		goto fail;
	}
	job->stage_count = pipeline->stage_count;
	job->background = pipeline->background;
	for (int i = 0; i < job->stage_count; i++) {
		if (expand_stage(&job->stages[i], &pipeline->stages[i]) ||
		    connect_stage(job, i, &pipeline->stages[i], &next_input))
			goto fail;
	}
	return job;
fail:
	if (next_input)
		fclose(next_input);
	if (job && job->stages)
		jobs_free(job);
	else
		free(job);
	return NULL;
}

/* NAME=VALUE words before a command set variables (for the whole session: commands are
 * threads and have no environment of their own). Returns how many there were. */
static int take_assignments(struct job_stage *stage)
{
	int count = 0;

	for (; count < stage->arguments.count; count++) {
		char *word = stage->arguments.fields[count];
		char *equals = strchr(word, '=');

		if (!equals || equals == word ||
		    strspn(word, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
				 "nopqrstuvwxyz0123456789_") != (size_t)(equals - word))
			break;
		*equals = 0;
		shell_set_variable(word, equals + 1);
		*equals = '=';
	}
	if (!count)
		return 0;
	for (int i = 0; i < count; i++)
		free(stage->arguments.fields[i]);
	memmove(stage->arguments.fields, stage->arguments.fields + count,
		(size_t)(stage->arguments.count - count + 1) * sizeof(char *));
	stage->arguments.count -= count;
	if (stage->arguments.count)
		stage->command = shell_command_find(stage->arguments.fields[0]);
	return count;
}

static int run_pipeline(const struct pipeline *pipeline)
{
	struct job *job = prepare_job(pipeline);

	if (!job)
		return 1;
	if (job->stage_count == 1) {
		struct job_stage *stage = &job->stages[0];

		take_assignments(stage);
		if (!stage->arguments.count) {
			int status = stage->skip ? stage->status : 0;

			jobs_free(job);
			return status;
		}
		if (!job->background && stage->command && stage->command->in_shell)
			return jobs_run_in_shell(job);
	}
	for (int i = 0; i < job->stage_count; i++)
		if (!job->stages[i].arguments.count) {
			fprintf(stderr, "ysh: a pipeline stage expanded to nothing\n");
			jobs_free(job);
			return 1;
		}
	return jobs_run(job);
}

int shell_run_line(const char *text)
{
	struct shell_state *shell = shell_state();
	struct command_line line;
	char error[128];

	if (parser_split(text, &line, error, sizeof(error))) {
		fprintf(stderr, "ysh: %s\n", error);
		return shell->last_status = 2;
	}
	for (int i = 0; i < line.pipeline_count && !shell->exit_requested; i++) {
		const struct pipeline *pipeline = &line.pipelines[i];

		if ((pipeline->connector == CONNECT_IF_SUCCESS && shell->last_status) ||
		    (pipeline->connector == CONNECT_IF_FAILURE && !shell->last_status))
			continue;
		shell->last_status = run_pipeline(pipeline);
	}
	parser_free(&line);
	return shell->last_status;
}

int shell_run_file(const char *path, int argument_count, char **arguments)
{
	struct shell_state *shell = shell_state();
	struct shell_state saved = *shell;
	FILE *file = fopen(path, "r");
	char *line = NULL;
	size_t size = 0;
	ssize_t length;

	if (!file) {
		fprintf(stderr, "ysh: %s: %s\n", path, strerror(errno));
		return 127;
	}
	shell->name = path;
	shell->positional = arguments;
	shell->positional_count = argument_count;
	shell->last_status = 0;
	while (!shell->exit_requested && (length = getline(&line, &size, file)) > 0) {
		if (line[length - 1] == '\n')
			line[length - 1] = 0;
		shell_run_line(line);
	}
	free(line);
	fclose(file);
	shell->name = saved.name;
	shell->positional = saved.positional;
	shell->positional_count = saved.positional_count;
	return shell->last_status;
}
