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

static __noreturn void reset(void);

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
	reset();
}

void machine_restart(void)
{
	interrupts_disable();
	debug_console_write("yolk-restart\n"); /* `yolk run` boots the image again */
	reset();
}

static __noreturn void reset(void)
{
	static const struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) no_interrupt_table = {0, 0};

	interrupts_disable();
	outb(0xcf9, 0x0e);
	outb(0x64, 0xfe);
	/* An exception with an empty interrupt table is a triple fault: a reset. */
	__asm__ volatile("lidt %0; int3" : : "m"(no_interrupt_table));
	for (;;)
		__asm__ volatile("hlt");
}
