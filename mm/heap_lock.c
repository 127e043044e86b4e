// SPDX-License-Identifier: MIT
/* The heap's lock on one CPU: interrupts off (SMP adds a spinlock here); its bad-free report. */
#include "mm/heap_lock.h"
#include <stdbool.h>
#include "arch/x86_64/cpu.h"
#include "kernel/log.h"

uint64_t heap_lock(void)
{
	return interrupts_save();
}

void heap_unlock(uint64_t state)
{
	interrupts_restore(state);
}

/* Once: a kernel bug that frees in a loop would otherwise flood the console. */
void heap_report_bad_free(const void *pointer)
{
	static bool reported;

	if (reported)
		return;
	reported = true;
	pr_warn("heap: ignored free of %p, not a live heap object (reported once)\n", pointer);
}
