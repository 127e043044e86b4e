// SPDX-License-Identifier: MIT
/* The direct-call libc, run on the host: Linux stands in for Yolk's kernel. This file defines
 * what the library calls — yolk_syscall and yolk_syscall_instruction, and for the inline direct
 * path a table (yolk_syscall_table: every entry the real `syscall` instruction), its counters,
 * yolk_syscall_exit, and a per-CPU block at %gs (host_start sets GS before musl starts) — with
 * the contracts third_party/musl/README.md gives, then exercises each
 * replaced file: syscall_arch.h (arguments 1 to 6 and the number in place), syscall_cp.s
 * (cancellation points, their arguments and the cancel paths), clone.s, __unmapself.s,
 * __set_thread_area.s (TLS), restore.s (a handler returns) and vfork.s.
 * Usage (make musl-host-check): host-check PID EPOCH-SECONDS, the process id the caller expects
 * and the time it started. Prints one line per check and "N passed, N failed". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int passed, failed;
static int deferred_unmaps;

static void check(const char *name, bool ok)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", name);
	if (ok)
		passed++;
	else
		failed++;
}

/* The inline direct path's side of the kernel. The per-CPU block's bytes 32 and 33 (pending
 * signal, deferred interrupt) stay zero, so yolk_syscall_exit is never called; each table entry
 * is entered with the number in RAX and the fourth argument in RCX. */
unsigned char per_cpu_block[64];
unsigned long yolk_syscall_counts[512];
long host_munmap(long address, long length);
long yolk_syscall(long a1, long a2, long a3, long a4, long a5, long a6, long number);
__asm__(".text\n"
	"host_trap_entry:\n"
	"	cmpq $11, %rax\n" /* SYS_munmap */
	"	je host_munmap\n"
	"	movq %rcx, %r10\n"
	"	syscall\n"
	"	ret\n"
	".globl yolk_syscall_exit\n"
	"yolk_syscall_exit:\n"
	"	ud2\n"
	/* The entry: GS to the per-CPU block, then musl's own _start. */
	".globl host_start\n"
	"host_start:\n"
	"	movl $158, %eax\n"    /* SYS_arch_prctl */
	"	movl $0x1001, %edi\n" /* ARCH_SET_GS */
	"	leaq per_cpu_block(%rip), %rsi\n"
	"	syscall\n"
	"	jmp _start\n");
long host_trap_entry(void);
#define HOST_TRAP ((long (*)(void))host_trap_entry)
long (*const yolk_syscall_table[512])(void) = {[0 ... 511] = HOST_TRAP};

/* Linux's munmap of the running stack is immediate; Yolk's kernel defers it to the thread's
 * exit (the contract __unmapself.s relies on). The host leaks the stack instead. */
long host_munmap(long address, long length)
{
	return yolk_syscall(address, length, 0, 0, 0, 0, SYS_munmap);
}

long yolk_syscall(long a1, long a2, long a3, long a4, long a5, long a6, long number)
{
	unsigned long stack = (unsigned long)__builtin_frame_address(0);
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long result;

	if (number == SYS_munmap && stack - (unsigned long)a1 < (unsigned long)a2) {
		__atomic_add_fetch(&deferred_unmaps, 1, __ATOMIC_SEQ_CST);
		return 0;
	}
	__asm__ volatile("syscall"
			 : "=a"(result)
			 : "a"(number), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return result;
}

/* yolk_syscall_instruction behaves as the `syscall` instruction. The return address is kept in
 * RBX, which both children of clone and vfork get back; the caller's RBX waits in this thread's
 * TLS (the vfork child would overwrite anything kept below the shared stack). */
__thread long host_saved_rbx;
__asm__(".text\n"
	".globl yolk_syscall_instruction\n"
	".type yolk_syscall_instruction,@function\n"
	"yolk_syscall_instruction:\n"
	"	movq %rbx, %fs:host_saved_rbx@tpoff\n"
	"	popq %rbx\n"
	"	syscall\n"
	"	movq %rbx, %rcx\n"
	"	movq %fs:host_saved_rbx@tpoff, %rbx\n"
	"	jmpq *%rcx\n");

static void check_calls(long expected_pid, long start_seconds)
{
	struct timespec real, monotonic;
	char buffer[8] = "";
	int fds[2];

	check("getpid", getpid() == expected_pid);
	check("syscall(SYS_getpid), six arguments",
	      syscall(SYS_getpid, 1, 2, 3, 4, 5, 6) == expected_pid);
	check("clock_gettime(CLOCK_REALTIME)", clock_gettime(CLOCK_REALTIME, &real) == 0 &&
						   real.tv_sec >= start_seconds - 5 &&
						   real.tv_sec <= start_seconds + 60);
	check("clock_gettime(CLOCK_MONOTONIC)",
	      clock_gettime(CLOCK_MONOTONIC, &monotonic) == 0 && monotonic.tv_sec != real.tv_sec);
	errno = 0;
	check("clock_gettime(bad clock) sets errno EINVAL",
	      clock_gettime(12345, &real) == -1 && errno == EINVAL);
	check("pipe2, write, read (a cancellation point)",
	      pipe2(fds, O_CLOEXEC) == 0 && write(fds[1], "yolk", 4) == 4 &&
		  read(fds[0], buffer, sizeof(buffer)) == 4 && memcmp(buffer, "yolk", 4) == 0);
	close(fds[0]);
	close(fds[1]);
}

/* mmap's sixth argument, the offset, selects the second page of a file. */
static void check_six_arguments(void)
{
	char name[] = "/tmp/yolk-host-check-XXXXXX";
	int fd = mkstemp(name);
	char page[4096];
	bool ok = false;

	if (fd >= 0) {
		unlink(name);
		memset(page, 'A', sizeof(page));
		if (write(fd, page, sizeof(page)) == sizeof(page)) {
			memset(page, 'B', sizeof(page));
			ok = write(fd, page, sizeof(page)) == sizeof(page);
		}
	}
	char *mapped = ok ? mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096) : MAP_FAILED;
	check("mmap, six arguments",
	      mapped != MAP_FAILED && mapped[0] == 'B' && mapped[4095] == 'B');
	check("munmap", mapped != MAP_FAILED && munmap(mapped, 4096) == 0);
	close(fd);
}

