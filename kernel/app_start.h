/* SPDX-License-Identifier: MIT */
/* Starting the application: its stack laid out as Linux lays out a new process's (argc, argv,
 * envp, auxv), then a jump to musl's _start with interrupts on. */
#pragma once
#include "kernel/cmdline.h"
#include "kernel/compiler.h"

__noreturn void app_start(const struct cmdline *cmdline);
