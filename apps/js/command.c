// SPDX-License-Identifier: MIT
/* `js [-e CODE] [FILE [ARGUMENTS...]]`: the command line of the runner, shared by the shell's
 * `js` and any image's main (see js.h). */
#include <string.h>
#include "interpreter.h"

static void usage(FILE *stream)
{
	fputs("Usage: js [-e CODE] [FILE [ARGUMENTS...]]\n"
	      "Runs JavaScript (ES5.1 and Duktape's ES2015 parts) with Node-style modules and\n"
	      "an event loop: FILE as the main module, or CODE; with neither, the REPL.\n"
	      "process.argv is [\"js\", FILE, ARGUMENTS...]. See docs/js.md.\n"
	      "  -e CODE     run CODE instead of a file\n"
	      "  -h, --help  this text\n",
	      stream);
}

int js_command(const struct js_options *options, int (*repl)(struct js_interpreter *interpreter))
{
	struct js_options run = *options;
	const char *code = NULL;
	int first = 1, status;

	while (first < options->argc && options->argv[first][0] == '-') {
		const char *option = options->argv[first];

		if (!strcmp(option, "-h") || !strcmp(option, "--help")) {
			usage(options->out);
			return 0;
		}
		if (!strcmp(option, "--")) {
			first++;
			break;
		}
		if (!strcmp(option, "-e") && first + 1 < options->argc) {
			code = options->argv[first + 1];
			first += 2;
			continue;
		}
		fprintf(options->err, "js: %s: %s\n", option,
			strcmp(option, "-e") ? "unknown option" : "needs the code to run");
		usage(options->err);
		return 2;
	}
	if (!code && first >= options->argc && !repl) {
		fputs("js: no REPL in this image: give a FILE or -e CODE\n", options->err);
		return 2;
	}
	/* process.argv: "js", then the file (if any) and its arguments. */
	char *argv0 = options->argc > 0 ? options->argv[0] : "js";

	run.argc = options->argc - first + 1;
	run.argv = options->argv + first - 1;
	char *saved = run.argv[0];

	run.argv[0] = argv0;
	struct js_interpreter *interpreter = js_interpreter_create(&run);

	run.argv[0] = saved;
	if (!interpreter)
		return 1;
	if (code)
		status = js_run_main(interpreter, "[eval]", code, strlen(code));
	else if (first < options->argc)
		status = js_run_file(interpreter, options->argv[first]);
	else
		status = repl(interpreter);
	js_interpreter_destroy(interpreter);
	return status;
}
