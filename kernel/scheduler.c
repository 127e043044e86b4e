// SPDX-License-Identifier: MIT
/* Preemptive priority round-robin over threads (see kernel/thread.h). One run queue per
 * priority; the local APIC timer is programmed one-shot for the nearer of the first sleeper's
 * deadline and the end of the running thread's slice (the slice only when another thread is
 * waiting to run), so an idle machine takes no timer interrupts.
 * Switching happens only at the end of an interrupt: a thread that blocks raises
 * VECTOR_RESCHEDULE itself. Cost budget: two 176-byte frame copies, an FPU save and restore,
 * an MSR write. */
#include "arch/x86_64/selectors.h"
#include "kernel/compiler.h"
#include "kernel/thread.h"
#include "arch/x86_64/cpu.h"
#include "drivers/interrupt/irq.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/vm.h"

#define TIME_SLICE_NS	  10000000ull
#define KERNEL_STACK_SIZE 8192

static struct list_node run_queues[THREAD_PRIORITIES];
static struct list_node timers = LIST_INIT(timers); /* armed kernel timers, by deadline */
static struct list_node all_threads = LIST_INIT(all_threads);
static struct list_node frozen_runnable = LIST_INIT(frozen_runnable); /* off the run queues */
static unsigned live_threads;
static int next_thread_id = 1;
static uint64_t slice_end_ns;
static uint64_t context_switches; /* /proc/stat's ctxt */
static struct cpu_local *cpu;

static bool anything_runnable(int at_least_priority)
{
	for (int priority = THREAD_PRIORITIES - 1; priority >= at_least_priority; priority--)
		if (!list_empty(&run_queues[priority]))
			return true;
	return false;
}

static void enqueue(struct thread *thread)
{
	thread->state = THREAD_RUNNABLE;
	list_add_tail(thread->frozen ? &frozen_runnable : &run_queues[thread->priority],
		      &thread->queue_node);
}

static struct thread *dequeue_next(void)
{
	for (int priority = THREAD_PRIORITIES - 1; priority >= 0; priority--) {
		struct list_node *node = list_pop_head(&run_queues[priority]);
		if (node)
			return list_entry(node, struct thread, queue_node);
	}
	return cpu->idle;
}

/* Whenever the set of runnable threads or of timers changes: a thread that has the CPU while
 * another waits must be interrupted at its slice's end, or the other would wait for it to block. */
static void program_timer(void)
{
	uint64_t next = 0;

	if (!list_empty(&timers))
		next = list_entry(timers.next, struct kernel_timer, node)->deadline_ns;
	if (cpu->current != cpu->idle && anything_runnable(0) && (!next || slice_end_ns < next))
		next = slice_end_ns;
	time_arm_timer(next); /* 0: nothing to wait for, tickless */
}

void kernel_timer_cancel(struct kernel_timer *timer)
{
	uint64_t flags = interrupts_save();

	if (timer->deadline_ns) {
		list_remove(&timer->node);
		timer->deadline_ns = 0;
	}
	interrupts_restore(flags);
}

void kernel_timer_start(struct kernel_timer *timer, uint64_t deadline_ns)
{
	uint64_t flags = interrupts_save();
	struct list_node *node;

	kernel_timer_cancel(timer);
	if (deadline_ns) {
		timer->deadline_ns = deadline_ns;
		list_for_each(
		    node, &timers) if (list_entry(node, struct kernel_timer, node)->deadline_ns >
				       deadline_ns) break;
		list_insert_before(node, &timer->node);
		if (cpu)
			program_timer();
	}
	interrupts_restore(flags);
}

static void reap(struct thread *thread)
{
	if (thread->unmap_length)
		vm_unmap(thread->unmap_start, thread->unmap_length);
	list_remove(&thread->all_node);
	heap_free(thread->fpu_allocation);
	heap_free(thread);
}

/* The thread's FPU save area, allocated the first time it needs one; NULL when memory is out. */
static void *fpu_area(struct thread *thread)
{
	if (!thread->fpu_state) {
		/* Zeroed: XRSTOR faults on a header whose reserved bytes XSAVE never writes. */
		thread->fpu_allocation = heap_alloc_zeroed(cpu_fpu_state_size() + 63);
		if (thread->fpu_allocation)
			thread->fpu_state = (void *)ALIGN_UP((uintptr_t)thread->fpu_allocation, 64);
	}
	return thread->fpu_state;
}

/* Keeps what PREVIOUS's way of leaving the CPU requires of its FPU state (see struct thread):
 * the control words after a block in a direct call, everything otherwise. The idle thread
 * never uses the FPU. */
