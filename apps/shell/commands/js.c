// SPDX-License-Identifier: MIT
/* js: the JavaScript runner (apps/js) as a shell command, with the REPL when run without a
 * file. Ctrl-C reaches the interpreter through command_interrupted(); process.env is the
 * session's variables. */
#include "js.h"
#include "repl.h"
#include "../shell.h"
#include "../command.h"

/* Each Ctrl-C once: the REPL goes on after one. */
static bool interrupted(void *context)
{
	(void)context;
	if (!command_interrupted())
		return false;
	command_clear_interrupted();
	return true;
}

int js_main(int argc, char **argv)
{
	struct js_options options = {
	    .in = stdin,
	    .out = stdout,
	    .err = stderr,
	    .argc = argc,
	    .argv = argv,
	    /* The session's variables are the command's environment (commands are threads). */
	    .environment = shell_session_current()->variables.entries,
	    .interrupted = interrupted,
	    .register_modules = js_sockets_register,
	};

	command_keep_status_on_interrupt();
	return js_command(&options, js_repl);
}
