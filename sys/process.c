// SPDX-License-Identifier: MIT
/* The program's life: exit, thread-pointer and thread-id bookkeeping, signals. */
#include "sys/syscalls.h"
#include "arch/x86_64/cpu_setup.h"
#include "include/uapi/linux.h"
#include "kernel/power.h"
#include "kernel/signal.h"
#include "kernel/thread.h"
#include "sys/user_memory.h"

#define IMAGE_PID 1
#define ROBUST_LIST_HEAD_SIZE 24



long sys_exit_group(int status)
{
	power_off(status & 0xff);
}


long sys_set_robust_list(void *head, unsigned long length)
{
	if (length != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	thread_current()->robust_list = head; /* FIXME: not walked at thread exit yet */
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

long sys_kill(int pid, int signal)
{
	if (pid != IMAGE_PID && pid != 0 && pid != -1)
		return -ESRCH;
	return signal_send(signal);
}

long sys_tkill(int tid, int signal)
{
	if (tid != IMAGE_PID)
		return tid <= 0 ? -EINVAL : -ESRCH;
	return signal_send(signal);
}

long sys_tgkill(int tgid, int tid, int signal)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	if (tgid != IMAGE_PID || tid != IMAGE_PID)
		return -ESRCH;
	return signal_send(signal);
}
