// SPDX-License-Identifier: MIT
/* The stand-alone `gui` program (an image of its own): the desktop on the process's streams. */
#include "desktop/desktop.h"

int main(int argc, char **argv)
{
	struct gui_io io = {stdout, stderr, NULL};
	return gui_desktop_main(argc, argv, &io);
}
