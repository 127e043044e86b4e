// SPDX-License-Identifier: MIT
/* The stand-alone `physics` program (its own Yolk image, or the host for the test that
 * compares positions): the command on the process's streams. */
#include "physics.h"

int main(int argc, char **argv)
{
	struct gui_io io = {stdout, stderr, NULL};
	return physics_command_main(argc, argv, &io);
}
