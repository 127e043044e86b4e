// SPDX-License-Identifier: MIT
/* PIT channel 0 as a calibration reference, read by latching its counter (port 0x61's gate is
 * not needed, so this also works on machines without a PC speaker port). */
#include "drivers/timer/pit.h"
#include "arch/x86_64/cpu.h"
#include "drivers/interrupt/irq.h"

#define PIT_CHANNEL0 0x40
#define PIT_COMMAND  0x43

static uint16_t pit_read(void)
{
	outb(PIT_COMMAND, 0x00); /* latch channel 0 */
	uint8_t low = inb(PIT_CHANNEL0);
	uint8_t high = inb(PIT_CHANNEL0);
	return low | (uint16_t)high << 8;
}

bool pit_measure(uint32_t pit_ticks, struct pit_calibration *result)
{
	const unsigned spin_limit = 10000000;
	uint16_t start, now;
	unsigned spins = 0;

	outb(PIT_COMMAND, 0x34); /* channel 0, low then high byte, mode 2, binary */
	outb(PIT_CHANNEL0, 0xff);
	outb(PIT_CHANNEL0, 0xff);
	/* Start on a tick edge. */
	start = pit_read();
	while ((now = pit_read()) == start)
		if (++spins > spin_limit)
			return false;
	uint64_t tsc_start = rdtsc();
	uint32_t lapic_start = lapic_timer_current();
	uint16_t elapsed = 0;
	while (elapsed < pit_ticks) {
		elapsed = (uint16_t)(now - pit_read());
		if (++spins > spin_limit)
			return false;
	}
	result->tsc_ticks = rdtsc() - tsc_start;
	result->lapic_ticks = lapic_start - lapic_timer_current();
	result->pit_ticks = elapsed;
	return true;
}
