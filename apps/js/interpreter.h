// SPDX-License-Identifier: MIT
/* The interpreter's insides, shared by apps/js's files (interpreter.c owns the object): the
 * native bindings each file adds to the runtime's binding object, and the calls into the
 * JavaScript runtime (apps/js/runtime/bootstrap.js). */
#ifndef YOLK_JS_INTERPRETER_H
#define YOLK_JS_INTERPRETER_H

#include <stdbool.h>
#include <stddef.h>
#include "duktape.h"
#include "js.h"

struct js_interpreter {
	duk_context *context;
	struct js_options options;
	bool stopping;	     /* the execution-timeout hook says stop: unwinding to the runner */
	bool interrupt_seen; /* ... because of Ctrl-C */
	bool exit_requested; /* ... because of process.exit(exit_status) */
	int exit_status;
	size_t heap_bytes; /* allocated by the Duktape heap */
	int epoll;	   /* the event loop's epoll instance (native_loop.c), or -1 */
	/* Called once before the program next writes to its stdout or stderr, then cleared:
	 * the REPL hides the line being typed while timers run (repl.c). */
	void (*before_output)(void *context);
	void *before_output_context;
};

/* Calls and clears INTERPRETER's before_output hook, if set. */
void js_interpreter_before_output(struct js_interpreter *interpreter);

/* The interpreter a Duktape context belongs to. */
struct js_interpreter *js_interpreter_of(void *duktape_context);
/* Records the calling thread's native stack limit (call on entering from C). */
void js_interpreter_enter(struct js_interpreter *interpreter);
void js_interpreter_push_runtime(struct js_interpreter *interpreter);
int js_interpreter_call_runtime(struct js_interpreter *interpreter, const char *name, int nargs);
/* After a call into the runtime left a result (FAILED false) or an error at the top: pops it,
 * reports an uncaught error, clears a stop; returns the status (0, 1, 130, exit's code). */
int js_interpreter_settle(struct js_interpreter *interpreter, bool failed);
/* PREFIX goes before the error's message (the REPL's "Uncaught "). */
void js_interpreter_report(struct js_interpreter *interpreter, const char *prefix);

/* Bindings, each adding its functions to the object at the top of the stack. */
void js_fs_bind(duk_context *context);	    /* native_fs.c */
void js_process_bind(duk_context *context); /* native_process.c: process and os */
void js_loop_bind(duk_context *context);    /* native_loop.c: epoll, clocks */
void js_ports_bind(duk_context *context);   /* native_ports.c: sys.in8/out8... */
void js_sources_bind(duk_context *context); /* runtime_sources.c: built-in modules' code */
void js_loop_close(struct js_interpreter *interpreter);

/* Compiles the built-in runtime file NAME (apps/js/runtime/NAME.js, a function expression)
 * and pushes the function; on failure pushes the error and returns nonzero. */
int js_sources_compile(duk_context *context, const char *name);

/* The error at the top of the stack came from compiling SOURCE (LENGTH bytes) named FILENAME
 * with FLAGS, its first HEAD_LENGTH and last TAIL_LENGTH bytes being a wrapper the user did
 * not write: when it is a SyntaxError with Duktape's "(line N)", sets its lineNumber (the
 * culprit's line), columnNumber (1-based, in characters), sourceLine and a message saying
 * "(line N, column C)" (syntax_position.c). */
void js_syntax_error_locate(duk_context *context, const char *source, size_t length,
			    const char *filename, duk_uint_t flags, size_t head_length,
			    size_t tail_length);

/* Sets the number property NAME of the object at the top of the stack. */
void js_put_number(duk_context *context, const char *name, double value);

/* Throws an Error as Node's fs does: "ENOENT: no such file or directory, open 'PATH'", with
 * code, errno, syscall and path. ERROR is positive. */
duk_ret_t js_throw_errno(duk_context *context, int error, const char *syscall, const char *path);

#endif
