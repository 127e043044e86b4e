// SPDX-License-Identifier: MIT
/* The initial stack of the application (see kernel/app_start.h). musl reads AT_PHDR to find
 * the TLS segment, so the image's program headers are loaded with it (tools/yolk.ld); AT_UID
 * equal to AT_EUID (and GID) with AT_SECURE = 0 keeps musl off its secure-mode path. */
#include "kernel/app_start.h"
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "include/uapi/linux.h"
#include "fs/vfs.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "kernel/power.h"
#include "kernel/panic.h"
#include "kernel/random.h"
#include "kernel/thread.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/layout.h"
#include "mm/vm.h"
#include "sys/vdso.h"

#define DEFAULT_PROGRAM_NAME "app"

extern char __elf_header[];
extern char _start[];

struct stack_builder {
	uint64_t top;	 /* strings are written downwards from here */
	uint64_t bottom; /* lowest address the builder may write */
};

static uint64_t push_bytes(struct stack_builder *stack, const void *bytes, size_t length)
{
	if (stack->top - stack->bottom < length)
		panic("the command line does not fit on the initial stack");
	stack->top -= length;
	memcpy((void *)stack->top, bytes, length);
	return stack->top;
}

static uint64_t push_string(struct stack_builder *stack, const char *text)
{
	return push_bytes(stack, text, strlen(text) + 1);
}

static unsigned fill_auxiliary_vector(uint64_t *vector, uint64_t random_bytes, uint64_t platform,
				      uint64_t program_name)
{
	const uint64_t program_header_offset = *(uint64_t *)(__elf_header + 32);
	const uint16_t program_header_size = *(uint16_t *)(__elf_header + 54);
	const uint16_t program_header_count = *(uint16_t *)(__elf_header + 56);
	const uint64_t pairs[][2] = {
	    {AT_PHDR, (uint64_t)__elf_header + program_header_offset},
	    {AT_PHENT, program_header_size},
	    {AT_PHNUM, program_header_count},
	    {AT_PAGESZ, PAGE_SIZE},
	    {AT_ENTRY, (uint64_t)_start},
	    {AT_UID, 0},
	    {AT_EUID, 0},
	    {AT_GID, 0},
	    {AT_EGID, 0},
	    {AT_SECURE, 0},
	    {AT_HWCAP, cpuid(1, 0).edx},
	    {AT_CLKTCK, 100},
	    {AT_PLATFORM, platform},
	    {AT_RANDOM, random_bytes},
	    {AT_EXECFN, program_name},
	    {AT_SYSINFO_EHDR, vdso_address()},
	    {AT_NULL, 0},
	};

	memcpy(vector, pairs, sizeof(pairs));
	return sizeof(pairs) / sizeof(uint64_t);
}

/* The arguments' and the environment's strings, at most a quarter of the stack as on Linux. */
#define STRINGS_MAX_SIZE (STACK_MAX_SIZE / 4)

static uint64_t build_stack(const struct cmdline *cmdline, uint64_t top)
{
	struct stack_builder stack = {top, top - STRINGS_MAX_SIZE};
	unsigned argc = cmdline->argument_count, envc = cmdline->environment_count;
	uint64_t random_bytes[2], auxiliary[64];
	/* argv[], NULL, envp[], NULL: on the heap, since there may be many. */
	uint64_t *vectors = heap_alloc((MAX(argc, 1) + 1 + envc + 1) * sizeof(uint64_t));

	if (!vectors)
		panic("no memory for the program's arguments");
	random_fill(random_bytes, sizeof(random_bytes));
	uint64_t random_address = push_bytes(&stack, random_bytes, sizeof(random_bytes));
	uint64_t platform = push_string(&stack, "x86_64");
	if (!argc)
		vectors[argc++] = push_string(&stack, DEFAULT_PROGRAM_NAME);
	else
		for (unsigned i = 0; i < argc; i++)
			vectors[i] = push_string(&stack, cmdline->arguments[i]);
	uint64_t *envp = vectors + argc + 1;
	for (unsigned i = 0; i < envc; i++)
		envp[i] = push_string(&stack, cmdline->environment[i]);
	vectors[argc] = envp[envc] = 0;
	unsigned auxiliary_count =
	    fill_auxiliary_vector(auxiliary, random_address, platform, vectors[0]);

	/* argc, argv[], NULL, envp[], NULL, auxv: 16-byte aligned at argc. */
	size_t words = 1 + (argc + 1) + (envc + 1) + auxiliary_count;
	if (stack.top - stack.bottom < words * 8 + 16)
		panic("the arguments do not fit on the initial stack");
	stack.top = ALIGN_DOWN(stack.top - words * 8, 16);
	uint64_t *out = (uint64_t *)stack.top;
	*out++ = argc;
	memcpy(out, vectors, (argc + 1 + envc + 1) * 8);
	out += argc + 1 + envc + 1;
	memcpy(out, auxiliary, auxiliary_count * 8);
	heap_free(vectors);
	return stack.top;
}

static const struct cmdline *started_with;
static const char *kernel_command_line = "";

const struct cmdline *app_cmdline(void)
{
	return started_with;
}

const char *app_image_name(void)
{
	return started_with && started_with->argument_count ? started_with->arguments[0]
							    : DEFAULT_PROGRAM_NAME;
}

const char *app_image_path(void)
{
	return app_image_name();
}

const char *app_kernel_command_line(void)
{
	return kernel_command_line;
}

void app_set_kernel_command_line(const char *line)
{
	kernel_command_line = line;
}

void app_start(const struct cmdline *cmdline)
{
	started_with = cmdline;
	app_register_proc_files();
	if (cmdline->working_directory) {
		int error = vfs_change_directory(cmdline->working_directory);
		if (error) {
			pr_error("the working directory %s: %s\n", cmdline->working_directory,
				 error == -ENOTDIR ? "not a directory" : "no such directory");
			power_off(2);
		}
	}
	uint64_t top = vm_create_main_stack(STACK_MAX_SIZE);

	if (!top)
		panic("no memory for the main stack");
	uint64_t stack_pointer = build_stack(cmdline, top);
	thread_current()->stack_top = top;
	__asm__ volatile("movq %0, %%rsp\n\t"
			 "xorl %%ebp, %%ebp\n\t"
			 "xorl %%edx, %%edx\n\t"
			 "sti\n\t"
			 "jmpq *%1"
			 :
			 : "a"(stack_pointer), "c"((uint64_t)_start)
			 : "rdx", "memory");
	__builtin_unreachable();
}
