// SPDX-License-Identifier: MIT
/* physics: the Planet demo (apps/gui/physics) on this command's streams. */
#include "../../gui/physics/physics.h"
#include "../command.h"

int physics_main(int argc, char **argv)
{
	struct gui_io io = {command_stdout(), command_stderr(), command_interrupted};
	return physics_command_main(argc, argv, &io);
}
