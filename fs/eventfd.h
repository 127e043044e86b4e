/* SPDX-License-Identifier: MIT */
/* eventfd counters. */
#pragma once
#include <stdint.h>
#include "fs/vfs.h"

/* flags: EFD_SEMAPHORE (1) and O_NONBLOCK. */
int eventfd_create(uint64_t initial, unsigned flags, struct file **result);
