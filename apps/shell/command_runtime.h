// SPDX-License-Identifier: MIT
/* Running a command on the current thread with its own streams (provisional). */
#ifndef YOLK_SHELL_COMMAND_RUNTIME_H
#define YOLK_SHELL_COMMAND_RUNTIME_H
#include <stdio.h>
struct command_streams {
	FILE *in, *out, *err;
};
int command_run(int (*main)(int, char **), const struct command_streams *streams, int argc,
		char **argv);
void command_set_interrupted(void);
#endif
