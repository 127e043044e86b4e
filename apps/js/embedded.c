// SPDX-License-Identifier: MIT
/* The main of an image that `yolk build --js APP.js` made: the runner with APP.js built in as
 * its main module (/APP.js: modules beside it come from --fs), without the network stack.
 * embedded_net.c is the same with the http module. */
#include "embedded.h"

int js_embedded_main(int argc, char **argv, const char *name, const char *source, size_t length)
{
	return js_embedded_run(argc, argv, name, source, length, NULL);
}
