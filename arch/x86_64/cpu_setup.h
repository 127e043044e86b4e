/* SPDX-License-Identifier: MIT */
/* Boot-CPU setup and the per-CPU block reached through GS.base. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct thread;
struct syscall_frame;

struct cpu_local {
	struct cpu_local *self;		     /* %gs:0 */
	struct thread *current;		     /* %gs:8 */
	struct syscall_frame *syscall_frame; /* %gs:16, set by syscall_entry.S */
	uint64_t signal_stack_top;	     /* %gs:24: where signal delivery runs */
	uint8_t signal_pending;		     /* %gs:32: the current thread has one to take */
	/* Work for the system call's exit, which tests this byte with signal_pending in one
	 * compare: CPU_EXIT_INTERRUPT, a device interrupt that came while the call ran with
	 * interrupts on (see interrupt_dispatch), kept for the exit (interrupt_replay_deferred);
	 * CPU_EXIT_RESCHEDULE, the call woke a thread that must run before it continues;
	 * CPU_EXIT_ENABLE, the deferral turned interrupts off for the rest of the call, and the
	 * exit turns them on again. That one belongs to the thread (the deferred interrupt may run
	 * sooner, where the call blocks), so the scheduler keeps it with the thread meanwhile. */
	uint8_t interrupt_deferred; /* %gs:33 */
	uint8_t deferred_vector;
	struct thread *idle;
	unsigned index;
	bool need_reschedule;
};

#define CPU_EXIT_INTERRUPT  1
#define CPU_EXIT_RESCHEDULE 2
#define CPU_EXIT_ENABLE	    4

static inline struct cpu_local *this_cpu(void)
{
	struct cpu_local *cpu;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(cpu));
	return cpu;
}

void cpu_setup(void);
/* FS.base: the thread pointer (musl's TLS), set by arch_prctl(ARCH_SET_FS). */
void cpu_set_thread_pointer(uint64_t fs_base);
uint64_t cpu_get_thread_pointer(void);
/* The size and alignment-64 layout of one thread's FPU/SSE/AVX state, and saving it. */
uint32_t cpu_fpu_state_size(void);
void cpu_fpu_save(void *area);
void cpu_fpu_restore(const void *area);

/* The FPU's control words, which the System V ABI has callee-saved (MXCSR's control bits, the
 * x87 control word): all of a thread's FPU state that a function call keeps. */
struct fpu_control {
	uint32_t mxcsr;
	uint16_t x87_control;
};

void cpu_fpu_save_control(struct fpu_control *control);
void cpu_fpu_restore_control(const struct fpu_control *control);
/* The hypervisor's name from CPUID leaf 0x40000000 ("TCGTCGTCGTCG", "KVMKVMKVM"; "" on
 * hardware) into NAME, and the highest hypervisor leaf (0 without one). */
uint32_t cpu_hypervisor(char name[13]);
