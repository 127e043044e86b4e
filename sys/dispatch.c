// SPDX-License-Identifier: MIT
/* The system-call table, indexed by Linux x86-64 numbers from sys/syscall_table.h, and what
 * happens to calls it lacks. The dispatch itself is a few instructions in both entries
 * (arch/x86_64/syscall_entry.S: the `syscall` trap, and yolk_syscall, the direct call of
 * Yolk's musl): a bounds check, a counter, an indirect call. */
#include "sys/syscalls.h"
#include <stdbool.h>
#include "fs/procfs.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "lib/string.h"

/* Handlers have their natural C signatures; the extra register arguments of the common
 * signature are ignored by the System V calling convention. Every entry is callable: a number
 * without a handler goes to syscall_missing_entry (arch/x86_64/syscall_entry.S), which passes
 * the number, still in RAX, to syscall_missing; so the direct path's inline dispatch (Yolk's
 * musl, third_party/musl/arch/x86_64/syscall_arch.h) needs no check but the bound. */
#define SYSCALL(number, name) [number] = (syscall_handler)(void *)sys_##name,
#define MISSING(number, name)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
const syscall_handler syscall_handlers[SYSCALL_COUNT + 1] = {
    [0 ... SYSCALL_COUNT - 1] = syscall_missing_entry,
#include "sys/syscall_table.h"
    /* clone goes through a stub that completes the trap frame (arch/x86_64/syscall_entry.S). */
    [SYSCALL_NUMBER_clone] = syscall_clone_entry,
    /* What the entries' dispatch makes of a number beyond the table. */
    [SYSCALL_COUNT] = syscall_unknown_entry,
};
#pragma GCC diagnostic pop
#undef SYSCALL
#undef MISSING

/* The names, packed one after another (a table of pointers would be 4 KiB of the image), with
 * the number each belongs to; name_starts, one past each name's offset, is made at first use. */
#define SYSCALL(number, name) #name "\0"
#define MISSING(number, name) #name "\0"
static const char packed_names[] =
#include "sys/syscall_table.h"
    ;
#undef SYSCALL
#undef MISSING
#define SYSCALL(number, name) number,
#define MISSING(number, name) number,
static const uint16_t named_numbers[] = {
#include "sys/syscall_table.h"
};
#undef SYSCALL
#undef MISSING
static uint16_t name_starts[SYSCALL_COUNT];

const char *syscall_name(unsigned number)
{
	static bool indexed;

	if (!indexed) {
		const char *name = packed_names;
		for (unsigned i = 0; i < sizeof(named_numbers) / sizeof(named_numbers[0]); i++) {
			name_starts[named_numbers[i]] = (uint16_t)(name - packed_names + 1);
			name += strlen(name) + 1;
		}
		indexed = true;
	}
	return number < SYSCALL_COUNT && name_starts[number]
		   ? packed_names + name_starts[number] - 1
		   : NULL;
}

uint64_t syscall_call_counts[SYSCALL_COUNT + 1]; /* the last: numbers beyond the table */

/* The names Yolk's musl uses for the table and the counters (its inline direct path). */
extern const syscall_handler yolk_syscall_table[SYSCALL_COUNT + 1]
    __attribute__((alias("syscall_handlers")));
extern uint64_t yolk_syscall_counts[SYSCALL_COUNT + 1]
    __attribute__((alias("syscall_call_counts")));
static uint8_t missing_logged[SYSCALL_COUNT];

long syscall_missing(unsigned long number)
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
		const char *name = syscall_name((unsigned)number);
		pr_warn("system call %s (%lu) is not implemented: ENOSYS\n", name ? name : "?",
			number);
	}
	return -ENOSYS;
}

uint64_t syscall_call_count(unsigned number)
{
	return number < SYSCALL_COUNT ? syscall_call_counts[number] : 0;
}

/* /proc/syscalls (Yolk's own): how often each system call was made since boot, through either
 * entry, one "NAME COUNT" line per call made at least once, in number order. The vDSO's
 * clock_gettime, gettimeofday, time and getcpu are not system calls and do not count. */
static void generate_syscalls(struct procfs_text *text, void *context)
{
	(void)context;
	for (unsigned number = 0; number < SYSCALL_COUNT; number++) {
		uint64_t count = syscall_call_count(number);
		const char *name = syscall_name(number);
		if (count)
			procfs_printf(text, "%s %llu\n", name ? name : "?",
				      (unsigned long long)count);
	}
}

void syscall_init(void)
{
	procfs_register_file("syscalls", generate_syscalls, NULL);
}
