// SPDX-License-Identifier: MIT
/* Crash reports (see kernel/crash.h). The backtrace follows the frame-pointer chain: `yolk
 * build` compiles with -fno-omit-frame-pointer, and every step is checked against the memory
 * areas before it is read, so a corrupt chain ends the trace instead of faulting again. */
#include "kernel/crash.h"
#include "arch/x86_64/cpu.h"
#include "kernel/log.h"
#include "kernel/power.h"
#include "kernel/symbols.h"
#include "kernel/thread.h"
#include "lib/format.h"
#include "mm/paging.h"
#include "mm/vm.h"

#define BACKTRACE_DEPTH 32

static void print_location(const char *prefix, uint64_t address)
{
	uint64_t offset;
	const char *name = symbols_lookup(address, &offset);

	if (name)
		log_raw("%s0x%016llx %s+0x%llx\n", prefix, (unsigned long long)address, name,
			(unsigned long long)offset);
	else
		log_raw("%s0x%016llx ?\n", prefix, (unsigned long long)address);
}

void crash_walk_frames(uint64_t instruction, uint64_t frame_pointer,
		       bool (*visit)(uint64_t address, void *context), void *context)
{
	if (!visit(instruction, context))
		return;
	for (;;) {
		/* Only frames in memory already: touching a page not yet there would run the
		 * page-fault handler, and the crash may be that memory ran out. (The frame's two
		 * words may straddle a page boundary: both are looked up.) */
		if (!frame_pointer || (frame_pointer & 7) ||
		    !vm_range_allowed(frame_pointer, 16, PROT_READ) ||
		    !(paging_lookup(frame_pointer) & PAGE_PRESENT) ||
		    !(paging_lookup(frame_pointer + 8) & PAGE_PRESENT))
			return;
		const uint64_t *frame = (const uint64_t *)frame_pointer;
		uint64_t return_address = frame[1];
		if (!return_address || frame[0] <= frame_pointer)
			return;
		frame_pointer = frame[0];
		if (!visit(return_address - 1, context)) /* inside the call, not after it */
			return;
	}
}

struct backtrace_printer {
	int depth;
	uint64_t previous, repeats;
};

static bool print_frame(uint64_t address, void *context)
{
	struct backtrace_printer *printer = context;
	char prefix[16];

	/* Deep recursion: say how often a frame repeats instead of printing it again. */
	if (printer->depth > 0 && address == printer->previous) {
		printer->repeats++;
		return true;
	}
	if (printer->repeats)
		log_raw("      ... the same frame %llu more times\n",
			(unsigned long long)printer->repeats);
	printer->repeats = 0;
	printer->previous = address;
	format_snprintf(prefix, sizeof(prefix), "  #%-3d", printer->depth);
	print_location(prefix, address);
	return ++printer->depth < BACKTRACE_DEPTH;
}

void crash_print_backtrace(uint64_t instruction, uint64_t frame_pointer)
{
	struct backtrace_printer printer = {0, 0, 0};

	log_raw("backtrace:\n");
	crash_walk_frames(instruction, frame_pointer, print_frame, &printer);
	if (printer.repeats)
		log_raw("      ... the same frame %llu more times\n",
			(unsigned long long)printer.repeats);
}

static void print_registers(const struct interrupt_frame *frame)
{
	log_raw("registers:\n"
		"  rax %016llx  rbx %016llx  rcx %016llx  rdx %016llx\n"
		"  rsi %016llx  rdi %016llx  rbp %016llx  rsp %016llx\n"
		"  r8  %016llx  r9  %016llx  r10 %016llx  r11 %016llx\n"
		"  r12 %016llx  r13 %016llx  r14 %016llx  r15 %016llx\n"
		"  rip %016llx  rflags %08llx  cr2 %016llx  error %llx\n",
		(unsigned long long)frame->rax, (unsigned long long)frame->rbx,
		(unsigned long long)frame->rcx, (unsigned long long)frame->rdx,
		(unsigned long long)frame->rsi, (unsigned long long)frame->rdi,
		(unsigned long long)frame->rbp, (unsigned long long)frame->rsp,
		(unsigned long long)frame->r8, (unsigned long long)frame->r9,
		(unsigned long long)frame->r10, (unsigned long long)frame->r11,
		(unsigned long long)frame->r12, (unsigned long long)frame->r13,
		(unsigned long long)frame->r14, (unsigned long long)frame->r15,
		(unsigned long long)frame->rip, (unsigned long long)frame->rflags,
		(unsigned long long)read_cr2(), (unsigned long long)frame->error_code);
}

void crash_report(const struct interrupt_frame *frame, const char *description, int signal)
{
	uint64_t offset;
	const char *function = symbols_lookup(frame->rip, &offset);

	struct thread *thread = this_cpu()->current;

	log_raw("\n*** yolk: crash: %s\n", description);
	if (thread)
		log_raw("*** in thread %d (%s)\n", thread->id, thread->name);
	if (function)
		log_raw("*** in function %s+0x%llx\n", function, (unsigned long long)offset);
	print_registers(frame);
	crash_print_backtrace(frame->rip, frame->rbp);
	log_raw("*** exit status %d (signal %d)\n", 128 + signal, signal);
	power_off(128 + signal);
}
