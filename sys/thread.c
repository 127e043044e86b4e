// SPDX-License-Identifier: MIT
/* Threads: clone with pthread flags, futex, thread exit, ids, scheduling parameters, CPU-time
 * accounting (getrusage, times). */
#include "arch/x86_64/selectors.h"
#include "sys/syscalls.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/syscall_frame.h"
#include "include/uapi/linux.h"
#include "include/yolk/thread_freeze.h"
#include "fs/vfs.h"
#include "kernel/futex.h"
#include "kernel/log.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "sys/user_memory.h"

#define CLONE_VM	     0x00000100
#define CLONE_FS	     0x00000200
#define CLONE_SIGHAND	     0x00000800
#define CLONE_THREAD	     0x00010000
#define CLONE_SETTLS	     0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID   0x01000000
#define CLONE_REQUIRED	     (CLONE_VM | CLONE_SIGHAND | CLONE_THREAD)
#define SYS_CLONE	     56

#define FUTEX_WAIT	     0
#define FUTEX_WAKE	     1
#define FUTEX_REQUEUE	     3
#define FUTEX_CMP_REQUEUE    4
#define FUTEX_WAKE_OP	     5
#define FUTEX_WAIT_BITSET    9
#define FUTEX_WAKE_BITSET    10
#define FUTEX_PRIVATE_FLAG   128
#define FUTEX_CLOCK_REALTIME 256

#define CLOCK_TICKS_PER_SECOND 100

/* The child starts where its parent was in the system call: every register as the parent had
 * it, RAX = 0, on its new stack (Linux's contract, which musl's __clone relies on). */
static struct interrupt_frame child_context(const struct syscall_frame *frame, uint64_t stack)
{
	return (struct interrupt_frame){
	    .r15 = frame->r15,
	    .r14 = frame->r14,
	    .r13 = frame->r13,
	    .r12 = frame->r12,
	    .r11 = frame->rflags,
	    .r10 = frame->r10,
	    .r9 = frame->r9,
	    .r8 = frame->r8,
	    .rbp = syscall_frame_caller_rbp(frame),
	    .rdi = frame->rdi,
	    .rsi = frame->rsi,
	    .rdx = frame->rdx,
	    .rcx = frame->rip,
	    .rbx = frame->rbx,
	    .rax = 0,
	    .rip = frame->rip,
	    .cs = KERNEL_CODE_SELECTOR,
	    .rflags = frame->rflags | RFLAGS_IF,
	    .rsp = stack ? stack : syscall_frame_caller_rsp(frame),
	    .ss = KERNEL_DATA_SELECTOR,
	};
}

long sys_clone(unsigned long flags, unsigned long stack, int *parent_tid, int *child_tid,
	       unsigned long tls)
{
	const struct syscall_frame *frame = this_cpu()->syscall_frame;

	if ((flags & CLONE_REQUIRED) != CLONE_REQUIRED) {
		static bool logged;
		if (!logged)
			pr_warn("clone without CLONE_VM|CLONE_SIGHAND|CLONE_THREAD: there are no "
				"processes, ENOSYS\n");
		logged = true;
		return -ENOSYS;
	}
	/* The caller's registers are known only when it came through the trap entry. */
	if (!frame || frame->number != SYS_CLONE || frame->rdi != flags || frame->rsi != stack)
		return -ENOSYS;
	if ((flags & CLONE_PARENT_SETTID) && !user_writable(parent_tid, sizeof(int)))
		return -EFAULT;
	if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) &&
	    !user_writable(child_tid, sizeof(int)))
		return -EFAULT;
	struct interrupt_frame context = child_context(frame, stack);
	struct thread *child = thread_create(&context, "thread");
	if (!child)
		return -ENOMEM;
	child->stack_top = context.rsp;
	fs_context_share(child, thread_current(), !(flags & CLONE_FS));
	if (flags & CLONE_SETTLS)
		child->fs_base = tls;
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = child_tid;
	if (flags & CLONE_CHILD_SETTID)
		*child_tid = child->id;
	if (flags & CLONE_PARENT_SETTID)
		*parent_tid = child->id;
	return child->id;
}

#define FUTEX_WAITERS	  0x80000000u
#define FUTEX_OWNER_DIED  0x40000000u
#define FUTEX_TID_MASK	  0x3fffffffu
#define ROBUST_LIST_LIMIT 2048

struct robust_list_head {
	uint64_t next;
	int64_t futex_offset;
	uint64_t pending;
};

/* A robust mutex held by a thread that dies is marked OWNER_DIED and a waiter woken, so the
 * next locker gets EOWNERDEAD instead of waiting for ever (Linux's contract with musl). */
static void release_robust_futex(uint64_t entry, int64_t offset, int tid)
{
	uint32_t *word = (uint32_t *)(entry + offset);

	if (((uint64_t)word & 3) || !user_writable(word, sizeof(*word)) ||
	    (*word & FUTEX_TID_MASK) != (uint32_t)tid)
		return;
	uint32_t old = __atomic_fetch_or(word, FUTEX_OWNER_DIED, __ATOMIC_SEQ_CST);
	if (old & FUTEX_WAITERS)
		futex_wake(word, 1, FUTEX_BITSET_MATCH_ANY);
}

