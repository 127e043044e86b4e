// SPDX-License-Identifier: MIT
/* The REPL (see repl.h): the line editor's loop on the C side; what a line means (complete or
 * not, its value, the candidates for Tab) is runtime/repl.js's. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "../shell/completion.h"
#include "../shell/history.h"
#include "interpreter.h"
#include "../shell/line_editor.h"
#include "repl.h"

#define PROMPT		    "> "
#define CONTINUATION_PROMPT "... "

/* Tab: runtime.replComplete(line up to the cursor) gives [word start, candidates...]. */
static int complete(void *context, const char *line, size_t cursor, struct completion *out)
{
	struct js_interpreter *interpreter = context;
	duk_context *duktape = interpreter->context;
	int result = 0;

	memset(out, 0, sizeof(*out));
	out->no_space_after = true;
	duk_push_lstring(duktape, line, cursor);
	if (js_interpreter_call_runtime(interpreter, "replComplete", 1) != DUK_EXEC_SUCCESS ||
	    !duk_is_array(duktape, -1)) {
		duk_pop(duktape);
		interpreter->stopping = false;
		interpreter->interrupt_seen = false;
		return 0;
	}
	size_t count = duk_get_length(duktape, -1);

	duk_get_prop_index(duktape, -1, 0);
	out->word_start = (size_t)duk_get_uint(duktape, -1);
	duk_pop(duktape);
	out->candidates = count > 1 ? calloc(count - 1, sizeof(char *)) : NULL;
	for (size_t i = 1; i < count && out->candidates; i++) {
		duk_get_prop_index(duktape, -1, (duk_uarridx_t)i);
		out->candidates[out->count] = strdup(duk_safe_to_string(duktape, -1));
		duk_pop(duktape);
		if (!out->candidates[out->count]) {
			result = -1;
			break;
		}
		out->count++;
	}
	duk_pop(duktape);
	if (out->count) {
		out->common_length = strlen(out->candidates[0]);
		for (size_t i = 1; i < out->count; i++) {
			size_t same = 0;

			while (same < out->common_length &&
			       out->candidates[i][same] == out->candidates[0][same])
				same++;
			out->common_length = same;
		}
	}
	return result;
}

/* After a call into the runtime: an error at the top is reported (an interrupt as Node's
 * REPL says it), and a stop is cleared. */
static void settle(struct js_interpreter *interpreter, bool failed)
{
	duk_context *context = interpreter->context;

	if (failed && interpreter->interrupt_seen) {
		duk_pop(context);
		js_interpreter_before_output(interpreter);
		fputs("Script execution interrupted.\n", interpreter->options.err);
		interpreter->interrupt_seen = false;
	} else if (failed) {
		js_interpreter_report(interpreter, "Uncaught ");
	} else {
		duk_pop(context);
	}
	interpreter->stopping = false;
}

/* Evaluates SOURCE: 1 when it is incomplete (keep reading), 0 otherwise (result or error
 * printed), -1 when the program asked to exit. */
static int evaluate(struct js_interpreter *interpreter, const char *source)
{
	duk_context *context = interpreter->context;
	int failed;

	duk_push_string(context, source);
	failed = js_interpreter_call_runtime(interpreter, "replEval", 1) != DUK_EXEC_SUCCESS;
	if (!failed && duk_is_boolean(context, -1) && !duk_get_boolean(context, -1)) {
		duk_pop(context);
		return 1;
	}
	if (!failed) {
		duk_pop(context);
		/* Timers, immediates and sockets that are ready now. */
		failed =
		    js_interpreter_call_runtime(interpreter, "replTick", 0) != DUK_EXEC_SUCCESS;
	}
	if (interpreter->exit_requested)
		return -1;
	settle(interpreter, failed);
	return 0;
}

/* The event loop while a line is being typed (the line editor's waiter): it waits for the
 * next timer and the loop's epoll instance (the sockets) together with the terminal. */
static int loop_prepare(void *context, int *descriptor)
{
	struct js_interpreter *interpreter = context;
	int timeout = -1;

	*descriptor = interpreter->epoll;
	if (js_interpreter_call_runtime(interpreter, "replTimeout", 0) == DUK_EXEC_SUCCESS)
		timeout = duk_get_int_default(interpreter->context, -1, -1);
	duk_pop(interpreter->context);
	return timeout;
}

static void hide_line(void *terminal)
{
	line_terminal_hide(terminal);
}

