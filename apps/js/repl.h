// SPDX-License-Identifier: MIT
/* The JavaScript REPL (apps/js/repl.c): lines read with the shell's line editor (editing,
 * history, Tab completing globals and properties), input kept until it parses, results
 * printed as Node prints them; Ctrl-C stops a running evaluation (or drops the input being
 * typed), Ctrl-D or .exit ends. Linked with the shell (apps/shell/line_editor.h). */
#ifndef YOLK_JS_REPL_H
#define YOLK_JS_REPL_H

struct js_interpreter;

/* Runs the REPL on INTERPRETER until the end of input or .exit; returns the exit status
 * (process.exit's code, or 0). For js_command's REPL argument. */
int js_repl(struct js_interpreter *interpreter);

#endif
