/* SPDX-License-Identifier: MIT */
/* The CMOS real-time clock: the wall clock at boot. */
#pragma once
#include <stdint.h>

/* Seconds since 1970-01-01 UTC, or 0 when no clock answers. */
uint64_t cmos_clock_read_seconds(void);