static void save_fpu(struct thread *previous, bool voluntary)
{
	previous->fpu_state_saved = false;
	if (previous == cpu->idle)
		return;
	cpu_fpu_save_control(&previous->fpu_control);
	if (voluntary && !cpu->syscall_frame)
		return;
	if (!fpu_area(previous)) {
		/* Only a call through the trap gets here (a preemption waits for memory). */
		static bool warned;

		if (!warned)
			pr_warn("out of memory for thread %d's FPU state: its vector registers are "
				"not kept across this system call\n",
				previous->id);
		warned = true;
		return;
	}
	cpu_fpu_save(previous->fpu_state);
	previous->fpu_state_saved = true;
}

static void restore_fpu(const struct thread *next)
{
	if (next->fpu_state_saved)
		cpu_fpu_restore(next->fpu_state);
	else if (next != cpu->idle)
		cpu_fpu_restore_control(&next->fpu_control);
}

static void switch_to(struct interrupt_frame *frame, struct thread *next, bool voluntary)
{
	struct thread *previous = cpu->current;
	uint64_t now = time_monotonic_ns();

	previous->cpu_time_ns += now - previous->started_ns;
	context_switches++;
	if (previous->state == THREAD_DEAD) {
		reap(previous);
	} else {
		previous->context = *frame;
		save_fpu(previous, voluntary);
		previous->fs_base = cpu_get_thread_pointer();
		previous->syscall_frame = cpu->syscall_frame;
		previous->interrupts_off_until_exit = cpu->interrupt_deferred & CPU_EXIT_ENABLE;
		if (previous->state == THREAD_RUNNING && previous != cpu->idle)
			enqueue(previous);
	}
	restore_fpu(next);
	cpu_set_thread_pointer(next->fs_base);
	cpu->syscall_frame = next->syscall_frame;
	cpu->interrupt_deferred =
	    (uint8_t)((cpu->interrupt_deferred & ~CPU_EXIT_ENABLE) |
		      (next->interrupts_off_until_exit ? CPU_EXIT_ENABLE : 0));
	*frame = next->context;
	next->state = THREAD_RUNNING;
	next->started_ns = now;
	cpu->current = next;
	slice_end_ns = now + TIME_SLICE_NS;
}

static void run_expired_timers(uint64_t now)
{
	while (!list_empty(&timers)) {
		struct kernel_timer *timer = list_entry(timers.next, struct kernel_timer, node);
		if (timer->deadline_ns > now)
			break;
		list_remove(&timer->node);
		timer->deadline_ns = 0;
		timer->expire(timer);
	}
}

static void thread_timed_out(struct kernel_timer *timer)
{
	scheduler_wake(container_of(timer, struct thread, timeout), -ETIMEDOUT);
}

void scheduler_interrupt_exit(struct interrupt_frame *frame)
{
	bool voluntary = frame->vector == VECTOR_RESCHEDULE;

	if (!cpu)
		return;
	/* Only where the interrupted code could have been interrupted anyway: an exception in a
	 * system call (soft-masked or with interrupts off) returns to it as it was. */
	if (!voluntary && (!(frame->rflags & RFLAGS_IF) || interrupt_in_system_call(frame)))
		return;
	/* A thread that blocks or yields first lets a deferred interrupt in: it may wake the very
	 * thread that is blocking. */
	if (voluntary)
		interrupt_replay_deferred();
	uint64_t now = time_monotonic_ns();
	struct thread *current = cpu->current;
	bool slice_over = now >= slice_end_ns;
	if (voluntary || current == cpu->idle || cpu->need_reschedule ||
	    (slice_over && anything_runnable(current->priority))) {
		cpu->need_reschedule = false;
		cpu->interrupt_deferred &= (uint8_t)~CPU_EXIT_RESCHEDULE;
		/* A running thread keeps the CPU when nothing else waits, or when it is preempted
		 * and there is no memory to save its vector registers in. */
		if (current->state == THREAD_RUNNING && current != cpu->idle &&
		    (!anything_runnable(current->priority) || (!voluntary && !fpu_area(current))))
			slice_end_ns = now + TIME_SLICE_NS;
		else
			switch_to(frame, dequeue_next(), voluntary);
	}
	program_timer();
	if (cpu->current != cpu->idle && (frame->rflags & RFLAGS_IF))
		signal_deliver_from_interrupt(frame);
	else
		signal_update_pending_flag();
}

static void timer_interrupt(struct interrupt_frame *frame)
{
	(void)frame;
	time_timer_fired();
	run_expired_timers(time_monotonic_ns());
	lapic_end_of_interrupt();
}

static void reschedule_interrupt(struct interrupt_frame *frame)
{
	(void)frame;
}

