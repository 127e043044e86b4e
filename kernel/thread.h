/* SPDX-License-Identifier: MIT */
/* Kernel threads: the only unit of execution. The application's pthreads are threads made by
 * clone(); the first thread is the boot context, which becomes main(). A thread that is not
 * running keeps its registers as a struct interrupt_frame, its FPU/SSE/AVX state and its
 * FS.base; switching is copying those in and out of the interrupt frame being returned to
 * (kernel/scheduler.c), so every switch goes through an interrupt return. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/cpu_setup.h"
#include "arch/x86_64/interrupts.h"
#include "kernel/compiler.h"
#include "lib/list.h"

#define THREAD_NAME_SIZE	16
#define THREAD_PRIORITIES	4
#define THREAD_DEFAULT_PRIORITY 2

enum thread_state {
	THREAD_RUNNABLE,
	THREAD_RUNNING,
	THREAD_BLOCKED,
	THREAD_DEAD,
};

/* A deadline with a function to call then (in interrupt context, interrupts off). */
struct kernel_timer {
	uint64_t deadline_ns; /* 0: not armed */
	void (*expire)(struct kernel_timer *timer);
	struct list_node node;
};

struct signal_alternate_stack {
	uint64_t base;
	int flags;
	uint64_t size;
};

struct thread {
	int id;
	char name[THREAD_NAME_SIZE];
	enum thread_state state;
	int priority; /* 0 lowest .. THREAD_PRIORITIES - 1 */
	bool frozen;  /* not run until thawed (scheduler_freeze) */
	struct interrupt_frame context;
	/* The FPU state while switched out: the whole register set (fpu_state, 64-byte aligned,
	 * cpu_fpu_state_size() bytes, allocated when first needed) when the thread was preempted
	 * or blocked in a call through the trap, which keeps every register; only the control
	 * words when it blocked in a direct call, which like any function call lets the vector
	 * registers change. So a thread that only ever waits in direct calls (a parked routine)
	 * has no save area, and switching to and from it costs no XSAVE. */
	void *fpu_state;
	void *fpu_allocation;
	bool fpu_state_saved; /* fpu_state holds the registers (else fpu_control alone counts) */
	struct fpu_control fpu_control;
	uint64_t fs_base;
	/* cpu_local's syscall_frame while switched out: set only in a call through the trap. */
	struct syscall_frame *syscall_frame;
	/* cpu_local's CPU_EXIT_ENABLE while switched out: it blocked in a call that runs with
	 * interrupts off since one was deferred, and that call's exit turns them on. */
	bool interrupts_off_until_exit;
	uint64_t cpu_time_ns;
	uint64_t started_ns;	     /* when it last got the CPU */
	struct list_node queue_node; /* in the run queue or in one wait queue */
	struct list_node all_node;   /* in the thread table */
	struct kernel_timer timeout; /* wakes it with -ETIMEDOUT */
	int wait_result;	     /* set by whoever woke it: 0, -ETIMEDOUT, -EINTR */
	uint64_t signals_blocked, signals_pending;
	uint64_t signals_waited;     /* rt_sigtimedwait: these wake it even when blocked */
	uint64_t signals_saved_mask; /* rt_sigsuspend: the mask to restore after the handler */
	bool signals_mask_saved;
	unsigned signals_held;	     /* > 0: signals stay pending and end none of its waits */
	uint64_t signals_from_timer; /* pending signals a timer sent (si_code SI_TIMER) */
	struct signal_alternate_stack alternate_stack;
	int *clear_child_tid; /* written 0 and futex-woken at exit */
	void *robust_list;
	uint64_t unmap_start, unmap_length; /* its own stack, freed once it has left it */
	void *kernel_stack;		    /* kernel threads only */
	uint64_t stack_top;		    /* where its stack started, for the stack-use figure */
	uintptr_t futex_key;		    /* the futex it waits on, 0 if none */
	uint32_t futex_bitset;
	/* Job control, per thread since there is one process (sys/process_group.c): the
	 * process group and session it belongs to, inherited by the threads it makes. */
	int process_group, session;
	struct fs_context *fs_context; /* its working directory (fs/path.c); NULL: the first */
};

