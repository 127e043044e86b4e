/* SPDX-License-Identifier: MIT */
/* The IDT: every vector enters through arch/x86_64/traps.S on an IST stack (ring 0 has no stack
 * switch of its own, and the application keeps a red zone below its RSP), saves the general
 * registers into a struct interrupt_frame and calls the handler registered for the vector. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

/* Layout shared with traps.S. */
struct interrupt_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

#define VECTOR_DIVIDE_ERROR	    0
#define VECTOR_DEBUG		    1
#define VECTOR_NMI		    2
#define VECTOR_BREAKPOINT	    3
#define VECTOR_INVALID_OPCODE	    6
#define VECTOR_DEVICE_NOT_AVAILABLE 7
#define VECTOR_DOUBLE_FAULT	    8
#define VECTOR_GENERAL_PROTECTION   13
#define VECTOR_PAGE_FAULT	    14
#define VECTOR_X87_FLOATING_POINT   16
#define VECTOR_ALIGNMENT_CHECK	    17
#define VECTOR_MACHINE_CHECK	    18
#define VECTOR_SIMD_FLOATING_POINT  19
#define VECTOR_FIRST_IRQ	    32
#define VECTOR_RESCHEDULE	    0x81 /* raised by a thread that blocks or yields */
#define VECTOR_SPURIOUS		    255

/* IST slots in the TSS (1-based, as the IDT encodes them). */
enum interrupt_stack {
	IST_PAGE_FAULT = 1,
	IST_DOUBLE_FAULT = 2,
	IST_NMI = 3,
	IST_MACHINE_CHECK = 4,
	IST_EXCEPTION = 5,
	IST_IRQ = 6,
};

void idt_init(void);
void interrupt_set_handler(unsigned vector, void (*handler)(struct interrupt_frame *frame));
/* Called by traps.S. */
void interrupt_dispatch(struct interrupt_frame *frame);
/* True when FRAME interrupted kernel code run by a thread: a system call (see
 * interrupt_dispatch). */
bool interrupt_in_system_call(const struct interrupt_frame *frame);
/* Runs the device interrupt deferred by the soft interrupt mask, if one was; interrupts off.
 * Returns whether there was one. */
bool interrupt_replay_deferred(void);
