// SPDX-License-Identifier: MIT
/* Signals (see kernel/signal.h). Dispositions are global (all threads share them, as with
 * CLONE_SIGHAND); each thread has its blocked mask and pending set. A signal sent to the
 * program goes to the first thread that does not block it. */
#include "arch/x86_64/selectors.h"
#include "kernel/signal.h"
#include "arch/x86_64/cpu.h"
#include "include/uapi/errno.h"
#include "kernel/crash.h"
#include "kernel/log.h"
#include "kernel/power.h"
#include "kernel/thread.h"
#include "lib/string.h"
#include "sys/user_memory.h"

#define BIT(signal) (1ull << ((signal)-1))
#define UNBLOCKABLE (BIT(9) | BIT(19)) /* SIGKILL, SIGSTOP */
/* SIGCHLD, SIGCONT, SIGURG, SIGWINCH: ignored by default; stop signals too (no job control). */
#define DEFAULT_IGNORED                                                                            \
	(BIT(17) | BIT(18) | BIT(23) | BIT(28) | BIT(19) | BIT(20) | BIT(21) | BIT(22))
#define RED_ZONE	       128
#define RFLAGS_USER_CHANGEABLE 0x000000000003fdd5ull /* CF PF AF ZF SF TF DF OF AC ... */
#define RFLAGS_DIRECTION       (1u << 10)
#define RFLAGS_TRAP	       (1u << 8)

static const char *const signal_names[32] = {
    [1] = "SIGHUP",   [2] = "SIGINT",	[3] = "SIGQUIT",    [4] = "SIGILL",   [5] = "SIGTRAP",
    [6] = "SIGABRT",  [7] = "SIGBUS",	[8] = "SIGFPE",	    [9] = "SIGKILL",  [10] = "SIGUSR1",
    [11] = "SIGSEGV", [12] = "SIGUSR2", [13] = "SIGPIPE",   [14] = "SIGALRM", [15] = "SIGTERM",
    [24] = "SIGXCPU", [25] = "SIGXFSZ", [26] = "SIGVTALRM", [27] = "SIGPROF", [31] = "SIGSYS",
};

static struct linux_sigaction actions[SIGNAL_COUNT + 1];

static bool valid_signal(int signal)
{
	return signal >= 1 && signal <= SIGNAL_COUNT;
}

static bool ignored(int signal)
{
	uint64_t handler = actions[signal].handler;

	return handler == SIG_IGN || (handler == SIG_DFL && (BIT(signal) & DEFAULT_IGNORED));
}

bool signal_interrupts(const struct thread *thread)
{
	return !thread->signals_held &&
	       (thread->signals_pending & (~thread->signals_blocked | thread->signals_waited));
}

void signal_hold(void)
{
	thread_current()->signals_held++;
}

void signal_release(void)
{
	thread_current()->signals_held--;
}

void signal_update_pending_flag(void)
{
	struct thread *current = thread_current();

	this_cpu()->signal_pending =
	    current && (current->signals_pending & ~current->signals_blocked);
}

int signal_set_action(int signal, const struct linux_sigaction *action,
		      struct linux_sigaction *old_action)
{
	if (!valid_signal(signal) || (action && (BIT(signal) & UNBLOCKABLE)))
		return -EINVAL;
	if (old_action)
		*old_action = actions[signal];
	if (action)
		actions[signal] = *action;
	return 0;
}

int signal_change_mask(int how, const uint64_t *set, uint64_t *old_set)
{
	struct thread *current = thread_current();

	if (old_set)
		*old_set = current->signals_blocked;
	if (!set)
		return 0;
	switch (how) {
	case 0:
		current->signals_blocked |= *set;
		break;
	case 1:
		current->signals_blocked &= ~*set;
		break;
	case 2:
		current->signals_blocked = *set;
		break;
	default:
		return -EINVAL;
	}
	current->signals_blocked &= ~UNBLOCKABLE;
	signal_update_pending_flag();
	return 0;
}

