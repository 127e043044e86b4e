// SPDX-License-Identifier: MIT
/* ysh, the shell of Yolk's default image: `ysh` runs /etc/rc when the image has one (the
 * services an image starts at boot: `httpd &`, `sshd &`) and then reads commands from the
 * terminal with line editing and history; `ysh -c TEXT` runs TEXT, `ysh FILE [ARGUMENT...]`
 * runs a script. It is the console's session (session.h); its exit status is the image's:
 * `exit 3` powers the machine off with status 3. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "session.h"

int main(int argc, char **argv)
{
	struct shell_session_options options = {
	    .input = STDIN_FILENO, .output = STDOUT_FILENO, .error = STDERR_FILENO, .banner = true};

	if (argc > 2 && !strcmp(argv[1], "-c")) {
		options.command = argv[2];
		options.arguments = argv + 3;
		options.argument_count = argc - 3;
	} else if (argc > 1) {
		options.script = argv[1];
		options.arguments = argv + 2;
		options.argument_count = argc - 2;
	} else {
		options.startup = "/etc/rc";
	}
	int status = shell_session_run(&options);

	fflush(stdout);
	return status;
}
