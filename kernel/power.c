// SPDX-License-Identifier: MIT
/* Power-off paths, tried in order: QEMU's isa-debug-exit (carries the status), ACPI S5 (real
 * hardware, or QEMU without the device), then a reset through the 0xcf9 reset control register
 * and the keyboard controller. */
#include "kernel/power.h"
#include "arch/x86_64/cpu.h"
#include "drivers/platform/acpi.h"
#include "lib/format.h"

#define DEBUG_CONSOLE_PORT 0xe9
#define DEBUG_EXIT_PORT	   0x501

static void debug_console_write(const char *text)
{
	while (*text)
		outb(DEBUG_CONSOLE_PORT, *text++);
}

void power_off(int status)
{
	char line[32];

	interrupts_disable();
	format_snprintf(line, sizeof(line), "yolk-exit-status %d\n", status & 0xff);
	debug_console_write(line);
	outb(DEBUG_EXIT_PORT, status & 0xff);
	acpi_power_off();
	outb(0xcf9, 0x0e);
	outb(0x64, 0xfe);
	for (;;)
		__asm__ volatile("hlt");
}
