/* SPDX-License-Identifier: MIT */
/* Pseudo-terminals: /dev/ptmx and /dev/pts/N (kernel/pseudo_terminal.c). */
#pragma once
#include "fs/vfs.h"

/* Registers the devices and makes /dev/ptmx and /dev/pts in the devfs directory `dev`. */
void pseudo_terminals_init(struct inode *dev);
