// SPDX-License-Identifier: MIT
/* The runtime's JavaScript (apps/js/runtime/NAME.js, built into the image by embed.sh) and the
 * compiler entry points the module loader uses: a module is compiled as a function of
 * (exports, require, module, __filename, __dirname) whose first line is the file's first line,
 * so errors name the file's own lines. */
#include <string.h>
#include "interpreter.h"

struct js_runtime_file {
	const char *name;
	const unsigned char *text;
	size_t length;
};
extern const struct js_runtime_file js_runtime_files[];
extern const size_t js_runtime_file_count;

static const struct js_runtime_file *find_file(const char *name)
{
	for (size_t i = 0; i < js_runtime_file_count; i++)
		if (!strcmp(js_runtime_files[i].name, name))
			return &js_runtime_files[i];
	return NULL;
}

/* Compiles SOURCE (at -2) named by the string at -1 with FLAGS; a syntax error is given its
 * column (js_syntax_error_locate; the first HEAD_LENGTH and last TAIL_LENGTH bytes are a
 * wrapper's). Leaves the function or the error. */
static duk_int_t compile(duk_context *context, duk_uint_t flags, size_t head_length,
			 size_t tail_length)
{
	duk_size_t length;
	const char *source;

	duk_dup(context, -2);
	duk_dup(context, -2);
	if (!duk_pcompile(context, flags)) {
		duk_remove(context, -2);
		duk_remove(context, -2);
		return DUK_EXEC_SUCCESS;
	}
	source = duk_get_lstring(context, -3, &length);
	js_syntax_error_locate(context, source, length, duk_get_string(context, -2), flags,
			       head_length, tail_length);
	duk_remove(context, -2);
	duk_remove(context, -2);
	return DUK_EXEC_ERROR;
}

/* Compiles SOURCE (at -2) as eval code named by the string at -1, and runs it: its value
 * (a function expression's function) is left at the top. */
static duk_int_t evaluate(duk_context *context, size_t head_length, size_t tail_length)
{
	if (compile(context, DUK_COMPILE_EVAL | DUK_COMPILE_SHEBANG, head_length, tail_length))
		return DUK_EXEC_ERROR;
	return duk_pcall(context, 0);
}

int js_sources_compile(duk_context *context, const char *name)
{
	const struct js_runtime_file *file = find_file(name);

	if (!file) {
		duk_push_error_object(context, DUK_ERR_ERROR, "no runtime file %s", name);
		return -1;
	}
	duk_push_lstring(context, (const char *)file->text, file->length);
	duk_push_sprintf(context, "<js>/%s.js", name);
	return evaluate(context, 0, 0) != DUK_EXEC_SUCCESS;
}

/* native.source(name): a built-in file's text, or undefined. */
static duk_ret_t native_source(duk_context *context)
{
	const struct js_runtime_file *file = find_file(duk_require_string(context, 0));

	if (!file)
		return 0;
	duk_push_lstring(context, (const char *)file->text, file->length);
	return 1;
}

/* native.compileModule(source, filename): the module's wrapper function. */
#define MODULE_HEAD "(function (exports, require, module, __filename, __dirname) {"
#define MODULE_TAIL "\n})"
static duk_ret_t native_compile_module(duk_context *context)
{
	const char *source = duk_require_string(context, 0);
	const char *filename = duk_require_string(context, 1);

	if (source[0] == '#' && source[1] == '!') /* a shebang line stays a line */
		duk_push_sprintf(context, MODULE_HEAD "//%s" MODULE_TAIL, source + 2);
	else
		duk_push_sprintf(context, MODULE_HEAD "%s" MODULE_TAIL, source);
	duk_push_string(context, filename);
	if (evaluate(context, strlen(MODULE_HEAD), strlen(MODULE_TAIL)))
		return duk_throw(context);
	return 1;
}

/* native.evaluate(source, filename): global code, its completion value (the REPL, -e). */
static duk_ret_t native_evaluate(duk_context *context)
{
	duk_require_string(context, 0);
	duk_require_string(context, 1);
	if (evaluate(context, 0, 0))
		return duk_throw(context);
	return 1;
}

/* native.check(source, filename): compiles without running; throws the SyntaxError. */
static duk_ret_t native_check(duk_context *context)
{
	duk_require_string(context, 0);
	duk_require_string(context, 1);
	if (compile(context, DUK_COMPILE_EVAL, 0, 0))
		return duk_throw(context);
	return 0;
}

void js_sources_bind(duk_context *context)
{
	static const duk_function_list_entry functions[] = {
	    {"source", native_source, 1},
	    {"compileModule", native_compile_module, 2},
	    {"evaluate", native_evaluate, 2},
	    {"check", native_check, 2},
	    {NULL, NULL, 0},
	};

	duk_put_function_list(context, -1, functions);
}