/* Runs what is due; what it prints goes above the line being typed (hidden first, shown
 * again by the editor). Returns true when the program asked to exit. */
static bool loop_run(void *context, struct line_terminal *terminal)
{
	struct js_interpreter *interpreter = context;
	bool failed;

	interpreter->before_output = hide_line;
	interpreter->before_output_context = terminal;
	failed = js_interpreter_call_runtime(interpreter, "replTick", 0) != DUK_EXEC_SUCCESS;
	if (interpreter->exit_requested) {
		duk_pop(interpreter->context);
	} else {
		settle(interpreter, failed);
	}
	interpreter->before_output = NULL;
	/* A Ctrl-C that came as a signal after the callbacks had run is spent here, not on the
	 * next input's evaluation. */
	if (interpreter->options.interrupted)
		(void)interpreter->options.interrupted(interpreter->options.interrupt_context);
	fflush(interpreter->options.out);
	fflush(interpreter->options.err);
	return interpreter->exit_requested;
}

static char *append_line(char *buffer, const char *line)
{
	size_t had = buffer ? strlen(buffer) : 0;
	char *grown = realloc(buffer, had + strlen(line) + 2);

	if (!grown)
		return buffer;
	strcpy(grown + had, line);
	strcat(grown + had, "\n");
	return grown;
}

/* The REPL's own history (not the shell's), kept in $HOME/.js_history as Node keeps
 * ~/.node_repl_history. */
static struct shell_history *open_history(void)
{
	struct shell_history *history = calloc(1, sizeof(*history));
	const char *home = getenv("HOME");
	char path[PATH_MAX];

	if (history && home &&
	    (size_t)snprintf(path, sizeof(path), "%s/.js_history", home) < sizeof(path))
		history_load(history, path);
	return history;
}

int js_repl(struct js_interpreter *interpreter)
{
	struct line_editor_completer completer = {complete, interpreter};
	struct line_editor_waiter waiter = {loop_prepare, loop_run, interpreter};
	struct shell_history *history = open_history();
	struct line_terminal *terminal = malloc(sizeof(*terminal));
	char *pending = NULL, *line;
	bool interrupted;
	int result = 0;

	if (!history || !terminal) {
		fputs("js: out of memory\n", interpreter->options.err);
		free(terminal);
		free(history);
		return 1;
	}
	/* The command's streams are the session's terminal (or what they were redirected to). */
	line_terminal_init(terminal, fileno(interpreter->options.in),
			   fileno(interpreter->options.out), history);
	terminal->completer = &completer;
	terminal->waiter = &waiter;
	js_interpreter_enter(interpreter);
	fprintf(interpreter->options.out,
		"Welcome to js (Duktape 2.7) on Yolk.\nType \".help\" for more information.\n");
	for (;;) {
		fflush(interpreter->options.out);
		fflush(interpreter->options.err);
		line = line_terminal_read(terminal, pending ? CONTINUATION_PROMPT : PROMPT,
					  &interrupted);
		if (!line) {
			if (interpreter->exit_requested) /* process.exit() in a timer */
				result = -1;
			break;
		}
		if (interrupted) {
			if (!pending)
				fputs("(To exit, press Ctrl+D or type .exit)\n",
				      interpreter->options.out);
			free(pending);
			pending = NULL;
			free(line);
			continue;
		}
		history_add(history, line);
		if (!pending && (!strcmp(line, ".exit") || !strcmp(line, ".help") ||
				 !strcmp(line, ".break") || !strcmp(line, ".clear"))) {
			bool exit = !strcmp(line, ".exit");

			if (!strcmp(line, ".help"))
				fputs(
				    ".break    leave a multi-line input\n"
				    ".exit     leave the REPL (also Ctrl-D)\n"
				    ".help     this text\n"
				    "Tab completes globals and properties; Ctrl-C stops a running "
				    "evaluation.\n",
				    interpreter->options.out);
			free(line);
			if (exit)
				break;
			continue;
		}
		if (pending && !strcmp(line, ".break")) {
			free(pending);
			pending = NULL;
			free(line);
			continue;
		}
		pending = append_line(pending, line);
		free(line);
		result = evaluate(interpreter, pending);
		if (result == 1)
			continue;
		free(pending);
		pending = NULL;
		if (result < 0)
			break;
	}
	free(pending);
	fflush(interpreter->options.out);
	history_free(history);
	free(history);
	free(terminal);
	return result < 0 ? interpreter->exit_status : 0;
}
