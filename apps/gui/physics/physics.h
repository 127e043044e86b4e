// SPDX-License-Identifier: MIT
/* The `physics` command (physics.c): the Planet demo (planet.h) on the screen, drawn with the
 * toolkit's renderer, or headless (--steps N: print where the boxes are after N steps). */
#ifndef YOLK_GUI_PHYSICS_H
#define YOLK_GUI_PHYSICS_H

#include "../app.h"
#include "../gui.h"
#include "planet.h"

/* argv as for a program named physics; returns its exit status. */
int physics_command_main(int argc, char **argv, const struct gui_io *io);

/* Draws PLANET fitted into AREA of the current window (the desktop's Physics window too). */
void physics_draw(struct gui *gui, const struct planet *planet, struct gui_rect area);

#endif
