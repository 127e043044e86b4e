/* SPDX-License-Identifier: MIT */
/* The program's arguments when they come apart from the kernel command line, byte-exact (any
 * byte but NUL, empty ones, as many and as long as the initial stack takes): a blob of
 * NUL-terminated strings, argv[0] first, that tools/yolk writes when the command line cannot
 * carry them. Under QEMU's PVH boot it is the fw_cfg file opt/yolk/arguments (`yolk run`);
 * through GRUB, the Multiboot2 module named yolk-arguments (`yolk pack`). */
#pragma once
#include "boot/bootinfo.h"
#include "kernel/cmdline.h"

#define ARGUMENTS_FW_CFG_NAME "opt/yolk/arguments"

/* Where the boot gave such a blob, makes it the arguments in place of the command line's.
 * Needs the heap. */
void arguments_load(struct cmdline *cmdline, const struct bootinfo *info);
