/* SPDX-License-Identifier: MIT */
/* Turning the machine off with an exit status the host can see. */
#pragma once
#include "kernel/compiler.h"

/* Reports `status` on QEMU's debug console (port 0xe9, read back by `yolk run`, which keeps
 * all 8 bits), then exits QEMU through isa-debug-exit (status (n << 1) | 1, 7 bits survive);
 * on a machine without those devices, resets. */
__noreturn void power_off(int status);
/* Resets the machine: the 0xcf9 reset control register, the keyboard controller, and a triple
 * fault if neither worked. Under `yolk run` (QEMU with -no-reboot) the reset ends QEMU, and
 * `yolk run`, told so on the debug console, boots the image again. */
__noreturn void machine_restart(void);
