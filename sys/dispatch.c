// SPDX-License-Identifier: MIT
/* The one system-call dispatcher, behind both entries: the `syscall` trap
 * (arch/x86_64/syscall_entry.S) and direct calls from Yolk's musl (yolk_syscall, the same file). Indexed by Linux x86-64
 * numbers from sys/syscall_table.h. Cost budget: a bounds check, a counter and an indirect
 * call. */
#include "sys/syscalls.h"
#include <stdbool.h>
#include "include/uapi/errno.h"
#include "kernel/log.h"

typedef long (*syscall_handler)(long, long, long, long, long, long);

/* Handlers have their natural C signatures; the extra register arguments of the common
 * signature are ignored by the System V calling convention. */
#define SYSCALL(number, name) [number] = (syscall_handler)(void *)sys_##name,
#define MISSING(number, name)
static const syscall_handler handlers[SYSCALL_COUNT] = {
#include "sys/syscall_table.h"
};
#undef SYSCALL
#undef MISSING

#define SYSCALL(number, name) [number] = #name,
#define MISSING(number, name) [number] = #name,
static const char *const names[SYSCALL_COUNT] = {
#include "sys/syscall_table.h"
};
#undef SYSCALL
#undef MISSING

static uint64_t call_counts[SYSCALL_COUNT];
static uint8_t missing_logged[SYSCALL_COUNT];

static long syscall_missing(unsigned long number)
{
	static bool unknown_logged;

	if (number >= SYSCALL_COUNT) {
		if (!unknown_logged)
			pr_warn("unknown system call number %lu: ENOSYS\n", number);
		unknown_logged = true;
		return -ENOSYS;
	}
	if (!missing_logged[number]) {
		missing_logged[number] = 1;
		pr_warn("system call %s (%lu) is not implemented: ENOSYS\n",
			names[number] ? names[number] : "?", number);
	}
	return -ENOSYS;
}

long syscall_dispatch(long a1, long a2, long a3, long a4, long a5, long a6, long number)
{
	if ((unsigned long)number >= SYSCALL_COUNT || !handlers[number])
		return syscall_missing(number);
	call_counts[number]++;
	return handlers[number](a1, a2, a3, a4, a5, a6);
}

uint64_t syscall_call_count(unsigned number)
{
	return number < SYSCALL_COUNT ? call_counts[number] : 0;
}
