/* SPDX-License-Identifier: MIT */
/* The system calls: the ABI half. Each sys_NAME decodes and checks its arguments (user pointers
 * against mm/vm.h, flags) and calls the typed kernel function that does the work. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "include/uapi/linux.h"

#define SYSCALL_COUNT 512

/* Both entries land here; exported to the application (direct-call musl). */
long yolk_syscall(long a1, long a2, long a3, long a4, long a5, long a6, long number);
uint64_t syscall_call_count(unsigned number);

/* The handlers, by file: sys/io.c, sys/memory.c, sys/time.c, sys/identity.c, sys/process.c,
 * sys/random.c, sys/thread.c, sys/timer.c. */
struct linux_rusage;
struct linux_sigevent;
struct linux_itimerspec;
struct linux_itimerval;
long sys_getpid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_uname(struct linux_utsname *result);
long sys_sysinfo(struct linux_sysinfo *result);
long sys_prlimit64(int pid, unsigned resource, const struct linux_rlimit *new_limit, struct linux_rlimit *old_limit);
long sys_getrlimit(unsigned resource, struct linux_rlimit *result);
long sys_sched_getaffinity(int pid, unsigned long length, uint64_t *mask);
long sys_read(int fd, char *buffer, size_t count);
long sys_write(int fd, const char *buffer, size_t count);
long sys_readv(int fd, const struct linux_iovec *vector, int count);
long sys_writev(int fd, const struct linux_iovec *vector, int count);
long sys_ioctl(int fd, unsigned long request, void *argument);
long sys_brk(unsigned long requested);
long sys_mmap(unsigned long address, unsigned long length, int protection, int flags, int fd, long offset);
long sys_munmap(unsigned long address, unsigned long length);
long sys_mprotect(unsigned long address, unsigned long length, int protection);
long sys_mremap(unsigned long old_address, unsigned long old_length, unsigned long new_length, int flags, unsigned long new_address);
long sys_madvise(unsigned long address, unsigned long length, int advice);
long sys_exit_group(int status);
long sys_set_robust_list(void *head, unsigned long length);
long sys_arch_prctl(int code, unsigned long address);
long sys_rt_sigaction(int signal, const struct linux_sigaction *action, struct linux_sigaction *old_action, unsigned long set_size);
long sys_rt_sigprocmask(int how, const uint64_t *set, uint64_t *old_set, unsigned long set_size);
long sys_kill(int pid, int signal);
long sys_tkill(int tid, int signal);
long sys_tgkill(int tgid, int tid, int signal);
long sys_rt_sigpending(uint64_t *set, unsigned long set_size);
long sys_rt_sigtimedwait(const uint64_t *set, struct linux_siginfo *info, const struct linux_timespec *timeout, unsigned long set_size);
long sys_rt_sigsuspend(const uint64_t *mask, unsigned long set_size);
long sys_pause(void);
long sys_sigaltstack(const struct linux_signal_stack *new_stack, struct linux_signal_stack *old_stack);
long sys_rt_sigreturn(void);
long sys_getrandom(void *buffer, size_t length, unsigned flags);
long sys_clone(unsigned long flags, unsigned long stack, int *parent_tid, int *child_tid, unsigned long tls);
long sys_exit(int status);
long sys_set_tid_address(int *address);
long sys_gettid(void);
long sys_sched_yield(void);
long sys_futex(uint32_t *address, int operation, uint32_t value, const struct linux_timespec *timeout, uint32_t *address2, uint32_t value3);
long sys_sched_setaffinity(int pid, unsigned long length, const uint64_t *mask);
long sys_sched_getscheduler(int pid);
long sys_sched_getparam(int pid, int *parameter);
long sys_sched_setparam(int pid, const int *parameter);
long sys_sched_setscheduler(int pid, int policy, const int *parameter);
long sys_sched_get_priority_max(int policy);
long sys_sched_get_priority_min(int policy);
long sys_getrusage(int who, struct linux_rusage *usage);
long sys_times(int64_t *buffer);
long sys_clock_gettime(int clock, struct linux_timespec *result);
long sys_clock_getres(int clock, struct linux_timespec *result);
long sys_gettimeofday(struct linux_timeval *result, void *timezone);
long sys_time(int64_t *result);
long sys_nanosleep(const struct linux_timespec *request, struct linux_timespec *remaining);
long sys_clock_nanosleep(int clock, int flags, const struct linux_timespec *request, struct linux_timespec *remaining);
long sys_alarm(unsigned seconds);
long sys_getitimer(int which, struct linux_itimerval *current);
long sys_setitimer(int which, const struct linux_itimerval *new_value, struct linux_itimerval *old_value);
long sys_timer_create(int clock, const struct linux_sigevent *event, int *timer_id);
long sys_timer_gettime(int id, struct linux_itimerspec *current);
long sys_timer_settime(int id, int flags, const struct linux_itimerspec *new_value, struct linux_itimerspec *old_value);
long sys_timer_getoverrun(int id);
long sys_timer_delete(int id);
