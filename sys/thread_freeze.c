// SPDX-License-Identifier: MIT
/* Freezing and thawing the program's other threads: Yolk's prctl options PR_YOLK_FREEZE_THREADS
 * and PR_YOLK_THAW_THREADS (include/yolk/thread_freeze.h has the contract), which a garbage
 * collector uses to stop the world without a signal to each thread (docs/gc.md). On one CPU
 * the others are all switched out, their registers saved by the scheduler: freezing takes them
 * off the run queues and hands those registers over. */
#include "sys/syscalls.h"
#include "arch/x86_64/cpu.h"
#include "include/uapi/errno.h"
#include "include/yolk/thread_freeze.h"
#include "kernel/thread.h"
#include "sys/user_memory.h"

/* Where XSAVE and FXSAVE put XMM0-XMM15 (the legacy region). */
#define FPU_STATE_XMM_OFFSET 160

static void report_registers(const struct thread *thread, struct yolk_frozen_thread *report)
{
	const struct interrupt_frame *frame = &thread->context;
	const uint64_t registers[16] = {
	    frame->rax, frame->rbx, frame->rcx, frame->rdx, frame->rsi, frame->rdi,
	    frame->rbp, frame->r8,  frame->r9,	frame->r10, frame->r11, frame->r12,
	    frame->r13, frame->r14, frame->r15, frame->rip,
	};

	report->stack_pointer = frame->rsp;
	__builtin_memcpy(report->registers, registers, sizeof(registers));
	if (thread->fpu_state_saved)
		__builtin_memcpy(report->vector_registers,
				 (const char *)thread->fpu_state + FPU_STATE_XMM_OFFSET,
				 sizeof(report->vector_registers));
	else
		__builtin_memset(report->vector_registers, 0, sizeof(report->vector_registers));
}

/* The thread entry INDEX names: 0, -EFAULT, -ESRCH, or -EINVAL for the caller. */
static long listed_thread(struct yolk_frozen_thread *user, unsigned long index,
			  struct thread **result)
{
	uint64_t pointer;

	if (copy_from_user(&pointer, &user[index].thread_pointer, sizeof(pointer)))
		return -EFAULT;
	struct thread *thread = thread_find_by_thread_pointer(pointer);
	if (!thread)
		return -ESRCH;
	if (thread == thread_current())
		return -EINVAL;
	*result = thread;
	return 0;
}

static long freeze(struct yolk_frozen_thread *user, unsigned long count)
{
	unsigned long frozen = 0;
	long error = 0;

	for (; frozen < count; frozen++) {
		struct thread *thread;
		struct yolk_frozen_thread report;
		if ((error = listed_thread(user, frozen, &thread)))
			break;
		if (thread->frozen) {
			error = -EBUSY;
			break;
		}
		report.thread_pointer = user[frozen].thread_pointer;
		report_registers(thread, &report);
		if ((error = copy_to_user(&user[frozen], &report, sizeof(report))))
			break;
		scheduler_freeze(thread);
	}
	if (!error)
		return 0;
	while (frozen-- > 0) { /* none stays frozen */
		struct thread *thread;
		if (!listed_thread(user, frozen, &thread))
			scheduler_thaw(thread);
	}
	return error;
}

static long thaw(struct yolk_frozen_thread *user, unsigned long count)
{
	struct thread *thread;
	long error;

	for (unsigned long index = 0; index < count; index++) {
		if ((error = listed_thread(user, index, &thread)))
			return error;
		if (!thread->frozen)
			return -EBUSY;
	}
	for (unsigned long index = 0; index < count; index++)
		if (!listed_thread(user, index, &thread))
			scheduler_thaw(thread);
	return 0;
}

long thread_freeze_prctl(int option, unsigned long threads, unsigned long count)
{
	struct yolk_frozen_thread *user = (struct yolk_frozen_thread *)threads;

	if (count == 0 || count > YOLK_FREEZE_MAX_THREADS)
		return -EINVAL;
	size_t size = count * sizeof(*user);
	if (option == PR_YOLK_FREEZE_THREADS ? !user_writable(user, size)
					     : !user_readable(user, size))
		return -EFAULT;
	uint64_t flags = interrupts_save();
	long result = option == PR_YOLK_FREEZE_THREADS ? freeze(user, count) : thaw(user, count);
	interrupts_restore(flags);
	return result;
}
