// SPDX-License-Identifier: MIT
/* CPU exceptions: page faults first go to mm/vm.c (demand paging); anything not resolved there,
 * and every other exception, becomes a crash report (kernel/crash.c). */
#include "arch/x86_64/exceptions.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/interrupts.h"
#include "kernel/crash.h"
#include "kernel/log.h"
#include "kernel/signal.h"
#include "lib/format.h"
#include "mm/vm.h"

#define PAGE_FAULT_PROTECTION  0x01
#define PAGE_FAULT_WRITE       0x02
#define PAGE_FAULT_INSTRUCTION 0x10
#define STACK_OVERFLOW_REACH   65536

static const char *const exception_names[32] = {
    "divide error",
    "debug",
    "non-maskable interrupt",
    "breakpoint",
    "overflow",
    "bound range exceeded",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor segment overrun",
    "invalid TSS",
    "segment not present",
    "stack-segment fault",
    "general protection fault",
    "page fault",
    "reserved",
    "x87 floating-point exception",
    "alignment check",
    "machine check",
    "SIMD floating-point exception",
    "virtualization exception",
    "control protection exception",
};

static int exception_signal(unsigned vector)
{
	switch (vector) {
	case VECTOR_DIVIDE_ERROR:
	case VECTOR_X87_FLOATING_POINT:
	case VECTOR_SIMD_FLOATING_POINT:
		return SIGNAL_FPE;
	case VECTOR_INVALID_OPCODE:
		return SIGNAL_ILL;
	case VECTOR_DEBUG:
	case VECTOR_BREAKPOINT:
		return SIGNAL_TRAP;
	case VECTOR_ALIGNMENT_CHECK:
		return SIGNAL_BUS;
	default:
		return SIGNAL_SEGV;
	}
}

static const char *fault_reason(enum vm_fault_result result, uint64_t address)
{
	switch (result) {
	case VM_FAULT_STACK_OVERFLOW:
		return "stack overflow";
	case VM_FAULT_OUT_OF_MEMORY:
		return "out of memory";
	case VM_FAULT_PROTECTION:
		return "access not allowed";
	default:
		return address < 4096 ? "NULL pointer dereference" : "not mapped";
	}
}

/* A fault just below the stack pointer is a stack overflow, whether it hit the main stack's
 * guard gap or the PROT_NONE guard page musl puts under a thread's stack. */
static bool near_stack_pointer(uint64_t address, const struct interrupt_frame *frame)
{
	return address < frame->rsp + 4096 && address + STACK_OVERFLOW_REACH > frame->rsp;
}

static void page_fault(struct interrupt_frame *frame)
{
	static int depth;
	uint64_t address = read_cr2();
	bool write = frame->error_code & PAGE_FAULT_WRITE;
	bool execute = frame->error_code & PAGE_FAULT_INSTRUCTION;
	char description[160];

	if (depth++ == 0) {
		enum vm_fault_result result = vm_handle_fault(address, write, execute);
		if (result == VM_FAULT_RESOLVED) {
			depth--;
			return;
		}
		if ((result == VM_FAULT_UNMAPPED || result == VM_FAULT_PROTECTION) &&
		    near_stack_pointer(address, frame))
			result = VM_FAULT_STACK_OVERFLOW;
		if (result != VM_FAULT_OUT_OF_MEMORY && result != VM_FAULT_STACK_OVERFLOW &&
		    signal_deliver_fault(frame, SIGNAL_SEGV,
					 result == VM_FAULT_PROTECTION ? SEGV_ACCERR : SEGV_MAPERR,
					 address)) {
			depth--;
			return;
		}
		format_snprintf(description, sizeof(description),
				"page fault at address 0x%llx (%s) %s", (unsigned long long)address,
				fault_reason(result, address),
				execute ? "executing"
				: write ? "writing"
					: "reading");
		crash_report(frame, description,
			     result == VM_FAULT_OUT_OF_MEMORY ? SIGNAL_KILL : SIGNAL_SEGV);
	}
	format_snprintf(description, sizeof(description),
			"page fault at 0x%llx inside the "
			"page-fault handler",
			(unsigned long long)address);
	crash_report(frame, description, SIGNAL_SEGV);
}

static void other_exception(struct interrupt_frame *frame)
{
	char description[96];

	if (signal_deliver_fault(frame, exception_signal(frame->vector), SEGV_MAPERR, frame->rip))
		return;
	const char *name = exception_names[frame->vector & 31];

	format_snprintf(description, sizeof(description), "%s (exception %llu)",
			name ? name : "exception", (unsigned long long)frame->vector);
	crash_report(frame, description, exception_signal(frame->vector));
}

void trap_unhandled(struct interrupt_frame *frame)
{
	if (frame->vector < VECTOR_FIRST_IRQ)
		other_exception(frame);
	else
		pr_warn("unexpected interrupt on vector %llu\n", (unsigned long long)frame->vector);
}

void exceptions_init(void)
{
	for (unsigned vector = 0; vector < VECTOR_FIRST_IRQ; vector++)
		interrupt_set_handler(vector, other_exception);
	interrupt_set_handler(VECTOR_PAGE_FAULT, page_fault);
}
