// SPDX-License-Identifier: MIT
/* Yolk's Duktape configuration: Duktape 2.7's shipped defaults (Debian duktape-dev's
 * /usr/share/duktape/duk_config.h, linked into the build folder as duk_config_defaults.h by
 * third_party/duktape/duktape.mk) with the options the runner (apps/js) needs changed after
 * them. The source package's tools/configure.py would write the same header, but it is
 * Python 2, which bookworm does not have; a fixup after the defaults is what configure.py's
 * --fixup-file does. Each option says why it is here. */
#ifndef YOLK_DUK_CONFIG_H
#define YOLK_DUK_CONFIG_H

#include "duk_config_defaults.h"

/* The bytecode executor calls its interrupt hook every few thousand instructions, and with
 * EXEC_TIMEOUT_CHECK asks the runner whether to stop (apps/js/interpreter.c): true after
 * Ctrl-C or process.exit(), which then unwinds as a RangeError up to the runner, catch blocks
 * or not. So `while (1) {}` in the REPL returns to the prompt. The hook's argument is the heap's
 * udata, the interpreter: no process-wide state. */
#define DUK_USE_INTERRUPT_COUNTER
#undef DUK_USE_EXEC_TIMEOUT_CHECK
#define DUK_USE_EXEC_TIMEOUT_CHECK(udata) js_interpreter_should_stop(udata)
int js_interpreter_should_stop(void *interpreter);

/* Recursion through C (getters, Array.prototype.map callbacks, toString, JSON, the compiler,
 * Proxy traps) uses the thread's native stack, a fixed size on Yolk (a shell command is a
 * thread of 256 KiB with a guard page below). The check compares the stack pointer with the
 * limit the runner recorded for this thread, so a runaway script gets a RangeError instead of
 * a stack overflow that ends the image. Plain JavaScript-to-JavaScript calls do not use the
 * native stack: their depth is DUK_USE_CALLSTACK_LIMIT's (10000 calls), also a RangeError. */
#undef DUK_USE_NATIVE_STACK_CHECK
#define DUK_USE_NATIVE_STACK_CHECK() js_native_stack_check()
int js_native_stack_check(void);

/* Fast integers: loop counters and array indices stay 64-bit integers, not doubles (the
 * CPU-bound bench gains from it; results are the same). */
#define DUK_USE_FASTINT

/* Each level of native recursion the defaults allow is checked against the real stack above;
 * C recursion of the compiler and the regexp engine keeps Duktape's own limits. */

#endif
