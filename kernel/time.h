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
/* Arms the local APIC timer to interrupt at the deadline (monotonic ns; 0 stops it): in
 * TSC-deadline mode where the CPU has it, else one-shot from the calibrated count. */
void time_arm_timer(uint64_t deadline_ns);
/* Called from the timer's interrupt: whatever was armed is spent. */
void time_timer_fired(void);