int signal_send_to_thread(struct thread *thread, int signal)
{
	if (signal == 0)
		return 0;
	if (!valid_signal(signal))
		return -EINVAL;
	uint64_t flags = interrupts_save();
	if (!ignored(signal) || (thread->signals_waited & BIT(signal))) {
		thread->signals_pending |= BIT(signal);
		if (thread->state == THREAD_BLOCKED && signal_interrupts(thread))
			scheduler_wake(thread, -EINTR);
		signal_update_pending_flag();
	}
	interrupts_restore(flags);
	return 0;
}

struct thread_choice {
	uint64_t bit;
	int group; /* 0: any of the program's threads */
	struct thread *chosen, *fallback;
};

static void choose_thread(const struct thread *thread, void *context)
{
	struct thread_choice *choice = context;

	if (thread->state == THREAD_DEAD ||
	    (choice->group && thread->process_group != choice->group))
		return;
	if (!choice->fallback)
		choice->fallback = (struct thread *)thread;
	if (!(thread->signals_blocked & choice->bit) &&
	    (!choice->chosen || (choice->group && thread->id == choice->group)))
		choice->chosen = (struct thread *)thread;
}

static int send_to_chosen(struct thread_choice *choice, int signal)
{
	scheduler_for_each_thread(choose_thread, choice);
	if (!choice->chosen && !choice->fallback)
		return -ESRCH;
	return signal_send_to_thread(choice->chosen ? choice->chosen : choice->fallback, signal);
}

/* The current thread if it takes the signal, else the first thread that does (the idle
 * thread, current during interrupts, is not one of the program's). */
int signal_send_to_program(int signal)
{
	struct thread_choice choice = {.bit = BIT(signal)};
	struct thread *current = thread_current();

	if (!valid_signal(signal))
		return signal == 0 ? 0 : -EINVAL;
	if (current != this_cpu()->idle && !(current->signals_blocked & choice.bit))
		return signal_send_to_thread(current, signal);
	return send_to_chosen(&choice, signal);
}

/* The group's leader (the thread whose id the group has) if it takes the signal, else the
 * first of the group's threads that does. */
int signal_send_to_group(int group, int signal)
{
	struct thread_choice choice = {.bit = BIT(signal), .group = group};

	if (group <= 0)
		return -EINVAL;
	if (!valid_signal(signal) && signal != 0)
		return -EINVAL;
	if (signal == 0)
		return thread_group_session(group) ? 0 : -ESRCH;
	return send_to_chosen(&choice, signal);
}

static __noreturn void terminate(int signal)
{
	const char *name = signal < 32 ? signal_names[signal] : NULL;

	log_raw("yolk: terminated by signal %d%s%s\n", signal, name ? " " : "", name ? name : "");
	power_off(128 + signal);
}

static void save_registers(struct linux_sigcontext *context, const struct interrupt_frame *frame)
{
	*context = (struct linux_sigcontext){
	    .r8 = frame->r8,
	    .r9 = frame->r9,
	    .r10 = frame->r10,
	    .r11 = frame->r11,
	    .r12 = frame->r12,
	    .r13 = frame->r13,
	    .r14 = frame->r14,
	    .r15 = frame->r15,
	    .rdi = frame->rdi,
	    .rsi = frame->rsi,
	    .rbp = frame->rbp,
	    .rbx = frame->rbx,
	    .rdx = frame->rdx,
	    .rax = frame->rax,
	    .rcx = frame->rcx,
	    .rsp = frame->rsp,
	    .rip = frame->rip,
	    .rflags = frame->rflags,
	    .cs = KERNEL_CODE_SELECTOR,
	    .ss = KERNEL_DATA_SELECTOR,
	    .error = frame->error_code,
	    .trap_number = frame->vector,
	};
}

/* Builds the handler's frame on the thread's stack (or its alternate stack) and points
 * `frame` at the handler. False when the stack cannot hold it. */
