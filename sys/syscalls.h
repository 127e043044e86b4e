/* SPDX-License-Identifier: MIT */
/* The system calls: the ABI half. Each sys_NAME decodes and checks its arguments (user pointers
 * against mm/vm.h, flags) and calls the typed kernel function that does the work. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "include/uapi/linux.h"

#define SYSCALL_COUNT 512

/* The numbers by name, from the one table: SYSCALL_NUMBER_read, ... */
#define SYSCALL(number, name) SYSCALL_NUMBER_##name = number,
#define MISSING(number, name) SYSCALL_NUMBER_##name = number,
enum syscall_number {
#include "sys/syscall_table.h"
};
#undef SYSCALL
#undef MISSING

/* Both entries (arch/x86_64/syscall_entry.S: the trap and yolk_syscall, the direct call the
 * Yolk build of musl makes) index this table, with interrupts off. */
typedef long (*syscall_handler)(long, long, long, long, long, long);
extern const syscall_handler syscall_handlers[SYSCALL_COUNT + 1];
/* The table's entries for the numbers it lacks (the number in RAX) and, last, for numbers
 * beyond it (the number as called in R10). */
long syscall_missing_entry(long, long, long, long, long, long);
long syscall_unknown_entry(long, long, long, long, long, long);
long syscall_clone_entry(long, long, long, long, long, long);
extern uint64_t syscall_call_counts[SYSCALL_COUNT + 1];
/* For numbers without a handler: logs the name once, returns -ENOSYS. */
long syscall_missing(unsigned long number);
uint64_t syscall_call_count(unsigned number);
/* The call's Linux name, or NULL for a number Linux does not have. */
const char *syscall_name(unsigned number);
/* Registers /proc/syscalls, the counts. */
void syscall_init(void);
/* long yolk_syscall(a1, ..., a6, number): the direct entry (arch/x86_64/syscall_entry.S) as a C
 * function, for code outside the kernel's text (the vDSO) that makes a system call. */
long yolk_syscall(long, long, long, long, long, long, long number);

/* The handlers, one family per file in sys/. */
struct linux_rusage;
struct linux_sigevent;
struct linux_itimerspec;
struct linux_itimerval;
struct linux_stat;
struct linux_statx;
struct linux_statfs;
struct linux_flock;
struct linux_pollfd;
struct linux_epoll_event;
long sys_epoll_create1(unsigned flags);
long sys_epoll_create(int size);
long sys_epoll_ctl(int epfd, int operation, int fd, const struct linux_epoll_event *user_event);
long sys_epoll_pwait(int epfd, struct linux_epoll_event *events, int capacity, int timeout_ms,
		     const uint64_t *user_mask, unsigned long mask_size);
long sys_epoll_wait(int epfd, struct linux_epoll_event *events, int capacity, int timeout_ms);
long sys_openat(int dirfd, const char *user_path, unsigned flags, unsigned mode);
long sys_open(const char *path, unsigned flags, unsigned mode);
long sys_creat(const char *path, unsigned mode);
long sys_close(int fd);
long sys_close_range(unsigned first, unsigned last, unsigned flags);
long sys_dup(int fd);
long sys_dup2(int old_fd, int new_fd);
long sys_dup3(int old_fd, int new_fd, unsigned flags);
long sys_fcntl(int fd, int command, unsigned long argument);
long sys_pipe2(int *user_fds, unsigned flags);
long sys_pipe(int *fds);
long sys_eventfd2(unsigned initial, unsigned flags);
long sys_eventfd(unsigned initial);
long sys_read(int fd, char *buffer, size_t count);
long sys_write(int fd, const char *buffer, size_t count);
long sys_readv(int fd, const struct linux_iovec *vector, int count);
long sys_writev(int fd, const struct linux_iovec *vector, int count);
long sys_preadv(int fd, const struct linux_iovec *vector, int count, int64_t offset);
long sys_pwritev(int fd, const struct linux_iovec *vector, int count, int64_t offset);
long sys_pread64(int fd, void *buffer, size_t count, int64_t offset);
long sys_pwrite64(int fd, const void *buffer, size_t count, int64_t offset);
long sys_lseek(int fd, int64_t offset, int whence);
long sys_ioctl(int fd, unsigned int request, void *argument);
long sys_ftruncate(int fd, int64_t length);
long sys_fallocate(int fd, int mode, int64_t offset, int64_t length);
long sys_fsync(int fd);
long sys_fdatasync(int fd);
long sys_sync(void);
long sys_newfstatat(int dirfd, const char *path, struct linux_stat *result, unsigned flags);
long sys_stat(const char *path, struct linux_stat *result);
long sys_lstat(const char *path, struct linux_stat *result);
long sys_fstat(int fd, struct linux_stat *result);
long sys_statx(int dirfd, const char *path, unsigned flags, unsigned mask,
	       struct linux_statx *result);
