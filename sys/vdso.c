// SPDX-License-Identifier: MIT
/* The vDSO: what Linux maps into every process so that clock_gettime, gettimeofday, time and
 * getcpu need no system call. musl looks for it through AT_SYSINFO_EHDR in the auxiliary vector
 * (kernel/app_start.c), finds __vdso_clock_gettime and __vdso_getcpu by name in its dynamic
 * symbol table, and calls them instead of the system call: Debian's libc.a and Yolk's
 * direct-call musl alike.
 *
 * Yolk needs no separate shared object: the application already shares the kernel's address
 * space and ring, so the functions are kernel code and the "image" is only the ELF directory
 * that musl reads (headers, a dynamic section, a symbol table with its hash and strings), built
 * by the compiler as constant data. Its one load segment says it is loaded where it was linked,
 * so the load bias is 0 and every address in it is absolute.
 *
 * The functions run as application code: they are in .text.vdso, outside the kernel's own
 * text, so an interrupt that comes while one runs is taken at once, as for the application,
 * instead of being deferred to a system call's exit, which these never pass through. So they
 * may call nothing in the kernel's text except an entry (yolk_syscall, for the clocks they do
 * not answer): the time helpers they use are always inline, and the build checks the section's
 * calls (tools/check-vdso.sh). As on Linux, a bad pointer given to them is a fault in the
 * caller, not -EFAULT. */
#include "arch/x86_64/cpu_setup.h"
#include "include/uapi/elf.h"
#include "include/uapi/linux.h"
#include "kernel/compiler.h"
#include "kernel/time.h"
#include "sys/syscalls.h"
#include "sys/vdso.h"

#define VDSO_TEXT __attribute__((section(".text.vdso")))

static VDSO_TEXT long vdso_clock_gettime(int clock, struct linux_timespec *result)
{
	uint64_t ns;

	if (!time_read_tsc_clock(clock, &ns))
		return yolk_syscall(clock, (long)result, 0, 0, 0, 0, SYSCALL_NUMBER_clock_gettime);
	result->tv_sec = ns / NANOSECONDS_PER_SECOND;
	result->tv_nsec = ns % NANOSECONDS_PER_SECOND;
	return 0;
}

static VDSO_TEXT long vdso_gettimeofday(struct linux_timeval *result,
					struct linux_timezone *timezone)
{
	uint64_t ns = time_realtime_ns();

	if (result) {
		result->tv_sec = ns / NANOSECONDS_PER_SECOND;
		result->tv_usec = ns % NANOSECONDS_PER_SECOND / 1000;
	}
	if (timezone)
		*timezone = (struct linux_timezone){0, 0};
	return 0;
}

static VDSO_TEXT long vdso_time(int64_t *result)
{
	int64_t seconds = time_realtime_ns() / NANOSECONDS_PER_SECOND;

	if (result)
		*result = seconds;
	return seconds;
}

static VDSO_TEXT long vdso_getcpu(unsigned *cpu, unsigned *node, void *unused)
{
	(void)unused;
	if (cpu)
		*cpu = this_cpu()->index;
	if (node)
		*node = 0;
	return 0;
}

/* ---- the ELF directory ---------------------------------------------------------------------- */

/* Linux's names, without its symbol versions (LINUX_2.6): musl checks a version only when the
 * object has version definitions. */
#define VDSO_FUNCTIONS(X) X(clock_gettime) X(gettimeofday) X(time) X(getcpu)

enum vdso_symbol_index {
	VDSO_SYMBOL_NONE, /* symbol 0 is the undefined symbol */
#define X(name) VDSO_SYMBOL_##name,
	VDSO_FUNCTIONS(X)
#undef X
	    VDSO_SYMBOL_COUNT
};

struct vdso_strings {
	char none;
#define X(name) char name[sizeof("__vdso_" #name)];
	VDSO_FUNCTIONS(X)
#undef X
};

