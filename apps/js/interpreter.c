// SPDX-License-Identifier: MIT
/* The interpreter object (see js.h): a Duktape heap whose udata is the interpreter, the native
 * bindings handed to the JavaScript runtime (apps/js/runtime/bootstrap.js), and the run of a
 * main module and its event loop with uncaught errors reported and turned into exit statuses.
 * Stopping (Ctrl-C, process.exit) goes through Duktape's execution-timeout hook, which unwinds
 * the running code as a RangeError up to the runner (third_party/duktape/duk_config.h). */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "duktape.h"
#include "interpreter.h"

/* Native recursion below this address gets a RangeError (DUK_USE_NATIVE_STACK_CHECK). Per
 * thread: each interpreter runs on the thread that entered it. */
static __thread uintptr_t native_stack_limit;

#define STACK_RESERVE	    (48 * 1024) /* kept free below the limit: Duktape's own frames */
#define STACK_FALLBACK_SIZE (192 * 1024)

int js_native_stack_check(void)
{
	char here;

	return native_stack_limit && (uintptr_t)&here < native_stack_limit;
}

void js_interpreter_enter(struct js_interpreter *interpreter)
{
	pthread_attr_t attributes;
	void *base;
	size_t size;
	char here;

	(void)interpreter;
	if (!pthread_getattr_np(pthread_self(), &attributes)) {
		if (!pthread_attr_getstack(&attributes, &base, &size) && size > 2 * STACK_RESERVE &&
		    (uintptr_t)&here > (uintptr_t)base &&
		    (uintptr_t)&here <= (uintptr_t)base + size) {
			native_stack_limit = (uintptr_t)base + STACK_RESERVE;
			pthread_attr_destroy(&attributes);
			return;
		}
		pthread_attr_destroy(&attributes);
	}
	native_stack_limit = (uintptr_t)&here - STACK_FALLBACK_SIZE;
}

int js_interpreter_should_stop(void *udata)
{
	struct js_interpreter *interpreter = udata;

	if (interpreter->stopping)
		return 1;
	if (interpreter->options.interrupted &&
	    interpreter->options.interrupted(interpreter->options.interrupt_context)) {
		interpreter->interrupt_seen = true;
		interpreter->stopping = true;
	}
	return interpreter->stopping;
}

/* The heap's allocations carry their size in front, so memoryUsage().heapUsed is exact. */
struct allocation {
	size_t size;
	size_t pad; /* keeps the payload 16-byte aligned */
};

static void *heap_alloc(void *udata, duk_size_t size)
{
	struct js_interpreter *interpreter = udata;
	struct allocation *block = malloc(sizeof(*block) + size);

	if (!block)
		return NULL;
	block->size = size;
	interpreter->heap_bytes += size;
	return block + 1;
}

static void heap_free(void *udata, void *pointer)
{
	struct js_interpreter *interpreter = udata;
	struct allocation *block = pointer;

	if (!pointer)
		return;
	block--;
	interpreter->heap_bytes -= block->size;
	free(block);
}

static void *heap_realloc(void *udata, void *pointer, duk_size_t size)
{
	struct js_interpreter *interpreter = udata;
	struct allocation *block = pointer, *bigger;

	if (!pointer)
		return heap_alloc(udata, size);
	if (!size) {
		heap_free(udata, pointer);
		return NULL;
	}
	block--;
	bigger = realloc(block, sizeof(*block) + size);
	if (!bigger)
		return NULL;
	interpreter->heap_bytes += size - bigger->size;
	bigger->size = size;
	return bigger + 1;
}

static void fatal_error(void *udata, const char *message)
{
	struct js_interpreter *interpreter = udata;

	fprintf(interpreter->options.err, "js: fatal error: %s\n",
		message ? message : "(no message)");
	fflush(interpreter->options.err);
	abort();
}

void js_put_number(duk_context *context, const char *name, double value)
{
	duk_push_number(context, value);
	duk_put_prop_string(context, -2, name);
}

void js_interpreter_before_output(struct js_interpreter *interpreter)
{
	void (*hook)(void *context) = interpreter->before_output;

	interpreter->before_output = NULL;
	if (hook)
		hook(interpreter->before_output_context);
}

/* Pushes the runtime object (bootstrap.js's return value) kept in the heap's stash. */
void js_interpreter_push_runtime(struct js_interpreter *interpreter)
{
	duk_context *context = interpreter->context;

	duk_push_global_stash(context);
	duk_get_prop_string(context, -1, "runtime");
	duk_remove(context, -2);
}

/* Prints the error at the top of the stack as an uncaught one (runtime.reportUncaught: the
 * message, the stack, the place of a syntax error; PREFIX before the message), and pops it. */
void js_interpreter_report(struct js_interpreter *interpreter, const char *prefix)
{
	duk_context *context = interpreter->context;

	js_interpreter_push_runtime(interpreter);
	duk_get_prop_string(context, -1, "reportUncaught");
	duk_dup(context, -3);
	duk_push_string(context, prefix);
	if (duk_pcall(context, 2))
		fprintf(interpreter->options.err, "Uncaught %s\n",
			duk_safe_to_stacktrace(context, -3));
	duk_pop_3(context);
	fflush(interpreter->options.out);
	fflush(interpreter->options.err);
}

/* After an error unwound to the runner: the status it means, and the stop cleared. */
int js_interpreter_settle(struct js_interpreter *interpreter, bool failed)
{
	int status = failed ? 1 : 0;

	if (interpreter->exit_requested) {
		duk_pop(interpreter->context);
		return interpreter->exit_status;
	}
	if (interpreter->interrupt_seen) {
		duk_pop(interpreter->context);
		fprintf(interpreter->options.err, "js: interrupted\n");
		status = 130;
	} else if (failed) {
		js_interpreter_report(interpreter, "");
	} else {
		duk_pop(interpreter->context);
	}
	interpreter->stopping = false;
	interpreter->interrupt_seen = false;
	return status;
}