long sys_mkdirat(int dirfd, const char *path, unsigned mode);
long sys_mkdir(const char *path, unsigned mode);
long sys_mknodat(int dirfd, const char *path, unsigned mode, unsigned device);
long sys_mknod(const char *path, unsigned mode, unsigned device);
long sys_unlinkat(int dirfd, const char *path, int flags);
long sys_unlink(const char *path);
long sys_rmdir(const char *path);
long sys_symlinkat(const char *user_target, int dirfd, const char *path);
long sys_symlink(const char *target, const char *path);
long sys_linkat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path,
		int flags);
long sys_link(const char *old_path, const char *new_path);
long sys_renameat2(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path,
		   unsigned flags);
long sys_renameat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path);
long sys_rename(const char *old_path, const char *new_path);
long sys_readlinkat(int dirfd, const char *path, char *buffer, int size);
long sys_readlink(const char *path, char *buffer, int size);
long sys_chdir(const char *path);
long sys_fchdir(int fd);
long sys_getcwd(char *buffer, unsigned long size);
long sys_truncate(const char *path, int64_t length);
long sys_faccessat2(int dirfd, const char *path, int mode, int flags);
long sys_faccessat(int dirfd, const char *path, int mode);
long sys_access(const char *path, int mode);
long sys_umask(unsigned mask);
long sys_fchmodat(int dirfd, const char *path, unsigned mode);
long sys_chmod(const char *path, unsigned mode);
long sys_fchmod(int fd, unsigned mode);
long sys_fchownat(int dirfd, const char *path, unsigned uid, unsigned gid, int flags);
long sys_chown(const char *path, unsigned uid, unsigned gid);
long sys_lchown(const char *path, unsigned uid, unsigned gid);
long sys_fchown(int fd, unsigned uid, unsigned gid);
long sys_utimensat(int dirfd, const char *path, const struct linux_timespec *user_times, int flags);
long sys_statfs(const char *path, struct linux_statfs *result);
long sys_fstatfs(int fd, struct linux_statfs *result);
long sys_getdents64(int fd, void *buffer, unsigned size);
long sys_mount(const char *user_source, const char *user_target, const char *user_type,
	       unsigned long flags, const void *data);
long sys_umount2(const char *user_target, int flags);
long sys_getpid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_uname(struct linux_utsname *result);
long sys_prctl(int option, unsigned long argument2, unsigned long argument3,
	       unsigned long argument4, unsigned long argument5);
/* prctl's PR_YOLK_FREEZE_THREADS and PR_YOLK_THAW_THREADS (sys/thread_freeze.c). */
long thread_freeze_prctl(int option, unsigned long threads, unsigned long count);
long sys_reboot(int magic1, int magic2, unsigned int command, void *argument);
long sys_sysinfo(struct linux_sysinfo *result);
long sys_prlimit64(int pid, unsigned resource, const struct linux_rlimit *new_limit,
		   struct linux_rlimit *old_limit);
long sys_getrlimit(unsigned resource, struct linux_rlimit *result);
long sys_sched_getaffinity(int pid, unsigned long length, uint64_t *mask);
long sys_getcpu(unsigned *cpu, unsigned *node, void *unused);
long sys_syslog(int action, char *buffer, int length);
long sys_brk(unsigned long requested);
long sys_mmap(unsigned long address, unsigned long length, int protection, int flags, int fd,
	      long offset);
long sys_munmap(unsigned long address, unsigned long length);
long sys_mprotect(unsigned long address, unsigned long length, int protection);
long sys_mremap(unsigned long old_address, unsigned long old_length, unsigned long new_length,
		int flags, unsigned long new_address);
long sys_madvise(unsigned long address, unsigned long length, int advice);
long sys_poll(struct linux_pollfd *fds, unsigned count, int timeout_ms);
long sys_ppoll(struct linux_pollfd *fds, unsigned count, const struct linux_timespec *timeout,
	       const uint64_t *mask, unsigned long mask_size);
long sys_select(int count, uint64_t *read_set, uint64_t *write_set, uint64_t *except_set,
		struct linux_timeval *timeout);
long sys_pselect6(int count, uint64_t *read_set, uint64_t *write_set, uint64_t *except_set,
		  const struct linux_timespec *timeout, const uint64_t *mask_argument);