static bool setup_frame(struct interrupt_frame *frame, int signal, const struct linux_siginfo *info)
{
	struct thread *current = thread_current();
	struct linux_sigaction *action = &actions[signal];
	const struct signal_alternate_stack *alternate = &current->alternate_stack;
	uint64_t top = frame->rsp - RED_ZONE;
	uint64_t fpu_size = cpu_fpu_state_size();

	if ((action->flags & SA_ONSTACK) && alternate->size && !(alternate->flags & SS_DISABLE) &&
	    !(frame->rsp > alternate->base && frame->rsp <= alternate->base + alternate->size))
		top = alternate->base + alternate->size;
	uint64_t fpstate = (top - fpu_size) & ~63ull;
	uint64_t sp = ((fpstate - sizeof(struct linux_rt_sigframe)) & ~15ull) - 8;
	if (!user_writable((void *)sp, top - sp))
		return false;
	struct linux_rt_sigframe *out = (struct linux_rt_sigframe *)sp;
	memset(out, 0, sizeof(*out));
	out->return_address = action->restorer;
	out->context.stack =
	    (struct linux_signal_stack){alternate->base, alternate->flags, 0, alternate->size};
	save_registers(&out->context.mcontext, frame);
	out->context.mcontext.cr2 = info->fault_address;
	out->context.mcontext.fpstate = fpstate;
	memset((void *)fpstate, 0, fpu_size);
	cpu_fpu_save((void *)fpstate);
	out->context.sigmask =
	    current->signals_mask_saved ? current->signals_saved_mask : current->signals_blocked;
	current->signals_mask_saved = false;
	out->info = *info;
	current->signals_blocked |= action->mask | ((action->flags & SA_NODEFER) ? 0 : BIT(signal));
	current->signals_blocked &= ~UNBLOCKABLE;
	if (action->flags & SA_RESETHAND)
		action->handler = SIG_DFL;
	frame->rip = action->handler;
	frame->rsp = sp;
	frame->rdi = signal;
	frame->rsi = (uint64_t)&out->info;
	frame->rdx = (uint64_t)&out->context;
	frame->rax = 0;
	frame->rflags &= ~(uint64_t)(RFLAGS_DIRECTION | RFLAGS_TRAP);
	return true;
}

static int take_signal(struct thread *thread, uint64_t allowed)
{
	uint64_t deliverable = thread->signals_pending & allowed;

	if (!deliverable)
		return 0;
	int signal = __builtin_ctzll(deliverable) + 1;
	thread->signals_pending &= ~BIT(signal);
	return signal;
}

void signal_deliver_from_interrupt(struct interrupt_frame *frame)
{
	struct thread *current = thread_current();
	int signal;

	while ((signal = take_signal(current, ~current->signals_blocked))) {
		if (ignored(signal))
			continue;
		if (actions[signal].handler == SIG_DFL)
			terminate(signal);
		struct linux_siginfo info = {.signo = signal, .code = SI_TKILL};
		info.kill.pid = 1;
		if (!setup_frame(frame, signal, &info)) {
			log_raw("yolk: no room on the stack for the handler of signal %d\n",
				signal);
			terminate(SIGNAL_SEGV);
		}
		break;
	}
	signal_update_pending_flag();
}

bool signal_deliver_fault(struct interrupt_frame *frame, int signal, int code, uint64_t address)
{
	struct thread *current = thread_current();
	uint64_t handler = actions[signal].handler;

	if (!current || handler == SIG_DFL || handler == SIG_IGN ||
	    (current->signals_blocked & BIT(signal)))
		return false;
	struct linux_siginfo info = {.signo = signal, .code = code};
	info.fault_address = address;
	return setup_frame(frame, signal, &info);
}

void signal_deliver_from_syscall(const struct syscall_frame *syscall, long result)
{
	struct interrupt_frame frame = {
	    .r15 = syscall->r15,
	    .r14 = syscall->r14,
	    .r13 = syscall->r13,
	    .r12 = syscall->r12,
	    .r11 = syscall->rflags,
	    .r10 = syscall->r10,
	    .r9 = syscall->r9,
	    .r8 = syscall->r8,
	    .rbp = syscall_frame_caller_rbp(syscall),
	    .rdi = syscall->rdi,
	    .rsi = syscall->rsi,
	    .rdx = syscall->rdx,
	    .rcx = syscall->rip,
	    .rbx = syscall->rbx,
	    .rax = result,
	    .rip = syscall->rip,
	    .cs = KERNEL_CODE_SELECTOR,
	    .rflags = syscall->rflags,
	    .rsp = syscall_frame_caller_rsp(syscall),
	    .ss = KERNEL_DATA_SELECTOR,
	};

	signal_deliver_from_interrupt(&frame);
	arch_resume(&frame);
}