int scheduler_block(uint64_t deadline_ns)
{
	struct thread *current = cpu->current;

	current->state = THREAD_BLOCKED;
	current->wait_result = 0;
	if (signal_interrupts(current)) {
		current->state = THREAD_RUNNING;
		list_remove(&current->queue_node);
		return -EINTR;
	}
	if (deadline_ns)
		kernel_timer_start(&current->timeout, deadline_ns);
	__asm__ volatile("int %0" : : "i"(VECTOR_RESCHEDULE) : "memory");
	return current->wait_result;
}

void scheduler_wake(struct thread *thread, int result)
{
	if (thread->state != THREAD_BLOCKED)
		return;
	list_remove(&thread->queue_node);
	kernel_timer_cancel(&thread->timeout);
	thread->wait_result = result;
	enqueue(thread);
	if (thread->priority > cpu->current->priority || cpu->current == cpu->idle) {
		cpu->need_reschedule = true;
		/* Woken by a system call: it switches at its exit, not at the next tick. */
		cpu->interrupt_deferred |= CPU_EXIT_RESCHEDULE;
	}
	program_timer();
}

void scheduler_finish_system_call(void)
{
	bool replayed = interrupt_replay_deferred();
	bool reschedule = cpu->interrupt_deferred & CPU_EXIT_RESCHEDULE;

	/* The callers turn interrupts on (or return through an interrupt return) next. */
	cpu->interrupt_deferred &= (uint8_t) ~(CPU_EXIT_RESCHEDULE | CPU_EXIT_ENABLE);
	if (!replayed && !reschedule)
		return;
	uint64_t now = time_monotonic_ns();

	if (cpu->need_reschedule ||
	    (now >= slice_end_ns && anything_runnable(cpu->current->priority)))
		__asm__ volatile("int %0" : : "i"(VECTOR_RESCHEDULE) : "memory");
	else
		program_timer();
}

void scheduler_yield(void)
{
	uint64_t flags = interrupts_save();

	if (anything_runnable(cpu->current->priority))
		__asm__ volatile("int %0" : : "i"(VECTOR_RESCHEDULE) : "memory");
	interrupts_restore(flags);
}

int scheduler_sleep_until(uint64_t deadline_ns)
{
	uint64_t flags = interrupts_save();
	int result = 0;

	while (time_monotonic_ns() < deadline_ns) {
		list_init(&cpu->current->queue_node);
		if (scheduler_block(deadline_ns) == -EINTR) {
			result = -EINTR;
			break;
		}
	}
	interrupts_restore(flags);
	return result;
}

static struct thread *thread_alloc(const char *name)
{
	struct thread *thread = heap_alloc_zeroed(sizeof(*thread));

	if (!thread)
		return NULL;
	strlcpy(thread->name, name, sizeof(thread->name));
	thread->priority = THREAD_DEFAULT_PRIORITY;
	list_init(&thread->queue_node);
	list_init(&thread->timeout.node);
	thread->timeout.expire = thread_timed_out;
	return thread;
}

struct thread *thread_create(const struct interrupt_frame *context, const char *name)
{
	struct thread *thread = thread_alloc(name);

	if (!thread)
		return NULL;
	uint64_t flags = interrupts_save();
	thread->id = ++next_thread_id;
	thread->context = *context;
	cpu_fpu_save_control(&thread->fpu_control); /* its creator's rounding and exception modes */
	thread->fs_base = cpu_get_thread_pointer();
	thread->signals_blocked = cpu->current->signals_blocked;
	thread->process_group = cpu->current->process_group;
	thread->session = cpu->current->session;
	list_add_tail(&all_threads, &thread->all_node);
	live_threads++;
	enqueue(thread);
	program_timer();
	interrupts_restore(flags);
	return thread;
}

void thread_exit(int status)
{
	interrupts_disable();
	if (--live_threads == 0)
		power_off(status);
	cpu->current->state = THREAD_DEAD;
	__asm__ volatile("int %0" : : "i"(VECTOR_RESCHEDULE) : "memory");
	panic("a dead thread ran again");
}

static __noreturn void idle_loop(void)
{
	for (;;)
		__asm__ volatile("sti; hlt" : : : "memory");
}

static struct thread *idle_create(void)
{
	struct thread *idle = thread_alloc("idle");

	if (!idle || !(idle->kernel_stack = heap_alloc(KERNEL_STACK_SIZE)))
		panic("no memory for the idle thread");
	idle->priority = 0;
	idle->context = (struct interrupt_frame){
	    .rip = (uint64_t)idle_loop,
	    .cs = KERNEL_CODE_SELECTOR,
	    .rflags = RFLAGS_IF,
	    .rsp = (uint64_t)idle->kernel_stack + KERNEL_STACK_SIZE - 8,
	    .ss = KERNEL_DATA_SELECTOR,
	};
	return idle;
}

