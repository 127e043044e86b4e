// SPDX-License-Identifier: MIT
/* panic: the kernel cannot go on (boot failure, corruption). Reports and powers off. */
#include "kernel/panic.h"
#include <stdarg.h>
#include "arch/x86_64/cpu.h"
#include "kernel/crash.h"
#include "kernel/log.h"
#include "kernel/power.h"
#include "lib/format.h"

#define PANIC_EXIT_STATUS 255

void panic(const char *format, ...)
{
	char message[256];
	va_list args;

	interrupts_disable();
	va_start(args, format);
	format_vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	log_raw("\n*** yolk: kernel panic: %s\n", message);
	crash_print_backtrace((uint64_t)__builtin_return_address(0),
			      (uint64_t)__builtin_frame_address(0));
	power_off(PANIC_EXIT_STATUS);
}
