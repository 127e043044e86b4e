/* SPDX-License-Identifier: MIT */
/* Starting the application: its stack laid out as Linux lays out a new process's (argc, argv,
 * envp, auxv), then a jump to musl's _start with interrupts on. */
#pragma once
#include "kernel/cmdline.h"
#include "kernel/compiler.h"

__noreturn void app_start(const struct cmdline *cmdline);
/* What the program was started with (for /proc): its arguments, its name (argv[0]), and the
 * kernel command line as the boot loader gave it. */
const struct cmdline *app_cmdline(void);
const char *app_image_name(void);
const char *app_image_path(void);
const char *app_kernel_command_line(void);
void app_set_kernel_command_line(const char *line);
/* Registers /proc/cmdline and /proc/1's files (kernel/app_proc.c). */
void app_register_proc_files(void);
