// SPDX-License-Identifier: MIT
/* The program's life: exit, thread-pointer and thread-id bookkeeping, signals. */
#include "sys/syscalls.h"
#include "arch/x86_64/cpu_setup.h"
#include "include/uapi/linux.h"
#include "kernel/power.h"
#include "kernel/signal.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "sys/user_memory.h"

#define IMAGE_PID	      1
#define ROBUST_LIST_HEAD_SIZE 24

long sys_exit_group(int status)
{
	power_off(status & 0xff);
}

long sys_set_robust_list(void *head, unsigned long length)
{
	if (length != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	thread_current()->robust_list = head; /* walked when the thread exits (sys/thread.c) */
	return 0;
}

long sys_get_robust_list(int tid, void **head, uint64_t *length)
{
	struct thread *thread = tid ? thread_find(tid) : thread_current();
	uint64_t size = ROBUST_LIST_HEAD_SIZE;

	if (!thread)
		return -ESRCH;
	if (copy_to_user(head, &thread->robust_list, sizeof(*head)) ||
	    copy_to_user(length, &size, sizeof(size)))
		return -EFAULT;
	return 0;
}

long sys_arch_prctl(int code, unsigned long address)
{
	uint64_t value;

	switch (code) {
	case ARCH_SET_FS:
		cpu_set_thread_pointer(address);
		return 0;
	case ARCH_GET_FS:
		value = cpu_get_thread_pointer();
		return copy_to_user((void *)address, &value, sizeof(value));
	default:
		return -EINVAL; /* GS belongs to the kernel (per-CPU data) */
	}
}

long sys_rt_sigaction(int signal, const struct linux_sigaction *action,
		      struct linux_sigaction *old_action, unsigned long set_size)
{
	struct linux_sigaction new_value, old_value;

	if (set_size != sizeof(uint64_t))
		return -EINVAL;
	if (action && copy_from_user(&new_value, action, sizeof(new_value)))
		return -EFAULT;
	if (old_action && !user_writable(old_action, sizeof(*old_action)))
		return -EFAULT;
	int error = signal_set_action(signal, action ? &new_value : NULL, &old_value);
	if (!error && old_action)
		*old_action = old_value;
	return error;
}

long sys_rt_sigprocmask(int how, const uint64_t *set, uint64_t *old_set, unsigned long set_size)
{
	uint64_t new_value, old_value;

	if (set_size != sizeof(uint64_t))
		return -EINVAL;
	if (set && copy_from_user(&new_value, set, sizeof(new_value)))
		return -EFAULT;
	if (old_set && !user_writable(old_set, sizeof(*old_set)))
		return -EFAULT;
	int error = signal_change_mask(how, set ? &new_value : NULL, &old_value);
	if (!error && old_set)
		*old_set = old_value;
	return error;
}

/* pid 1 (the program) and -1 (everything it may signal) reach the program; 0 the caller's
 * process group, -GROUP that group (sys/process_group.c). */
long sys_kill(int pid, int signal)
{
	if (pid == IMAGE_PID || pid == -1)
		return signal_send_to_program(signal);
	if (pid == 0)
		return signal_send_to_group(thread_current()->process_group, signal);
	if (pid < -1)
		return signal_send_to_group(-pid, signal);
	return -ESRCH;
}

long sys_tkill(int tid, int signal)
{
	if (tid <= 0)
		return -EINVAL;
	struct thread *thread = thread_find(tid);
	return thread ? signal_send_to_thread(thread, signal) : -ESRCH;
}

long sys_tgkill(int tgid, int tid, int signal)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	if (tgid != IMAGE_PID)
		return -ESRCH;
	return sys_tkill(tid, signal);
}

long sys_rt_sigpending(uint64_t *set, unsigned long set_size)
{
	struct thread *current = thread_current();
	uint64_t pending = current->signals_pending & current->signals_blocked;

	if (set_size > sizeof(uint64_t))
		return -EINVAL;
	return copy_to_user(set, &pending, set_size);
}

long sys_rt_sigtimedwait(const uint64_t *set, struct linux_siginfo *info,
			 const struct linux_timespec *timeout, unsigned long set_size)
{
	struct linux_siginfo result;
	struct linux_timespec value;
	uint64_t wanted, deadline = 0;

	if (set_size != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&wanted, set, sizeof(wanted)))
		return -EFAULT;
	if (info && !user_writable(info, sizeof(*info)))
		return -EFAULT;
	if (timeout) {
		if (copy_from_user(&value, timeout, sizeof(value)))
			return -EFAULT;
		if (value.tv_sec < 0 || value.tv_nsec < 0 || value.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = time_monotonic_ns() + value.tv_sec * 1000000000ull + value.tv_nsec;
		if (!deadline)
			deadline = 1;
	}
	int signal = signal_wait(wanted, &result, deadline);
	if (signal > 0 && info)
		*info = result;
	return signal;
}

long sys_rt_sigsuspend(const uint64_t *mask, unsigned long set_size)
{
	uint64_t value;

	if (set_size != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&value, mask, sizeof(value)))
		return -EFAULT;
	return signal_suspend(&value);
}

long sys_pause(void)
{
	return signal_suspend(NULL);
}

long sys_sigaltstack(const struct linux_signal_stack *new_stack,
		     struct linux_signal_stack *old_stack)
{
	struct linux_signal_stack value;
	struct signal_alternate_stack new_value, old_value;

	if (new_stack) {
		if (copy_from_user(&value, new_stack, sizeof(value)))
			return -EFAULT;
		new_value = (struct signal_alternate_stack){value.base, value.flags, value.size};
	}
	if (old_stack && !user_writable(old_stack, sizeof(*old_stack)))
		return -EFAULT;
	int error = signal_alternate_stack(new_stack ? &new_value : NULL, &old_value,
					   (uint64_t)__builtin_frame_address(0));
	if (!error && old_stack)
		*old_stack =
		    (struct linux_signal_stack){old_value.base, old_value.flags, 0, old_value.size};
	return error;
}