long sys_exit_group(int status);
long sys_set_robust_list(void *head, unsigned long length);
long sys_get_robust_list(int tid, void **head, uint64_t *length);
long sys_arch_prctl(int code, unsigned long address);
long sys_rt_sigaction(int signal, const struct linux_sigaction *action,
		      struct linux_sigaction *old_action, unsigned long set_size);
long sys_rt_sigprocmask(int how, const uint64_t *set, uint64_t *old_set, unsigned long set_size);
long sys_kill(int pid, int signal);
long sys_setsid(void);
long sys_setpgid(int id, int group);
long sys_getpgid(int id);
long sys_getpgrp(void);
long sys_getsid(int id);
long sys_unshare(unsigned long flags);
long sys_tkill(int tid, int signal);
long sys_tgkill(int tgid, int tid, int signal);
long sys_rt_sigpending(uint64_t *set, unsigned long set_size);
long sys_rt_sigtimedwait(const uint64_t *set, struct linux_siginfo *info,
			 const struct linux_timespec *timeout, unsigned long set_size);
long sys_rt_sigsuspend(const uint64_t *mask, unsigned long set_size);
long sys_pause(void);
long sys_sigaltstack(const struct linux_signal_stack *new_stack,
		     struct linux_signal_stack *old_stack);
/* In arch/x86_64/syscall_entry.S: it needs the trap's frame (a direct call gets -ENOSYS). */
long sys_rt_sigreturn(void);
long sys_getrandom(void *buffer, size_t length, unsigned flags);
long sys_clone(unsigned long flags, unsigned long stack, int *parent_tid, int *child_tid,
	       unsigned long tls);
long sys_exit(int status);
long sys_set_tid_address(int *address);
long sys_gettid(void);
long sys_sched_yield(void);
long sys_futex(uint32_t *address, int operation, uint32_t value,
	       const struct linux_timespec *timeout, uint32_t *address2, uint32_t value3);
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
long sys_gettimeofday(struct linux_timeval *result, struct linux_timezone *timezone);
long sys_time(int64_t *result);
long sys_nanosleep(const struct linux_timespec *request, struct linux_timespec *remaining);
long sys_clock_nanosleep(int clock, int flags, const struct linux_timespec *request,
			 struct linux_timespec *remaining);
long sys_alarm(unsigned seconds);
long sys_getitimer(int which, struct linux_itimerval *current);
long sys_setitimer(int which, const struct linux_itimerval *new_value,
		   struct linux_itimerval *old_value);
long sys_timer_create(int clock, const struct linux_sigevent *event, int *timer_id);
long sys_timer_gettime(int id, struct linux_itimerspec *current);
long sys_timer_settime(int id, int flags, const struct linux_itimerspec *new_value,
		       struct linux_itimerspec *old_value);
long sys_timer_getoverrun(int id);
long sys_timer_delete(int id);

/* Sockets (sys/socket.c; net/absent.c in images without networking). */
struct linux_msghdr;
struct linux_mmsghdr;
long sys_socket(int family, int type, int protocol);
long sys_socketpair(int family, int type, int protocol, int *user_fds);
long sys_bind(int fd, const void *user_address, uint32_t length);
long sys_connect(int fd, const void *user_address, uint32_t length);
long sys_listen(int fd, int backlog);
long sys_accept(int fd, void *user_address, uint32_t *user_length);
long sys_accept4(int fd, void *user_address, uint32_t *user_length, int flags);
long sys_getsockname(int fd, void *user_address, uint32_t *user_length);
long sys_getpeername(int fd, void *user_address, uint32_t *user_length);
long sys_shutdown(int fd, int how);
long sys_setsockopt(int fd, int level, int name, const void *user_value, uint32_t length);
long sys_getsockopt(int fd, int level, int name, void *user_value, uint32_t *user_length);
long sys_sendmsg(int fd, struct linux_msghdr *user_header, unsigned flags);
long sys_recvmsg(int fd, struct linux_msghdr *user_header, unsigned flags);
long sys_sendto(int fd, const void *buffer, size_t length, unsigned flags, const void *user_address,
		uint32_t address_length);
long sys_recvfrom(int fd, void *buffer, size_t length, unsigned flags, void *user_address,
		  uint32_t *user_address_length);
long sys_sendmmsg(int fd, struct linux_mmsghdr *messages, unsigned count, unsigned flags);
long sys_recvmmsg(int fd, struct linux_mmsghdr *messages, unsigned count, unsigned flags,
		  const void *timeout);
/* sys/file_copy.c */
long sys_sendfile(int out_fd, int in_fd, int64_t *offset, size_t count);