void signal_deliver_from_direct_call(const struct direct_frame *direct, long result)
{
	/* The context is the caller right after the call returned. */
	const uint64_t *return_address = (const uint64_t *)(direct + 1);
	struct interrupt_frame frame = {
	    .r15 = direct->r15,
	    .r14 = direct->r14,
	    .r13 = direct->r13,
	    .r12 = direct->r12,
	    .rbx = direct->rbx,
	    .rbp = direct->rbp,
	    .rax = result,
	    .rip = *return_address,
	    .cs = KERNEL_CODE_SELECTOR,
	    .rflags = RFLAGS_IF | 0x2,
	    .rsp = (uint64_t)(return_address + 1),
	    .ss = KERNEL_DATA_SELECTOR,
	};

	signal_deliver_from_interrupt(&frame);
	arch_resume(&frame);
}

void signal_return(const struct syscall_frame *syscall)
{
	const struct linux_ucontext *context = (const void *)syscall_frame_caller_rsp(syscall);
	struct thread *current = thread_current();

	if (!user_readable(context, sizeof(*context))) {
		log_raw("yolk: rt_sigreturn without a signal frame at %p\n", (void *)context);
		terminate(SIGNAL_SEGV);
	}
	const struct linux_sigcontext *saved = &context->mcontext;
	struct interrupt_frame frame = {
	    .r15 = saved->r15,
	    .r14 = saved->r14,
	    .r13 = saved->r13,
	    .r12 = saved->r12,
	    .r11 = saved->r11,
	    .r10 = saved->r10,
	    .r9 = saved->r9,
	    .r8 = saved->r8,
	    .rbp = saved->rbp,
	    .rdi = saved->rdi,
	    .rsi = saved->rsi,
	    .rdx = saved->rdx,
	    .rcx = saved->rcx,
	    .rbx = saved->rbx,
	    .rax = saved->rax,
	    .rip = saved->rip,
	    .cs = KERNEL_CODE_SELECTOR,
	    .rflags = (saved->rflags & RFLAGS_USER_CHANGEABLE) | RFLAGS_IF,
	    .rsp = saved->rsp,
	    .ss = KERNEL_DATA_SELECTOR,
	};
	if (saved->fpstate && user_readable((void *)saved->fpstate, cpu_fpu_state_size()) &&
	    !(saved->fpstate & 63))
		cpu_fpu_restore((void *)saved->fpstate);
	current->signals_blocked = context->sigmask & ~UNBLOCKABLE;
	signal_deliver_from_interrupt(&frame);
	arch_resume(&frame);
}

/* One handler, run from the kernel's frame of a waiting call on the thread's own stack (so a
 * garbage collector's suspend handler scans everything the call's callers hold): the mask as
 * delivery would set it, the FPU state of the interrupted program kept around it (the trap path
 * preserves vector registers), the trap's frame pointer in the per-CPU block too (the handler's
 * own system calls replace it). */
static void run_handler_nested(int signal)
{
	struct thread *current = thread_current();
	struct linux_sigaction *action = &actions[signal];
	struct cpu_local *cpu = this_cpu();
	struct syscall_frame *outer_frame = cpu->syscall_frame;
	uint32_t fpu_size = cpu_fpu_state_size();
	uint8_t fpu_buffer[fpu_size + 64];
	void *fpu_state = (void *)(((uint64_t)fpu_buffer + 63) & ~63ull);
	struct linux_siginfo info = {.signo = signal, .code = SI_TKILL};
	struct linux_ucontext context = {0};
	uint64_t handler = action->handler;

	info.kill.pid = 1;
	context.sigmask = current->signals_blocked;
	context.mcontext.rsp = (uint64_t)__builtin_frame_address(0);
	context.mcontext.rip = (uint64_t)__builtin_return_address(0);
	context.stack = (struct linux_signal_stack){current->alternate_stack.base,
						    current->alternate_stack.flags, 0,
						    current->alternate_stack.size};
	current->signals_blocked |= action->mask | ((action->flags & SA_NODEFER) ? 0 : BIT(signal));
	current->signals_blocked &= ~UNBLOCKABLE;
	if (action->flags & SA_RESETHAND)
		action->handler = SIG_DFL;
	memset(fpu_state, 0, fpu_size);
	cpu_fpu_save(fpu_state);
	arch_call_signal_handler(handler, signal, &info, &context);
	cpu_fpu_restore(fpu_state);
	this_cpu()->syscall_frame = outer_frame;
	current->signals_blocked = context.sigmask & ~UNBLOCKABLE;
	signal_update_pending_flag();
}

