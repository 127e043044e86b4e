// SPDX-License-Identifier: MIT
/* Shell sessions (see session.h): setting one up on the calling thread — its own working
 * directory, session and process group, streams, variables, history and job table — running
 * it (the prompt loop, a command or a script), and taking it down. Every thread of a session
 * finds it through a thread-local pointer: the session's own thread and its commands' threads
 * (jobs.c enters it on each). */
#include "session.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "commands.h"
#include "shell.h"

#define HOME "/root"

extern char **environ;

static __thread struct shell_session *current;
static struct shell_session image_session; /* for threads outside any session */
static pthread_once_t image_session_made = PTHREAD_ONCE_INIT;

static void make_image_session(void)
{
	image_session.state.name = "ysh";
	image_session.streams = (struct command_streams){stdin, stdout, stderr};
	variables_init(&image_session.variables, environ, NULL);
	line_terminal_init(&image_session.terminal, STDIN_FILENO, STDOUT_FILENO,
			   &image_session.history);
	jobs_init(&image_session.jobs);
}

struct shell_session *shell_session_current(void)
{
	if (current)
		return current;
	pthread_once(&image_session_made, make_image_session);
	return &image_session;
}

struct shell_session *shell_session_of_thread(void)
{
	return current;
}

void shell_session_enter(struct shell_session *session)
{
	current = session;
	command_set_default_streams(session ? &session->streams : NULL);
}

const char *shell_variable(const char *name)
{
	return variables_get(&shell_session_current()->variables, name);
}

int shell_set_variable(const char *name, const char *value)
{
	return variables_set(&shell_session_current()->variables, name, strlen(name), value);
}

char *line_editor_read(const char *prompt, bool *interrupted)
{
	return line_terminal_read(&shell_session_current()->terminal, prompt, interrupted);
}

static void print_banner(FILE *out)
{
	struct utsname name;

	uname(&name);
	fprintf(out, "\n%s %s (%s) - ysh, the Yolk shell. Type 'help' for the commands.\n",
		name.sysname, name.release, name.machine);
}

static void format_prompt(char *prompt, size_t size)
{
	char path[PATH_MAX];

	if (!getcwd(path, sizeof(path)))
		strcpy(path, "?");
	snprintf(prompt, size, "root@yolk:%s# ", path);
}

static int interact(struct shell_session *session, bool banner)
{
	struct shell_state *shell = &session->state;
	char prompt[PATH_MAX + 32];
	bool interrupted;
	char *line;

	if (banner)
		print_banner(session->streams.out);
	while (!shell->exit_requested && !session->hung_up) {
		jobs_report_finished();
		format_prompt(prompt, sizeof(prompt));
		fflush(session->streams.out);
		line = line_terminal_read(&session->terminal, prompt, &interrupted);
		if (!line) {
			if (!session->hung_up)
				fprintf(session->streams.out, "exit\n");
			break;
		}
		if (interrupted)
			shell->last_status = 130;
		history_add(&session->history, line);
		shell_run_line(line);
		free(line);
	}
	return shell->exit_requested ? shell->exit_status : shell->last_status;
}

/* The variables a login would give: the image's environment, then these unless set, then the
 * session's own. */
static int set_default_variables(struct shell_session *session,
				 const struct shell_session_options *options)
{
	static const char *const defaults[][2] = {{"HOME", HOME},
						  {"USER", "root"},
						  {"LOGNAME", "root"},
						  {"SHELL", "ysh"},
						  {"TERM", "vt100"}};
	struct shell_variables *variables = &session->variables;

	if (variables_init(variables, environ, NULL))
		return -1;
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (!variables_get(variables, defaults[i][0]) &&
		    variables_set(variables, defaults[i][0], strlen(defaults[i][0]),
				  defaults[i][1]))
			return -1;
	for (char *const *extra = options->environment; extra && *extra; extra++) {
		const char *equals = strchr(*extra, '=');
		if (equals && equals != *extra &&
		    variables_set(variables, *extra, (size_t)(equals - *extra), equals + 1))
			return -1;
	}
	return 0;
}

