/* SPDX-License-Identifier: MIT */
/* Time: the TSC since the first boot instruction is the monotonic clock (never goes back); the
 * CMOS clock read at boot anchors the wall clock. Reading a clock is inline: the vDSO
 * (sys/vdso.c), which the application calls without entering the kernel's code, reads them
 * too, and so do the system calls. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "include/uapi/linux.h"
#include "kernel/compiler.h"

#define NANOSECONDS_PER_SECOND 1000000000ull

/* What turns a TSC reading into the clocks, written once by time_init (before the application
 * starts: a clock_settime would need a sequence count around it). */
struct time_parameters {
	uint64_t first_tsc;	    /* the TSC at the first boot instruction: monotonic zero */
	uint64_t ns_per_tick_fixed; /* nanoseconds per TSC tick, 32.32 fixed point */
	uint64_t boot_wall_ns;	    /* the wall clock at monotonic zero */
};
extern struct time_parameters time_parameters;

/* HOST_TSC_HZ: the TSC's frequency as the host gave it (yolk.tsc_hz=), 0 when it did not. */
void time_init(uint64_t host_tsc_hz);
uint64_t time_tsc_hz(void);

static __always_inline uint64_t time_tsc_to_ns(uint64_t ticks)
{
	return (uint64_t)(((unsigned __int128)ticks * time_parameters.ns_per_tick_fixed) >> 32);
}

static __always_inline uint64_t time_monotonic_ns(void)
{
	return time_tsc_to_ns(rdtsc() - time_parameters.first_tsc);
}

static __always_inline uint64_t time_realtime_ns(void)
{
	return time_parameters.boot_wall_ns + time_monotonic_ns();
}

/* The clocks that are the TSC: the wall clocks and the monotonic ones. False for the others
 * (CPU-time clocks, unknown ids), which the caller answers itself. */
static __always_inline bool time_read_tsc_clock(int clock, uint64_t *ns)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:
		*ns = time_realtime_ns();
		return true;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = time_monotonic_ns();
		return true;
	default:
		return false;
	}
}

/* Arms the local APIC timer to interrupt at the deadline (monotonic ns; 0 stops it): in
 * TSC-deadline mode where the CPU has it, else one-shot from the calibrated count. */
void time_arm_timer(uint64_t deadline_ns);
/* Called from the timer's interrupt: whatever was armed is spent. */
void time_timer_fired(void);
