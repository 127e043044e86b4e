/* SPDX-License-Identifier: MIT */
/* Signal dispositions, the blocked mask and pending signals of the image. Delivery to handlers
 * comes with threads; until then a signal whose default action ends the program does so (exit
 * status 128 + number), ignored ones vanish, and ones with a handler stay pending (logged). */
#pragma once
#include <stdint.h>
#include "include/uapi/linux.h"

int signal_set_action(int signal, const struct linux_sigaction *action,
		      struct linux_sigaction *old_action);
/* how: 0 block, 1 unblock, 2 set. */
int signal_change_mask(int how, const uint64_t *set, uint64_t *old_set);
int signal_send(int signal);