static void release_robust_list(struct thread *thread)
{
	const struct robust_list_head *head = thread->robust_list;
	struct robust_list_head copy;

	if (!head || copy_from_user(&copy, head, sizeof(copy)))
		return;
	uint64_t entry = copy.next;
	for (int count = 0; entry && entry != (uint64_t)head && count < ROBUST_LIST_LIMIT;
	     count++) {
		uint64_t next;
		if (copy_from_user(&next, (void *)entry, sizeof(next)))
			break;
		if (entry != copy.pending)
			release_robust_futex(entry, copy.futex_offset, thread->id);
		entry = next;
	}
	if (copy.pending)
		release_robust_futex(copy.pending, copy.futex_offset, thread->id);
}

long sys_exit(int status)
{
	struct thread *current = thread_current();
	int *tid_address = current->clear_child_tid;

	release_robust_list(current);
	fs_context_release(current);
	if (tid_address && user_writable(tid_address, sizeof(int))) {
		__atomic_store_n(tid_address, 0, __ATOMIC_SEQ_CST);
		futex_wake((uint32_t *)tid_address, 1, FUTEX_BITSET_MATCH_ANY);
	}
	thread_exit(status & 0xff);
}

long sys_set_tid_address(int *address)
{
	thread_current()->clear_child_tid = address;
	return thread_current()->id;
}

long sys_gettid(void)
{
	return thread_current()->id;
}

long sys_sched_yield(void)
{
	scheduler_yield();
	return 0;
}

static int64_t futex_deadline(const struct linux_timespec *timeout, bool absolute, bool realtime)
{
	struct linux_timespec value;

	if (!timeout)
		return 0;
	if (copy_from_user(&value, timeout, sizeof(value)))
		return -EFAULT;
	if (value.tv_sec < 0 || value.tv_nsec < 0 ||
	    value.tv_nsec >= (int64_t)NANOSECONDS_PER_SECOND)
		return -EINVAL;
	uint64_t ns = (uint64_t)value.tv_sec * NANOSECONDS_PER_SECOND + value.tv_nsec;
	uint64_t now = time_monotonic_ns();
	if (!absolute)
		return now + ns;
	if (realtime) {
		uint64_t wall = time_realtime_ns();
		return ns > wall ? now + (ns - wall) : now;
	}
	return ns ? ns : 1;
}

static bool futex_compare(unsigned comparison, int old, int argument, bool *result)
{
	switch (comparison) {
	case 0:
		*result = old == argument;
		return true;
	case 1:
		*result = old != argument;
		return true;
	case 2:
		*result = old < argument;
		return true;
	case 3:
		*result = old <= argument;
		return true;
	case 4:
		*result = old > argument;
		return true;
	case 5:
		*result = old >= argument;
		return true;
	default:
		return false;
	}
}

static long futex_wake_op(uint32_t *address, int count, uint32_t *address2, int count2,
			  uint32_t encoded)
{
	unsigned operation = encoded >> 28 & 7, comparison = encoded >> 24 & 15;
	int argument = (int)(encoded << 8) >> 20, comparison_argument = (int)(encoded << 20) >> 20;
	bool matches;

	if (!user_writable(address2, 4) || ((uintptr_t)address2 & 3))
		return -EFAULT;
	if (encoded >> 31)
		argument = 1 << (argument & 31);
	int old = *(int *)address2, value;
	switch (operation) {
	case 0:
		value = argument;
		break;
	case 1:
		value = old + argument;
		break;
	case 2:
		value = old | argument;
		break;
	case 3:
		value = old & ~argument;
		break;
	case 4:
		value = old ^ argument;
		break;
	default:
		return -ENOSYS;
	}
	if (!futex_compare(comparison, old, comparison_argument, &matches))
		return -ENOSYS;
	*(int *)address2 = value;
	int woken = futex_wake(address, count, FUTEX_BITSET_MATCH_ANY);
	if (matches)
		woken += futex_wake(address2, count2, FUTEX_BITSET_MATCH_ANY);
	return woken;
}

