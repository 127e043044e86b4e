// SPDX-License-Identifier: MIT
/* The stand-alone `nes` program (host, Linux VM, or its own Yolk image): the command's headless
 * modes on the process's streams. */
#include "headless.h"

int main(int argc, char **argv)
{
	struct nes_io io = {stdout, stderr, NULL};
	return nes_command_main(argc, argv, &io);
}
