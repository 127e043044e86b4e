/* SPDX-License-Identifier: MIT */
/* Signals: dispositions shared by all threads, a blocked mask and pending set per thread, and
 * a pending set for the program (kill). A signal is taken when its thread returns from a
 * system call (arch/x86_64/syscall_entry.S), from an interrupt or from preemption: the handler
 * runs on a Linux-compatible frame (struct rt_sigframe), so musl's handlers, sigsetjmp and
 * siglongjmp work, and rt_sigreturn resumes where the thread was. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/interrupts.h"
#include "arch/x86_64/syscall_frame.h"
#include "include/uapi/linux.h"
#include "kernel/compiler.h"

struct thread;
struct signal_alternate_stack;

#define SIGNAL_ALARM 14

int signal_set_action(int signal, const struct linux_sigaction *action,
		      struct linux_sigaction *old_action);
/* how: 0 block, 1 unblock, 2 set; for the current thread. */
int signal_change_mask(int how, const uint64_t *set, uint64_t *old_set);
/* To one thread (tkill, tgkill, timers with SIGEV_THREAD_ID) or to the program (kill). */
int signal_send_to_thread(struct thread *thread, int signal);
int signal_send_to_program(int signal);
/* To a process group (kill with a negative pid, a terminal's ^C): one of its threads. */
int signal_send_to_group(int group, int signal);
/* True when `thread` has a signal that should end its wait. */
bool signal_interrupts(const struct thread *thread);
/* Between these two (nested, on the current thread) signals end none of its waits: they stay
 * pending until the call returns. For a wait that must not be left halfway, a 9P request sent
 * and not yet answered; bound such a wait with a deadline. */
void signal_hold(void);
void signal_release(void);
/* Recomputes the per-CPU "current thread has a signal to take" flag. */
void signal_update_pending_flag(void);
/* Redirects an interrupt frame returning to the application into a handler, if a signal is
 * to be taken (or ends the program for a default action). */
void signal_deliver_from_interrupt(struct interrupt_frame *frame);
/* A synchronous fault (page fault, invalid opcode, ...) in the application: true when a
 * handler was set up in `frame`, false when the caller should report the crash. `code` is
 * si_code (SEGV_ACCERR for a page whose protection forbids the access, SEGV_MAPERR else). */
bool signal_deliver_fault(struct interrupt_frame *frame, int signal, int code, uint64_t address);
/* Called by syscall_entry.S on the per-CPU signal stack. */
__noreturn void signal_deliver_from_syscall(const struct syscall_frame *frame, long result);
__noreturn void signal_return(const struct syscall_frame *frame);
/* What yolk_syscall (the direct entry) saved before taking a signal: the callee-saved
 * registers, then the caller's return address right above them. */
struct direct_frame {
	uint64_t r15, r14, r13, r12, rbx, rbp;
};
__noreturn void signal_deliver_from_direct_call(const struct direct_frame *frame, long result);
/* rt_sigtimedwait: the number of a pending signal in `set`, -EAGAIN at the deadline. */
int signal_wait(uint64_t set, struct linux_siginfo *info, uint64_t deadline_ns);
/* rt_sigsuspend and pause: wait with `mask` blocked until a handler has run; -EINTR. */
int signal_suspend(const uint64_t *mask);
int signal_alternate_stack(const struct signal_alternate_stack *new_stack,
			   struct signal_alternate_stack *old_stack, uint64_t stack_pointer);
/* For a call that waits and would be restarted after a handler on Linux (SA_RESTART: read and
 * write on pipes, eventfds, console ports): runs the handlers with SA_RESTART of the signals
 * that interrupted the wait, right there (kernel/signal.c). True when the caller may wait
 * again, false when it must return -EINTR (a signal without SA_RESTART is pending). */
bool signal_run_restarting_handlers(void);
/* wait_queue_sleep, with signal_run_restarting_handlers when a signal interrupts it: then 0,
 * as if woken (the caller checks its condition and waits again), or -EINTR. */
struct wait_queue;
int wait_queue_sleep_restartable(struct wait_queue *queue, uint64_t deadline_ns);
/* Calls `handler` as a C function with a 16-byte-aligned stack (arch/x86_64/syscall_entry.S). */
void arch_call_signal_handler(uint64_t handler, int signal, void *info, void *context);
/* Loads every register of `frame` and returns to it (arch/x86_64/syscall_entry.S). */
__noreturn void arch_resume(const struct interrupt_frame *frame);