__cold void scheduler_init(void)
{
	struct thread *main_thread = thread_alloc("main");

	if (!main_thread)
		panic("no memory for the main thread");
	for (int priority = 0; priority < THREAD_PRIORITIES; priority++)
		list_init(&run_queues[priority]);
	cpu = this_cpu();
	main_thread->id = 1;
	main_thread->process_group = main_thread->session = 1;
	main_thread->state = THREAD_RUNNING;
	main_thread->started_ns = time_monotonic_ns();
	slice_end_ns = main_thread->started_ns + TIME_SLICE_NS; /* 0 would mean no deadline */
	list_add_tail(&all_threads, &main_thread->all_node);
	live_threads = 1;
	cpu->current = main_thread;
	cpu->idle = idle_create();
	interrupt_set_handler(VECTOR_LOCAL_TIMER, timer_interrupt);
	interrupt_set_handler(VECTOR_RESCHEDULE, reschedule_interrupt);
	scheduler_register_proc_files();
}

uint64_t thread_stack_use(const struct thread *thread)
{
	uint64_t sp = thread->context.rsp;

	if (thread == cpu->current)
		sp = (uint64_t)__builtin_frame_address(0);
	return thread->stack_top > sp ? thread->stack_top - sp : 0;
}

uint64_t scheduler_cpu_time_ns(bool whole_program)
{
	uint64_t flags = interrupts_save();
	uint64_t total = cpu->current->cpu_time_ns + time_monotonic_ns() - cpu->current->started_ns;
	struct list_node *node;

	if (whole_program)
		list_for_each(node, &all_threads) if (list_entry(node, struct thread, all_node) !=
						      cpu->current) total +=
		    list_entry(node, struct thread, all_node)->cpu_time_ns;
	interrupts_restore(flags);
	return total;
}

struct thread *thread_find(int id)
{
	struct list_node *node;

	list_for_each(node, &all_threads)
	{
		struct thread *thread = list_entry(node, struct thread, all_node);
		if (thread->id == id && thread->state != THREAD_DEAD)
			return thread;
	}
	return NULL;
}

struct thread *thread_find_by_thread_pointer(uint64_t thread_pointer)
{
	struct list_node *node;

	if (thread_pointer == cpu_get_thread_pointer())
		return cpu->current; /* its fs_base is saved only when it leaves the CPU */
	list_for_each(node, &all_threads)
	{
		struct thread *thread = list_entry(node, struct thread, all_node);
		if (thread != cpu->current && thread->fs_base == thread_pointer &&
		    thread->state != THREAD_DEAD && thread != cpu->idle)
			return thread;
	}
	return NULL;
}

void scheduler_freeze(struct thread *thread)
{
	thread->frozen = true;
	if (thread->state == THREAD_RUNNABLE) {
		list_remove(&thread->queue_node);
		list_add_tail(&frozen_runnable, &thread->queue_node);
	}
}

void scheduler_thaw(struct thread *thread)
{
	thread->frozen = false;
	if (thread->state == THREAD_RUNNABLE) {
		list_remove(&thread->queue_node);
		enqueue(thread);
		if (thread->priority > cpu->current->priority) {
			cpu->need_reschedule = true;
			cpu->interrupt_deferred |= CPU_EXIT_RESCHEDULE;
		}
		program_timer();
	}
}

int thread_group_session(int group)
{
	struct list_node *node;

	list_for_each(node, &all_threads)
	{
		struct thread *thread = list_entry(node, struct thread, all_node);
		if (thread->process_group == group && thread->state != THREAD_DEAD)
			return thread->session;
	}
	return 0;
}

uint64_t scheduler_context_switches(void)
{
	return context_switches;
}

unsigned scheduler_thread_count(void)
{
	return live_threads;
}

void scheduler_for_each_thread(void (*visit)(const struct thread *thread, void *context),
			       void *context)
{
	uint64_t flags = interrupts_save();
	struct list_node *node;

	list_for_each(node, &all_threads) visit(list_entry(node, struct thread, all_node), context);
	interrupts_restore(flags);
}

void wait_queue_init(struct wait_queue *queue)
{
	list_init(&queue->waiters);
}

int wait_queue_sleep(struct wait_queue *queue, uint64_t deadline_ns)
{
	list_add_tail(&queue->waiters, &cpu->current->queue_node);
	return scheduler_block(deadline_ns);
}

unsigned wait_queue_wake(struct wait_queue *queue, unsigned count)
{
	unsigned woken = 0;

	while (woken < count && !list_empty(&queue->waiters)) {
		scheduler_wake(list_entry(queue->waiters.next, struct thread, queue_node), 0);
		woken++;
	}
	return woken;
}
