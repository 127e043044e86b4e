// SPDX-License-Identifier: MIT
/* A thin main for an image (or a Linux program: the bench) that is the runner alone:
 * `js [-e CODE] [FILE [ARGUMENTS...]]` over the process's streams, without the REPL (which
 * uses the shell's line editor: the shell's `js` has it) and without http (no sockets, so no
 * network stack in the image). */
#include <stdio.h>
#include "js.h"

int main(int argc, char **argv)
{
	struct js_options options = {
	    .in = stdin, .out = stdout, .err = stderr, .argc = argc, .argv = argv};

	return js_command(&options, NULL);
}
