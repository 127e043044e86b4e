// SPDX-License-Identifier: MIT
/* gui: the desktop (apps/gui/desktop) on this command's streams. */
#include "../../gui/desktop/desktop.h"
#include "../command.h"

int gui_main(int argc, char **argv)
{
	struct gui_io io = {command_stdout(), command_stderr(), command_interrupted};
	return gui_desktop_main(argc, argv, &io);
}
