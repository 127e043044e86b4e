// SPDX-License-Identifier: MIT
/* The native half of the process and os modules: the interpreter's streams, the working
 * directory, exit, clocks, memory, the environment and uname/sysinfo. On Yolk the machine runs
 * one program, so os.freemem() and process.memoryUsage().rss are both about this image. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "interpreter.h"

extern char **environ;

/* write(stream, data): 1 is the interpreter's output, 2 its error stream. */
static duk_ret_t native_write(duk_context *context)
{
	struct js_interpreter *interpreter = js_interpreter_of(context);
	FILE *stream =
	    duk_require_int(context, 0) == 2 ? interpreter->options.err : interpreter->options.out;
	duk_size_t length;
	const char *data;

	if (interpreter->stopping) /* a catch block after process.exit() or Ctrl-C */
		return duk_error(context, DUK_ERR_RANGE_ERROR, "stopping");
	if (duk_is_buffer_data(context, 1))
		data = duk_get_buffer_data(context, 1, &length);
	else
		data = duk_to_lstring(context, 1, &length);
	js_interpreter_before_output(interpreter);
	if (fwrite(data, 1, length, stream) != length)
		return js_throw_errno(context, errno ? errno : EIO, "write", NULL);
	if (stream == interpreter->options.err)
		fflush(stream);
	return 0;
}

/* stopping(): whether the program is being stopped (process.exit, Ctrl-C). */
static duk_ret_t native_stopping(duk_context *context)
{
	duk_push_boolean(context, js_interpreter_of(context)->stopping);
	return 1;
}

static duk_ret_t native_flush(duk_context *context)
{
	struct js_interpreter *interpreter = js_interpreter_of(context);

	fflush(interpreter->options.out);
	fflush(interpreter->options.err);
	return 0;
}

/* readInput(): the next chunk of the interpreter's input as a string, or null at its end. */
static duk_ret_t native_read_input(duk_context *context)
{
	struct js_interpreter *interpreter = js_interpreter_of(context);
	char buffer[4096];
	size_t got = fread(buffer, 1, sizeof(buffer), interpreter->options.in);

	if (!got) {
		duk_push_null(context);
		return 1;
	}
	duk_push_lstring(context, buffer, got);
	return 1;
}

static duk_ret_t native_cwd(duk_context *context)
{
	char path[PATH_MAX];

	if (!getcwd(path, sizeof(path)))
		return js_throw_errno(context, errno, "uv_cwd", NULL);
	duk_push_string(context, path);
	return 1;
}

static duk_ret_t native_chdir(duk_context *context)
{
	const char *path = duk_require_string(context, 0);

	if (chdir(path))
		return js_throw_errno(context, errno, "chdir", path);
	return 0;
}

/* exit(code): stops everything that runs (the execution-timeout hook) and unwinds. */
static duk_ret_t native_exit(duk_context *context)
{
	struct js_interpreter *interpreter = js_interpreter_of(context);

	interpreter->exit_status = duk_get_int_default(context, 0, 0) & 0xff;
	interpreter->exit_requested = true;
	interpreter->stopping = true;
	return duk_error(context, DUK_ERR_RANGE_ERROR, "process.exit(%d)",
			 interpreter->exit_status);
}

static duk_ret_t native_hrtime(duk_context *context)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	duk_push_array(context);
	duk_push_number(context, (double)now.tv_sec);
	duk_put_prop_index(context, -2, 0);
	duk_push_number(context, (double)now.tv_nsec);
	duk_put_prop_index(context, -2, 1);
	return 1;
}

static void put_string(duk_context *context, const char *name, const char *value)
{
	duk_push_string(context, value);
	duk_put_prop_string(context, -2, name);
}

/* system(): uname and sysinfo in one object, for os and process.memoryUsage. */
static duk_ret_t native_system(duk_context *context)
{
	struct js_interpreter *interpreter = js_interpreter_of(context);
	struct utsname name;
	struct sysinfo info;

	duk_push_object(context);
	if (!uname(&name)) {
		put_string(context, "hostname", name.nodename);
		put_string(context, "sysname", name.sysname);
		put_string(context, "release", name.release);
		put_string(context, "version", name.version);
		put_string(context, "machine", name.machine);
	}
	if (!sysinfo(&info)) {
		js_put_number(context, "uptime", (double)info.uptime);
		js_put_number(context, "totalmem", (double)info.totalram * info.mem_unit);
		js_put_number(context, "freemem", (double)info.freeram * info.mem_unit);
		js_put_number(context, "loadavg1", info.loads[0] / 65536.0);
		js_put_number(context, "loadavg5", info.loads[1] / 65536.0);
		js_put_number(context, "loadavg15", info.loads[2] / 65536.0);
	}
	js_put_number(context, "cpus", (double)sysconf(_SC_NPROCESSORS_ONLN));
	js_put_number(context, "heapUsed", (double)interpreter->heap_bytes);
	js_put_number(context, "pid", getpid());
	return 1;
}

static void push_environment(duk_context *context, char *const *environment)
{
	duk_push_object(context);
	for (char *const *entry = environment; entry && *entry; entry++) {
		const char *equals = strchr(*entry, '=');

		if (!equals)
			continue;
		duk_push_lstring(context, *entry, (duk_size_t)(equals - *entry));
		duk_push_string(context, equals + 1);
		duk_put_prop(context, -3);
	}
}

void js_process_bind(duk_context *context)
{
	struct js_interpreter *interpreter = js_interpreter_of(context);

	static const duk_function_list_entry functions[] = {
	    {"write", native_write, 2},	      {"flush", native_flush, 0},
	    {"stopping", native_stopping, 0}, {"readInput", native_read_input, 0},
	    {"cwd", native_cwd, 0},	      {"chdir", native_chdir, 1},
	    {"exit", native_exit, 1},	      {"hrtime", native_hrtime, 0},
	    {"system", native_system, 0},     {NULL, NULL, 0},
	};

	duk_put_function_list(context, -1, functions);
	push_environment(
	    context, interpreter->options.environment ? interpreter->options.environment : environ);
	duk_put_prop_string(context, -2, "env");
}
