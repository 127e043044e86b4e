// SPDX-License-Identifier: MIT
/* Two JavaScript interpreters (apps/js) at once in one image, each on a thread of its own with
 * its own output stream, arguments, modules cache and event loop: the library keeps no
 * process-wide state. Each runs a script with timers and Promises; the outputs must be each
 * one's own. Exit status 0 when both are right (tests/js/js.mk runs it in QEMU). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "js.h"

#define SCRIPT                                                                                     \
	"var name = process.argv[1], total = 0;\n"                                                 \
	"global.shared = name;\n"                                                                  \
	"var timer = setInterval(function () {\n"                                                  \
	"  for (var i = 0; i < 20000; i++) total += i % 7;\n"                                      \
	"  if (++global.ticks === 5) { clearInterval(timer);\n"                                    \
	"    Promise.resolve(total).then(function (t) {\n"                                         \
	"      console.log(name, t, global.shared, process.argv.length); }); }\n"                  \
	"}, 2);\n"                                                                                 \
	"global.ticks = 0;\n"

struct run {
	char *name;
	char *output;
	size_t length;
	int status;
};

static void *run_interpreter(void *argument)
{
	struct run *run = argument;
	FILE *out = open_memstream(&run->output, &run->length);
	char *argv[] = {"js", run->name};
	struct js_options options = {
	    .in = stdin, .out = out, .err = stderr, .argc = 2, .argv = argv};
	struct js_interpreter *interpreter = js_interpreter_create(&options);

	run->status =
	    interpreter ? js_run_main(interpreter, run->name, SCRIPT, strlen(SCRIPT)) : -1;
	js_interpreter_destroy(interpreter);
	fclose(out);
	return NULL;
}

int main(void)
{
	struct run runs[2] = {{.name = "first"}, {.name = "second"}};
	pthread_t threads[2];
	int failed = 0;

	for (int i = 0; i < 2; i++)
		pthread_create(&threads[i], NULL, run_interpreter, &runs[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(threads[i], NULL);
	for (int i = 0; i < 2; i++) {
		char expected[64];

		snprintf(expected, sizeof(expected), "/%s 299985 /%s 2\n", runs[i].name,
			 runs[i].name);
		if (runs[i].status || !runs[i].output || strcmp(runs[i].output, expected)) {
			printf("FAIL interpreter %s: status %d, output %s", runs[i].name,
			       runs[i].status, runs[i].output ? runs[i].output : "(none)\n");
			failed = 1;
		} else {
			printf("PASS interpreter %s: %s", runs[i].name, runs[i].output);
		}
		free(runs[i].output);
	}
	return failed;
}