static inline struct thread *thread_current(void)
{
	return this_cpu()->current;
}

/* Starts the scheduler: the caller becomes thread 1 ("main"), an idle thread is made, and the
 * local APIC timer drives sleeps and time slices. */
void scheduler_init(void);
/* Registers the scheduler's /proc files (kernel/scheduler_proc.c). */
void scheduler_register_proc_files(void);
/* A new runnable thread that will start from `context` (a copy is taken); NULL without memory. */
struct thread *thread_create(const struct interrupt_frame *context, const char *name);
/* Ends the current thread; when it was the last, the program exits with `status`. */
__noreturn void thread_exit(int status);

/* Gives the CPU to another runnable thread of the same or higher priority, if any. */
void scheduler_yield(void);
/* The exit of a soft-masked system call that found work there (interrupts off): runs a
 * deferred interrupt, and yields when it or the call made another thread due to run first
 * (a woken thread of higher priority runs now, not at the next tick). */
void scheduler_finish_system_call(void);
/* Blocks the current thread until scheduler_wake() or the deadline (monotonic ns, 0 = none).
 * Called with interrupts disabled, after the thread has been put on the list its waker will
 * find it on; returns the wait result. */
int scheduler_block(uint64_t deadline_ns);
/* Makes a blocked thread runnable with `result` as its wait result; removes it from whatever
 * wait queue and from the sleep list. */
void scheduler_wake(struct thread *thread, int result);
/* Sleeps until the deadline (monotonic ns): 0, or -EINTR when a signal came first. */
int scheduler_sleep_until(uint64_t deadline_ns);
/* Arms a timer (replacing an earlier deadline) or disarms it. Interrupts off or on. */
void kernel_timer_start(struct kernel_timer *timer, uint64_t deadline_ns);
void kernel_timer_cancel(struct kernel_timer *timer);
/* The live thread with this id, or NULL. */
struct thread *thread_find(int id);
/* The live thread whose thread pointer (FS base: pthread_self()) this is, or NULL. */
struct thread *thread_find_by_thread_pointer(uint64_t thread_pointer);
/* Freezing another thread (sys/thread_freeze.c): it is not run until thawed. One that waits
 * goes on waiting; one that becomes runnable meanwhile waits on a list of its own, off the run
 * queues. Not the current thread, not one already frozen; thawing makes it runnable again if
 * it was. Interrupts off. */
void scheduler_freeze(struct thread *thread);
void scheduler_thaw(struct thread *thread);
/* The session of a live thread in process group `group`, or 0 when the group has none. */
int thread_group_session(int group);
/* Called at the end of every interrupt: switches threads if one should run now. */
void scheduler_interrupt_exit(struct interrupt_frame *frame);
/* CPU time of the current thread, or of all the program's threads (the idle thread is not one
 * of them). */
uint64_t scheduler_cpu_time_ns(bool whole_program);
/* Switches from one thread to another since boot (the idle thread's included, as Linux's). */
uint64_t scheduler_context_switches(void);
/* Number of live threads (not counting the idle thread). */
unsigned scheduler_thread_count(void);
/* Bytes of stack a thread not running was using when it last stopped (0 when unknown). */
uint64_t thread_stack_use(const struct thread *thread);
/* Calls visit() for every live thread, with interrupts off (for ps-like tools: name, state,
 * CPU time, stack use). */
void scheduler_for_each_thread(void (*visit)(const struct thread *thread, void *context),
			       void *context);

/* A list of threads waiting for something. */
struct wait_queue {
	struct list_node waiters;
};

void wait_queue_init(struct wait_queue *queue);
/* Blocks the current thread on the queue (interrupts disabled by the caller). */
int wait_queue_sleep(struct wait_queue *queue, uint64_t deadline_ns);
/* Wakes up to `count` waiters, oldest first; returns how many. */
unsigned wait_queue_wake(struct wait_queue *queue, unsigned count);
