// SPDX-License-Identifier: MIT
/* The scheduler's /proc files (registered by scheduler_init): uptime, loadavg, stat, and
 * threads and stacks, Yolk's own table of threads and their symbolized stacks. */
#include "arch/x86_64/cpu_setup.h"
#include "arch/x86_64/syscall_frame.h"
#include "fs/procfs.h"
#include "kernel/crash.h"
#include "kernel/symbols.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/vm.h"

static const char states[] = {
    [THREAD_RUNNABLE] = 'R', [THREAD_RUNNING] = 'R', [THREAD_BLOCKED] = 'S', [THREAD_DEAD] = 'Z'};

static void add_seconds(struct procfs_text *text, uint64_t ns)
{
	procfs_printf(text, "%llu.%02llu", (unsigned long long)(ns / NANOSECONDS_PER_SECOND),
		      (unsigned long long)(ns % NANOSECONDS_PER_SECOND / 10000000));
}

static void generate_uptime(struct procfs_text *text, void *context)
{
	uint64_t up = time_monotonic_ns();

	(void)context;
	add_seconds(text, up);
	procfs_printf(text, " ");
	add_seconds(text, up - MIN(up, scheduler_cpu_time_ns(true)));
	procfs_printf(text, "\n");
}

static void generate_loadavg(struct procfs_text *text, void *context)
{
	(void)context;
	procfs_printf(text, "0.00 0.00 0.00 1/%u 1\n", scheduler_thread_count());
}

static void generate_stat(struct procfs_text *text, void *context)
{
	uint64_t ticks_ns = NANOSECONDS_PER_SECOND / 100;
	uint64_t busy = scheduler_cpu_time_ns(true) / ticks_ns;
	uint64_t total = time_monotonic_ns() / ticks_ns;
	uint64_t idle = total > busy ? total - busy : 0;

	(void)context;
	procfs_printf(text,
		      "cpu  %llu 0 0 %llu 0 0 0 0 0 0\ncpu0 %llu 0 0 %llu 0 0 0 0 0 0\n"
		      "ctxt %llu\nbtime %llu\nprocesses 1\nprocs_running 1\nprocs_blocked 0\n",
		      (unsigned long long)busy, (unsigned long long)idle, (unsigned long long)busy,
		      (unsigned long long)idle, (unsigned long long)scheduler_context_switches(),
		      (unsigned long long)((time_realtime_ns() - time_monotonic_ns()) /
					   NANOSECONDS_PER_SECOND));
}

/* /proc/threads (there are no processes, so no /proc/PID for each thread): a header, then one
 * line per thread, the columns ps and top show. Stack use is from the thread's saved stack
 * pointer to the top of the memory area it is in. */
static void add_thread(const struct thread *thread, void *context)
{
	const struct vm_area *stack = vm_find(thread->context.rsp);
	uint64_t stack_used = stack ? stack->end - thread->context.rsp : 0;

	procfs_printf(context, "%5d %c %3d %12llu %8llu %s\n", thread->id, states[thread->state],
		      thread->priority, (unsigned long long)thread->cpu_time_ns,
		      (unsigned long long)stack_used, thread->name);
}

static void generate_threads(struct procfs_text *text, void *context)
{
	(void)context;
	procfs_printf(text, "  TID S PRI  CPU_TIME_NS STACK_BYTES NAME\n");
	scheduler_for_each_thread(add_thread, text);
}

/* /proc/stacks: each thread's header line (as in /proc/threads: TID, state, CPU time, name),
 * its stack from where it last stopped (for the thread reading, here), one frame a line,
 * symbolized, and an empty line. What ps's STACK is to memory, this is to code: pstack and
 * httpd's /debug/threads read it. */
#define STACK_DEPTH 32

struct stack_lines {
	struct procfs_text *text;
	int depth;
	bool at_trap_entry; /* the last frame was syscall_entry's: the program's frames follow */
};

static bool add_frame(uint64_t address, void *context)
{
	struct stack_lines *lines = context;
	uint64_t offset;
	const char *name = symbols_lookup(address, &offset);

	lines->at_trap_entry = name && !strcmp(name, "syscall_entry");
	if (name)
		procfs_printf(lines->text, "  #%-2d 0x%016llx %s+0x%llx\n", lines->depth,
			      (unsigned long long)address, name, (unsigned long long)offset);
	else
		procfs_printf(lines->text, "  #%-2d 0x%016llx ?\n", lines->depth,
			      (unsigned long long)address);
	return ++lines->depth < STACK_DEPTH;
}

/* A call through the trap (Debian's libc) leaves the frame chain at the entry, which keeps the
 * caller's RIP and the address of its saved RBP in the system call's frame: the walk goes on
 * from there, into the program. */
static void add_stack(const struct thread *thread, void *context)
{
	struct stack_lines lines = {context, 0, false};
	const struct syscall_frame *trap =
	    thread == thread_current() ? this_cpu()->syscall_frame : thread->syscall_frame;

	procfs_printf(context, "%d %c %llu %s\n", thread->id, states[thread->state],
		      (unsigned long long)thread->cpu_time_ns, thread->name);
	if (thread == thread_current())
		crash_walk_frames((uint64_t)add_stack, (uint64_t)__builtin_frame_address(0),
				  add_frame, &lines);
	else if (thread->state != THREAD_DEAD)
		crash_walk_frames(thread->context.rip, thread->context.rbp, add_frame, &lines);
	if (lines.at_trap_entry && trap && lines.depth < STACK_DEPTH &&
	    vm_range_allowed(trap->entry_rbp, 8, PROT_READ))
		crash_walk_frames(trap->rip, *(const uint64_t *)trap->entry_rbp, add_frame, &lines);
	procfs_printf(context, "\n");
}

static void generate_stacks(struct procfs_text *text, void *context)
{
	(void)context;
	scheduler_for_each_thread(add_stack, text);
}

void scheduler_register_proc_files(void)
{
	procfs_register_file("uptime", generate_uptime, NULL);
	procfs_register_file("loadavg", generate_loadavg, NULL);
	procfs_register_file("stat", generate_stat, NULL);
	procfs_register_file("threads", generate_threads, NULL);
	procfs_register_file("stacks", generate_stacks, NULL);
}