long sys_futex(uint32_t *address, int operation, uint32_t value,
	       const struct linux_timespec *timeout, uint32_t *address2, uint32_t value3)
{
	int command = operation & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	int count2 = (int)(uintptr_t)timeout; /* some operations pass a count there */
	int64_t deadline;

	if (((uintptr_t)address & 3))
		return -EINVAL;
	if (!user_readable(address, 4))
		return -EFAULT;
	switch (command) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if (command == FUTEX_WAIT_BITSET && !value3)
			return -EINVAL;
		deadline = futex_deadline(timeout, command == FUTEX_WAIT_BITSET,
					  operation & FUTEX_CLOCK_REALTIME);
		if (deadline < 0)
			return deadline;
		return futex_wait(address, value, deadline,
				  command == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : value3);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		if (command == FUTEX_WAKE_BITSET && !value3)
			return -EINVAL;
		return futex_wake(address, (int)value,
				  command == FUTEX_WAKE ? FUTEX_BITSET_MATCH_ANY : value3);
	case FUTEX_CMP_REQUEUE:
		if (__atomic_load_n(address, __ATOMIC_SEQ_CST) != value3)
			return -EAGAIN;
		/* fall through */
	case FUTEX_REQUEUE:
		if (!user_readable(address2, 4) || ((uintptr_t)address2 & 3))
			return -EFAULT;
		return futex_requeue(address, (int)value, address2, count2);
	case FUTEX_WAKE_OP:
		return futex_wake_op(address, (int)value, address2, count2, value3);
	default:
		return -ENOSYS;
	}
}

long sys_sched_setaffinity(int pid, unsigned long length, const uint64_t *mask)
{
	uint64_t first;

	if (pid < 0)
		return -ESRCH;
	if (length < sizeof(first))
		return -EINVAL;
	if (copy_from_user(&first, mask, sizeof(first)))
		return -EFAULT;
	return (first & 1) ? 0 : -EINVAL; /* CPU 0 is the only one */
}

long sys_sched_getscheduler(int pid)
{
	return pid < 0 ? -EINVAL : 0; /* SCHED_OTHER */
}

long sys_sched_getparam(int pid, int *parameter)
{
	int priority = 0;

	if (pid < 0)
		return -EINVAL;
	return copy_to_user(parameter, &priority, sizeof(priority));
}

long sys_sched_setparam(int pid, const int *parameter)
{
	int priority;

	if (pid < 0)
		return -EINVAL;
	if (copy_from_user(&priority, parameter, sizeof(priority)))
		return -EFAULT;
	return priority == 0 ? 0 : -EINVAL;
}

long sys_sched_setscheduler(int pid, int policy, const int *parameter)
{
	if (policy != 0 && policy != 3 && policy != 5) /* OTHER, BATCH, IDLE */
		return -EPERM;
	return sys_sched_setparam(pid, parameter);
}

long sys_sched_get_priority_max(int policy)
{
	return (policy == 1 || policy == 2) ? 99 : (policy >= 0 && policy <= 6) ? 0 : -EINVAL;
}

long sys_sched_get_priority_min(int policy)
{
	return (policy == 1 || policy == 2) ? 1 : (policy >= 0 && policy <= 6) ? 0 : -EINVAL;
}

struct linux_rusage {
	struct linux_timeval user_time, system_time;
	int64_t counters[14];
};

long sys_getrusage(int who, struct linux_rusage *usage)
{
	struct linux_rusage result = {0};
	uint64_t ns;

	if (who == 0)
		ns = scheduler_cpu_time_ns(true);
	else if (who == 1)
		ns = scheduler_cpu_time_ns(false);
	else if (who == -1)
		ns = 0; /* no children */
	else
		return -EINVAL;
	result.user_time.tv_sec = ns / NANOSECONDS_PER_SECOND;
	result.user_time.tv_usec = ns % NANOSECONDS_PER_SECOND / 1000;
	return copy_to_user(usage, &result, sizeof(result));
}

long sys_times(int64_t *buffer)
{
	int64_t ticks[4] = {scheduler_cpu_time_ns(true) /
			    (NANOSECONDS_PER_SECOND / CLOCK_TICKS_PER_SECOND)};

	if (buffer && copy_to_user(buffer, ticks, sizeof(ticks)))
		return -EFAULT;
	return time_monotonic_ns() / (NANOSECONDS_PER_SECOND / CLOCK_TICKS_PER_SECOND);
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16

/* prctl: the thread's name (PR_SET_NAME, PR_GET_NAME; 15 characters and a NUL, as on Linux),
 * which ps and top show, and Yolk's own freezing of other threads (sys/thread_freeze.c). */
long sys_prctl(int option, unsigned long argument2, unsigned long argument3,
	       unsigned long argument4, unsigned long argument5)
{
	struct thread *current = thread_current();
	char *user = (char *)argument2;

	(void)argument4, (void)argument5;
	if (option == PR_YOLK_FREEZE_THREADS || option == PR_YOLK_THAW_THREADS)
		return thread_freeze_prctl(option, argument2, argument3);
	if (option == PR_GET_NAME)
		return copy_to_user(user, current->name, THREAD_NAME_SIZE);
	if (option != PR_SET_NAME)
		return -EINVAL;
	char name[THREAD_NAME_SIZE] = {0};

	for (size_t i = 0; i < THREAD_NAME_SIZE - 1; i++) {
		if (!user_readable(user + i, 1))
			return -EFAULT;
		if (!(name[i] = user[i]))
			break;
	}
	memcpy(current->name, name, THREAD_NAME_SIZE);
	return 0;
}
