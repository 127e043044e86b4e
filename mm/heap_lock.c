// SPDX-License-Identifier: MIT
/* The heap's lock on one CPU: interrupts off (SMP adds a spinlock here). */
#include "mm/heap_lock.h"
#include "arch/x86_64/cpu.h"

uint64_t heap_lock(void)
{
	return interrupts_save();
}

void heap_unlock(uint64_t state)
{
	interrupts_restore(state);
}
