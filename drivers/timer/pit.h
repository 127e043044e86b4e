/* SPDX-License-Identifier: MIT */
/* The 8254 PIT, used only as a reference clock to calibrate the TSC and the local APIC timer. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#define PIT_HZ 1193182u

struct pit_calibration {
	uint64_t tsc_ticks;
	uint32_t lapic_ticks;
	uint32_t pit_ticks;
};

/* Measures TSC and local APIC timer ticks over `pit_ticks` PIT ticks. False when the PIT does
 * not count (absent). The local APIC timer must be counting down from a large value. */
bool pit_measure(uint32_t pit_ticks, struct pit_calibration *result);
