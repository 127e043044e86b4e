/* SPDX-License-Identifier: MIT */
/* Time: the TSC since the first boot instruction is the monotonic clock (never goes back); the
 * CMOS clock read at boot anchors the wall clock. */
#pragma once
#include <stdint.h>

#define NANOSECONDS_PER_SECOND 1000000000ull

void time_init(void);
uint64_t time_monotonic_ns(void);
uint64_t time_realtime_ns(void);
uint64_t time_tsc_hz(void);
uint64_t time_tsc_to_ns(uint64_t ticks);
/* Local APIC timer ticks for a delay (at least 1, at most a second's worth). */
uint32_t time_ns_to_lapic_ticks(uint64_t ns);