/* The System V hash table with one bucket: every symbol on its chain, from the last down. */
struct vdso_hash {
	uint32_t bucket_count, chain_count;
	uint32_t buckets[1];
	uint32_t chains[VDSO_SYMBOL_COUNT];
};

struct vdso_directory {
	struct elf64_header header;
	struct elf64_program_header segments[2];
	struct elf64_dynamic dynamic[6];
	struct vdso_hash hash;
	struct elf64_symbol symbols[VDSO_SYMBOL_COUNT];
	struct vdso_strings strings;
};

#define ADDRESS(member) ((uint64_t)&vdso_directory.member)

static const struct vdso_directory
    vdso_directory __aligned(16) = {
	.header =
	    {
		.ident = {0x7f, 'E', 'L', 'F', ELF_CLASS_64, ELF_DATA_LITTLE, ELF_VERSION_CURRENT},
		.type = ELF_TYPE_SHARED,
		.machine = ELF_MACHINE_X86_64,
		.version = ELF_VERSION_CURRENT,
		.program_header_offset = __builtin_offsetof(struct vdso_directory, segments),
		.header_size = sizeof(struct elf64_header),
		.program_header_size = sizeof(struct elf64_program_header),
		.program_header_count = ARRAY_SIZE(vdso_directory.segments),
		.section_header_size = 64,
	    },
	.segments =
	    {
		{
		    .type = ELF_SEGMENT_LOAD,
		    .flags = ELF_SEGMENT_READ,
		    .offset = 0,
		    .virtual_address = ADDRESS(header), /* loaded where it is: the bias is 0 */
		    .physical_address = ADDRESS(header),
		    .file_size = sizeof(struct vdso_directory),
		    .memory_size = sizeof(struct vdso_directory),
		    .alignment = 16,
		},
		{
		    .type = ELF_SEGMENT_DYNAMIC,
		    .flags = ELF_SEGMENT_READ,
		    .offset = __builtin_offsetof(struct vdso_directory, dynamic),
		    .virtual_address = ADDRESS(dynamic),
		    .physical_address = ADDRESS(dynamic),
		    .file_size = sizeof(vdso_directory.dynamic),
		    .memory_size = sizeof(vdso_directory.dynamic),
		    .alignment = 8,
		},
	    },
	.dynamic =
	    {
		{ELF_DYNAMIC_HASH, ADDRESS(hash)},
		{ELF_DYNAMIC_STRTAB, ADDRESS(strings)},
		{ELF_DYNAMIC_SYMTAB, ADDRESS(symbols)},
		{ELF_DYNAMIC_STRSZ, sizeof(struct vdso_strings)},
		{ELF_DYNAMIC_SYMENT, sizeof(struct elf64_symbol)},
		{ELF_DYNAMIC_NULL, 0},
	    },
	.hash =
	    {
		.bucket_count = 1,
		.chain_count = VDSO_SYMBOL_COUNT,
		.buckets = {VDSO_SYMBOL_COUNT - 1},
#define X(name) [VDSO_SYMBOL_##name] = VDSO_SYMBOL_##name - 1,
		.chains = {VDSO_FUNCTIONS(X)},
#undef X
	    },
	.symbols =
	    {
#define X(function)                                                                                \
	[VDSO_SYMBOL_##function] = {                                                               \
	    .name = __builtin_offsetof(struct vdso_strings, function),                             \
	    .info = ELF_SYMBOL_GLOBAL << 4 | ELF_SYMBOL_FUNCTION,                                  \
	    .section = ELF_SECTION_ABSOLUTE,                                                       \
	    .value = (uint64_t)vdso_##function,                                                    \
	},
		VDSO_FUNCTIONS(X)
#undef X
	    },
	.strings =
	    {
#define X(name) .name = "__vdso_" #name,
		VDSO_FUNCTIONS(X)
#undef X
	    },
};

uint64_t vdso_address(void)
{
	return (uint64_t)&vdso_directory;
}