bool signal_run_restarting_handlers(void)
{
	struct thread *current = thread_current();

	if (current->signals_held)
		return false;
	for (;;) {
		uint64_t deliverable = current->signals_pending & ~current->signals_blocked;
		if (!deliverable)
			return true;
		int signal = __builtin_ctzll(deliverable) + 1;
		if (ignored(signal)) {
			current->signals_pending &= ~BIT(signal);
			continue;
		}
		if (actions[signal].handler == SIG_DFL || !(actions[signal].flags & SA_RESTART))
			return false;
		current->signals_pending &= ~BIT(signal);
		signal_update_pending_flag();
		run_handler_nested(signal);
	}
}

int wait_queue_sleep_restartable(struct wait_queue *queue, uint64_t deadline_ns)
{
	int result = wait_queue_sleep(queue, deadline_ns);

	if (result == -EINTR && signal_run_restarting_handlers())
		return 0;
	return result;
}

int signal_wait(uint64_t set, struct linux_siginfo *info, uint64_t deadline_ns)
{
	struct thread *current = thread_current();
	uint64_t flags = interrupts_save();
	int signal, result = 0;

	while (!(signal = take_signal(current, set)) && result != -ETIMEDOUT) {
		if (current->signals_pending & ~current->signals_blocked & ~set) {
			result = -EINTR; /* another signal, with a handler to run */
			break;
		}
		current->signals_waited = set;
		list_init(&current->queue_node);
		result = scheduler_block(deadline_ns);
		current->signals_waited = 0;
	}
	signal_update_pending_flag();
	interrupts_restore(flags);
	if (!signal)
		return result == -ETIMEDOUT ? -EAGAIN : result;
	*info = (struct linux_siginfo){.signo = signal, .code = SI_TKILL};
	if (current->signals_from_timer & BIT(signal)) {
		info->code = SI_TIMER;
		current->signals_from_timer &= ~BIT(signal);
	}
	return signal;
}

int signal_suspend(const uint64_t *mask)
{
	struct thread *current = thread_current();
	uint64_t flags = interrupts_save();

	current->signals_saved_mask = current->signals_blocked;
	current->signals_mask_saved = true;
	if (mask)
		current->signals_blocked = *mask & ~UNBLOCKABLE;
	while (!signal_interrupts(current)) {
		list_init(&current->queue_node);
		scheduler_block(0);
	}
	signal_update_pending_flag();
	interrupts_restore(flags);
	return -EINTR;
}

int signal_alternate_stack(const struct signal_alternate_stack *new_stack,
			   struct signal_alternate_stack *old_stack, uint64_t stack_pointer)
{
	struct signal_alternate_stack *current = &thread_current()->alternate_stack;
	bool on_it = current->size && stack_pointer > current->base &&
		     stack_pointer <= current->base + current->size;

	if (old_stack) {
		*old_stack = *current;
		if (!current->size)
			old_stack->flags = SS_DISABLE;
		else if (on_it)
			old_stack->flags |= SS_ONSTACK;
	}
	if (!new_stack)
		return 0;
	if (on_it)
		return -EPERM;
	if (new_stack->flags & ~SS_DISABLE)
		return -EINVAL;
	if (new_stack->flags & SS_DISABLE) {
		*current = (struct signal_alternate_stack){0, SS_DISABLE, 0};
		return 0;
	}
	if (new_stack->size < MINSIGSTKSZ)
		return -ENOMEM;
	*current = *new_stack;
	return 0;
}