/* epoll_pwait is a cancellation point with six arguments: the last two reach
 * __syscall_cp_asm on the stack; a wrong mask size would be EINVAL. */
static void check_cancellation_point_arguments(void)
{
	struct epoll_event event = {.events = EPOLLIN, .data.u64 = 0x1234567890abcdefull};
	struct epoll_event ready[4] = {0};
	int epoll = epoll_create1(EPOLL_CLOEXEC);
	sigset_t mask;
	int fds[2];

	sigemptyset(&mask);
	bool ok = epoll >= 0 && pipe(fds) == 0 &&
		  epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event) == 0 &&
		  write(fds[1], "x", 1) == 1;
	check("epoll_pwait, six arguments through __syscall_cp_asm",
	      ok && epoll_pwait(epoll, ready, 4, 1000, &mask) == 1 &&
		  ready[0].data.u64 == 0x1234567890abcdefull);
}

static __thread int thread_local_value = 7;

static void *thread_main(void *argument)
{
	thread_local_value = 99;
	return (void *)((long)argument * 2 + (gettid() != getpid()));
}

static void *detached_main(void *argument)
{
	(void)argument;
	return NULL;
}

static void check_threads(void)
{
	pthread_t thread;
	pthread_attr_t attributes;
	void *result = NULL;

	check("pthread_create, pthread_join (clone.s)",
	      pthread_create(&thread, NULL, thread_main, (void *)21) == 0 &&
		  pthread_join(thread, &result) == 0 && result == (void *)43);
	check("thread-local storage (__set_thread_area.s)", thread_local_value == 7);

	pthread_attr_init(&attributes);
	pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
	bool created = pthread_create(&thread, &attributes, detached_main, NULL) == 0;
	struct timespec pause = {0, 1000000};
	for (int i = 0; i < 2000 && !__atomic_load_n(&deferred_unmaps, __ATOMIC_SEQ_CST); i++)
		nanosleep(&pause, NULL);
	check("detached thread unmaps its stack and exits (__unmapself.s)",
	      created && __atomic_load_n(&deferred_unmaps, __ATOMIC_SEQ_CST) == 1);
}

/* A pending cancellation found at a cancellation point: __cp_begin's check sends the thread to
 * __cp_cancel, which exits it (enabled) or returns ECANCELED to the caller (masked). */
static void *cancel_main(void *argument)
{
	int *fds = argument;
	char byte;

	pthread_cancel(pthread_self());
	read(fds[0], &byte, 1);
	return NULL;
}

static void *masked_cancel_main(void *argument)
{
	int *fds = argument;
	char byte;

	pthread_setcancelstate(PTHREAD_CANCEL_MASKED, NULL);
	pthread_cancel(pthread_self());
	errno = 0;
	long result = read(fds[0], &byte, 1);
	return (void *)(long)(result == -1 && errno == ECANCELED);
}

static void check_cancellation(void)
{
	pthread_t thread;
	void *result = NULL;
	int fds[2];

	if (pipe(fds)) {
		check("pipe for the cancellation checks", false);
		return;
	}
	check("cancellation at a cancellation point (syscall_cp.s __cp_cancel)",
	      pthread_create(&thread, NULL, cancel_main, fds) == 0 &&
		  pthread_join(thread, &result) == 0 && result == PTHREAD_CANCELED);
	check("masked cancellation returns ECANCELED (syscall_cp.s __cp_cancel)",
	      pthread_create(&thread, NULL, masked_cancel_main, fds) == 0 &&
		  pthread_join(thread, &result) == 0 && result == (void *)1);
	close(fds[0]);
	close(fds[1]);
}

static volatile sig_atomic_t handled_signal;

static void handler(int signal, siginfo_t *info, void *context)
{
	(void)context;
	handled_signal = signal == SIGUSR1 && info->si_signo == SIGUSR1;
}

static void check_signal(void)
{
	struct sigaction action = {.sa_sigaction = handler, .sa_flags = SA_SIGINFO};
	volatile long canary = 0x5eed;

	sigemptyset(&action.sa_mask);
	check("handler runs and returns through __restore_rt (restore.s)",
	      sigaction(SIGUSR1, &action, NULL) == 0 && raise(SIGUSR1) == 0 && handled_signal &&
		  canary == 0x5eed);
}

static void check_vfork(void)
{
	int status = 0;
	pid_t child = vfork();

	if (child == 0)
		_exit(42);
	check("vfork, child exits, parent waits (vfork.s)",
	      child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
		  WEXITSTATUS(status) == 42);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: host-check PID EPOCH-SECONDS\n");
		return 2;
	}
	check_calls(atol(argv[1]), atol(argv[2]));
	check("the inline path counts each call (getpid)", yolk_syscall_counts[SYS_getpid] >= 1);
	check_six_arguments();
	check_cancellation_point_arguments();
	check_threads();
	check_cancellation();
	check_signal();
	check_vfork();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
