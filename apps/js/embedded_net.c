// SPDX-License-Identifier: MIT
/* The main of a `yolk build --js` image whose script uses http (or --net): the runner with
 * the http module, which links the network stack (see embedded.c). */
#include "embedded.h"

int js_embedded_main_net(int argc, char **argv, const char *name, const char *source, size_t length)
{
	return js_embedded_run(argc, argv, name, source, length, js_sockets_register);
}