static void enter_start_directory(const struct shell_session_options *options)
{
	const char *home = shell_variable("HOME");
	char path[PATH_MAX];

	mkdir(HOME, 0700);
	if (!options->directory || chdir(options->directory)) {
		if (!home || chdir(home))
			chdir("/");
	}
	if (getcwd(path, sizeof(path)))
		shell_set_variable("PWD", path);
}

/* The console's session keeps the image's stdio; any other works on copies of its
 * descriptors, so that closing its streams leaves the caller's open. */
static int open_streams(struct shell_session *session, const struct shell_session_options *options)
{
	if (options->input == STDIN_FILENO && options->output == STDOUT_FILENO &&
	    options->error == STDERR_FILENO) {
		session->streams = (struct command_streams){stdin, stdout, stderr};
		line_terminal_init(&session->terminal, STDIN_FILENO, STDOUT_FILENO,
				   &session->history);
		return 0;
	}
	int input = fcntl(options->input, F_DUPFD_CLOEXEC, 3);
	int output = fcntl(options->output, F_DUPFD_CLOEXEC, 3);
	int error = fcntl(options->error, F_DUPFD_CLOEXEC, 3);

	session->owns_streams = true;
	session->streams.in = input >= 0 ? fdopen(input, "r") : NULL;
	session->streams.out = output >= 0 ? fdopen(output, "w") : NULL;
	session->streams.err = error >= 0 ? fdopen(error, "w") : NULL;
	if (!session->streams.in || !session->streams.out || !session->streams.err) {
		if (!session->streams.in && input >= 0)
			close(input);
		if (!session->streams.out && output >= 0)
			close(output);
		if (!session->streams.err && error >= 0)
			close(error);
		return -1;
	}
	setvbuf(session->streams.err, NULL, _IONBF, 0);
	line_terminal_init(&session->terminal, input, output, &session->history);
	return 0;
}

static void close_streams(struct shell_session *session)
{
	if (!session->owns_streams) {
		fflush(session->streams.out);
		return;
	}
	if (session->streams.in)
		fclose(session->streams.in);
	if (session->streams.out)
		fclose(session->streams.out);
	if (session->streams.err)
		fclose(session->streams.err);
}

static void take_terminal(int input)
{
	/* The image's first thread leads session 1 already (the console's); any other thread
	 * leads a session of its own, whose foreground group its terminal signals. */
	setsid();
	if (isatty(input))
		ioctl(input, TIOCSCTTY, 0);
}

int shell_session_run(const struct shell_session_options *options)
{
	struct shell_session *session = calloc(1, sizeof(*session));
	int status;

	if (!session || unshare(CLONE_FS) || open_streams(session, options)) {
		dprintf(options->error, "ysh: cannot start a session: %s\n", strerror(errno));
		free(session);
		return 126;
	}
	session->state.name = "ysh";
	shell_command_find(""); /* sorts the table before any thread looks at it */
	if (set_default_variables(session, options) || jobs_init(&session->jobs)) {
		fprintf(session->streams.err, "ysh: cannot start a session: %s\n", strerror(errno));
		close_streams(session);
		variables_free(&session->variables);
		free(session);
		return 126;
	}
	shell_session_enter(session);
	take_terminal(options->input);
	enter_start_directory(options);
	if (options->startup && access(options->startup, F_OK) == 0)
		shell_run_file(options->startup, 0, NULL);
	session->state.positional = options->arguments;
	session->state.positional_count = options->argument_count;
	if (options->command) {
		shell_run_line(options->command);
		status = session->state.exit_requested ? session->state.exit_status
						       : session->state.last_status;
	} else if (options->script) {
		shell_run_file(options->script, options->argument_count, options->arguments);
		status = session->state.exit_requested ? session->state.exit_status
						       : session->state.last_status;
	} else {
		char history_file[PATH_MAX];
		const char *home = shell_variable("HOME");

		snprintf(history_file, sizeof(history_file), "%s/.history", home ? home : HOME);
		history_load(&session->history,
			     options->history_file ? options->history_file : history_file);
		status = interact(session, options->banner);
	}
	jobs_end(&session->jobs);
	fflush(session->streams.out);
	fflush(session->streams.err);
	shell_session_enter(NULL);
	close_streams(session);
	history_free(&session->history);
	variables_free(&session->variables);
	free(session);
	return status;
}
