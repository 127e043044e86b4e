/* SPDX-License-Identifier: MIT */
/* Resource limits (getrlimit/setrlimit/prlimit64) as the kernel applies them. */
#pragma once
#include <stdint.h>

#define RESOURCE_STACK	    3
#define RESOURCE_OPEN_FILES 7

uint64_t resource_limit_current(unsigned resource);
