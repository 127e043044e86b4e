// SPDX-License-Identifier: MIT
/* The `nes` command (apps/nes/headless.c), callable from any program: its streams and the
 * check for Ctrl-C come from the caller, so a shell can run it as one of its commands. */
#ifndef YOLK_NES_HEADLESS_H
#define YOLK_NES_HEADLESS_H

#include <stdbool.h>
#include <stdio.h>

struct nes_io {
	FILE *out, *err;
	bool (*interrupted)(void); /* NULL: never */
};

/* argv as for a program named nes; returns its exit status. */
int nes_command_main(int argc, char **argv, const struct nes_io *io);

#endif
