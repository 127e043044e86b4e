// SPDX-License-Identifier: MIT
/* nes: the NES emulator's headless modes (apps/nes/headless.c) on this command's streams. */
#include "../../nes/headless.h"
#include "../command.h"

int nes_main(int argc, char **argv)
{
	struct nes_io io = {command_stdout(), command_stderr(), command_interrupted};
	return nes_command_main(argc, argv, &io);
}
