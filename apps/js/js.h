// SPDX-License-Identifier: MIT
/* Yolk's JavaScript runner (apps/js): Duktape 2.7 with Node-style modules (require, fs, path,
 * os, process, events, util, http, sys), an event loop (timers, setImmediate, Promises, sockets
 * on epoll) and Node-like console formatting. A library without process-wide state: each
 * interpreter is an object with its own heap and streams, so several can run in one image
 * (on different threads). The `js` shell command, the REPL (repl.h) and the images that
 * `yolk build --js` makes are thin mains over it. See docs/js.md. */
#ifndef YOLK_JS_H
#define YOLK_JS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct js_interpreter;

struct js_options {
	FILE *in, *out, *err; /* process.stdin/stdout/stderr and console's streams */
	int argc;	      /* process.argv (argv[0] is "js" by convention) */
	char **argv;
	char *const *environment; /* process.env's NAME=VALUE strings; NULL: the image's environ */
	/* Asked every few thousand instructions and in every wait: true stops the running code
	 * with an "interrupted" error (Ctrl-C). NULL: never. */
	bool (*interrupted)(void *context);
	void *interrupt_context;
	/* Registers optional built-in modules (js_sockets_register for http) on the native
	 * binding object at the top of the Duktape stack; NULL: none. */
	void (*register_modules)(void *duktape_context);
};

/* A fresh interpreter with the runtime loaded, or NULL (no memory; reported on ERR). */
struct js_interpreter *js_interpreter_create(const struct js_options *options);
void js_interpreter_destroy(struct js_interpreter *interpreter);

/* Runs SOURCE (LENGTH bytes) as the main module named FILENAME, then the event loop until
 * nothing is pending. Returns the exit status: 0, process.exit's code, 1 after an uncaught
 * error (message and stack printed on the error stream), 130 after an interrupt. */
int js_run_main(struct js_interpreter *interpreter, const char *filename, const char *source,
		size_t length);
/* The same for the file at PATH (read from any file system). */
int js_run_file(struct js_interpreter *interpreter, const char *path);

/* `js [-e CODE] [FILE [ARGS...]]` as a command: with neither, the REPL when REPL is not NULL
 * (repl.h's js_repl), else a usage error. Returns the exit status. */
int js_command(const struct js_options *options, int (*repl)(struct js_interpreter *interpreter));

/* Makes the optional `http` module available (apps/js/sockets.c): links the network stack
 * into the image, so images that do not need it leave it out. */
void js_sockets_register(void *duktape_context);

#endif
