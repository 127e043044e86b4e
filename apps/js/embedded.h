// SPDX-License-Identifier: MIT
/* The entry points of `yolk build --js` images (embedded.c, embedded_net.c), over
 * js_embedded_run (embedded_run.c). The generated main declares the one it calls itself. */
#ifndef YOLK_JS_EMBEDDED_H
#define YOLK_JS_EMBEDDED_H

#include <stddef.h>
#include "js.h"

/* Runs SOURCE as the main module NAME with process.argv = [argv[0], NAME, argv[1]...]. */
int js_embedded_run(int argc, char **argv, const char *name, const char *source, size_t length,
		    void (*register_modules)(void *duktape_context));
int js_embedded_main(int argc, char **argv, const char *name, const char *source, size_t length);
int js_embedded_main_net(int argc, char **argv, const char *name, const char *source,
			 size_t length);

#endif
