/* SPDX-License-Identifier: MIT */
/* Time: the TSC since the first boot instruction is the monotonic clock (never goes back); the
 * CMOS clock read at boot anchors the wall clock. */
#pragma once
#include <stdint.h>

#define NANOSECONDS_PER_SECOND 1000000000ull

void time_init(void);
uint64_t time_monotonic_ns(void);
uint64_t time_realtime_ns(void);
/* Nanoseconds the CPU spent idle (halted) since boot. */
uint64_t time_idle_ns(void);
uint64_t time_tsc_hz(void);
uint64_t time_tsc_to_ns(uint64_t ticks);
/* Halts until the next interrupt (called with interrupts disabled; returns with them disabled),
 * counting the time as idle. */
void time_idle_wait(void);
/* Sleeps until time_monotonic_ns() >= deadline; interrupts are handled meanwhile. */
void time_sleep_until(uint64_t deadline_ns);