/* Calls runtime.NAME with the NARGS values at the top of the stack; leaves its result or
 * error there. Returns DUK_EXEC_SUCCESS or DUK_EXEC_ERROR. */
int js_interpreter_call_runtime(struct js_interpreter *interpreter, const char *name, int nargs)
{
	duk_context *context = interpreter->context;

	js_interpreter_push_runtime(interpreter);
	duk_get_prop_string(context, -1, name);
	duk_remove(context, -2);
	duk_insert(context, -1 - nargs);
	return duk_pcall(context, nargs);
}

static void push_argv(duk_context *context, int argc, char **argv)
{
	duk_push_array(context);
	for (int i = 0; i < argc; i++) {
		duk_push_string(context, argv[i]);
		duk_put_prop_index(context, -2, (duk_uarridx_t)i);
	}
}

/* The native binding object the runtime is given: each js_*_bind adds its functions. */
static void push_bindings(struct js_interpreter *interpreter)
{
	duk_context *context = interpreter->context;

	duk_push_object(context);
	js_fs_bind(context);
	js_process_bind(context);
	js_loop_bind(context);
	js_ports_bind(context);
	js_sources_bind(context);
	push_argv(context, interpreter->options.argc, interpreter->options.argv);
	duk_put_prop_string(context, -2, "argv");
	if (interpreter->options.register_modules)
		interpreter->options.register_modules(context);
}

static int load_runtime(struct js_interpreter *interpreter)
{
	duk_context *context = interpreter->context;

	if (js_sources_compile(context, "bootstrap")) {
		fprintf(interpreter->options.err, "js: the runtime does not load: %s\n",
			duk_safe_to_stacktrace(context, -1));
		return -1;
	}
	push_bindings(interpreter);
	duk_push_global_object(context);
	if (duk_pcall(context, 2)) {
		fprintf(interpreter->options.err, "js: the runtime does not start: %s\n",
			duk_safe_to_stacktrace(context, -1));
		return -1;
	}
	duk_push_global_stash(context);
	duk_swap_top(context, -2);
	duk_put_prop_string(context, -2, "runtime");
	duk_pop(context);
	return 0;
}

struct js_interpreter *js_interpreter_create(const struct js_options *options)
{
	struct js_interpreter *interpreter = calloc(1, sizeof(*interpreter));

	if (!interpreter) {
		fprintf(options->err, "js: out of memory\n");
		return NULL;
	}
	interpreter->options = *options;
	interpreter->epoll = -1;
	js_interpreter_enter(interpreter);
	interpreter->context =
	    duk_create_heap(heap_alloc, heap_realloc, heap_free, interpreter, fatal_error);
	if (!interpreter->context) {
		fprintf(options->err, "js: cannot create a JavaScript heap: out of memory\n");
		free(interpreter);
		return NULL;
	}
	duk_push_pointer(interpreter->context, interpreter);
	duk_put_global_string(interpreter->context, DUK_HIDDEN_SYMBOL("interpreter"));
	if (load_runtime(interpreter)) {
		js_interpreter_destroy(interpreter);
		return NULL;
	}
	return interpreter;
}

void js_interpreter_destroy(struct js_interpreter *interpreter)
{
	if (!interpreter)
		return;
	duk_destroy_heap(interpreter->context);
	js_loop_close(interpreter);
	free(interpreter);
}

struct js_interpreter *js_interpreter_of(void *duktape_context)
{
	duk_context *context = duktape_context;
	struct js_interpreter *interpreter;

	duk_get_global_string(context, DUK_HIDDEN_SYMBOL("interpreter"));
	interpreter = duk_get_pointer(context, -1);
	duk_pop(context);
	return interpreter;
}

/* runtime.runLoop until nothing is pending; an uncaught error in a callback ends the program
 * as Node's would. */
static int run_loop(struct js_interpreter *interpreter)
{
	int failed = js_interpreter_call_runtime(interpreter, "runLoop", 0);

	return js_interpreter_settle(interpreter, failed != DUK_EXEC_SUCCESS);
}

/* Runs the main module FILENAME (SOURCE, or the file when SOURCE is NULL) and the loop. */
static int run(struct js_interpreter *interpreter, const char *filename, const char *source,
	       size_t length)
{
	duk_context *context = interpreter->context;
	int status;

	js_interpreter_enter(interpreter);
	duk_push_string(context, filename);
	if (source)
		duk_push_lstring(context, source, length);
	else
		duk_push_null(context);
	status =
	    js_interpreter_settle(interpreter, js_interpreter_call_runtime(interpreter, "runMain",
									   2) != DUK_EXEC_SUCCESS);
	if (!status && !interpreter->exit_requested)
		status = run_loop(interpreter);
	if (!interpreter->exit_requested) {
		/* process.exitCode and the 'exit' listeners. */
		duk_push_int(context, status);
		if (js_interpreter_call_runtime(interpreter, "finish", 1) == DUK_EXEC_SUCCESS)
			status = duk_get_int(context, -1);
		else if (interpreter->exit_requested)
			status = interpreter->exit_status;
		duk_pop(context);
	}
	fflush(interpreter->options.out);
	fflush(interpreter->options.err);
	return status;
}

int js_run_main(struct js_interpreter *interpreter, const char *filename, const char *source,
		size_t length)
{
	return run(interpreter, filename, source, length);
}

int js_run_file(struct js_interpreter *interpreter, const char *path)
{
	return run(interpreter, path, NULL, 0);
}
