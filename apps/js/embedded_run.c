// SPDX-License-Identifier: MIT
/* js_embedded_run (embedded.h): a built-in main module run over the process's streams. */
#include <stdlib.h>
#include "embedded.h"

int js_embedded_run(int argc, char **argv, const char *name, const char *source, size_t length,
		    void (*register_modules)(void *duktape_context))
{
	char **arguments = calloc((size_t)argc + 2, sizeof(char *));
	struct js_interpreter *interpreter;
	int status;

	if (!arguments) {
		fputs("js: out of memory\n", stderr);
		return 1;
	}
	arguments[0] = argc > 0 ? argv[0] : "js";
	arguments[1] = (char *)name;
	for (int i = 1; i < argc; i++)
		arguments[i + 1] = argv[i];
	struct js_options options = {.in = stdin,
				     .out = stdout,
				     .err = stderr,
				     .argc = argc > 0 ? argc + 1 : 2,
				     .argv = arguments,
				     .register_modules = register_modules};

	interpreter = js_interpreter_create(&options);
	if (!interpreter) {
		free(arguments);
		return 1;
	}
	status = js_run_main(interpreter, name, source, length);
	js_interpreter_destroy(interpreter);
	free(arguments);
	return status;
}
