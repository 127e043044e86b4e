/* SPDX-License-Identifier: MIT */
/* Linux x86-64 ABI structures and constants the system calls exchange with the application. */
#pragma once
#include <stdint.h>

struct linux_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

struct linux_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

struct linux_timezone {
	int32_t minutes_west;
	int32_t dst_time;
};

struct linux_iovec {
	void *base;
	uint64_t length;
};

#define UTSNAME_FIELD 65
struct linux_utsname {
	char sysname[UTSNAME_FIELD];
	char nodename[UTSNAME_FIELD];
	char release[UTSNAME_FIELD];
	char version[UTSNAME_FIELD];
	char machine[UTSNAME_FIELD];
	char domainname[UTSNAME_FIELD];
};

struct linux_sysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	char reserved[20 - 2 * sizeof(long) - sizeof(int)];
};

struct linux_rlimit {
	uint64_t current;
	uint64_t maximum;
};
#define RLIMIT_STACK  3
#define RLIMIT_NOFILE 7
#define RLIMIT_COUNT  16
#define RLIM_INFINITY (~0ull)

struct linux_winsize {
	uint16_t rows, columns, x_pixels, y_pixels;
};

#define TERMIOS_CONTROL_CHARACTERS 19
struct linux_termios {
	uint32_t input_flags, output_flags, control_flags, local_flags;
	uint8_t line;
	uint8_t control_characters[TERMIOS_CONTROL_CHARACTERS];
};

#define TCGETS	   0x5401
#define TCSETS	   0x5402
#define TCSETSW	   0x5403
#define TCSETSF	   0x5404
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541b
#define FIONBIO	   0x5421

struct linux_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};
#define SIGNAL_COUNT 64
#define SA_SIGINFO   0x00000004
#define SA_ONSTACK   0x08000000
#define SA_RESTORER  0x04000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000
#define SS_ONSTACK   1
#define SS_DISABLE   2
#define MINSIGSTKSZ  2048

struct linux_siginfo {
	int32_t signo, error, code, padding;
	union {
		struct {
			int32_t pid;
			uint32_t uid;
		} kill;
		struct {
			int32_t timer_id, overrun;
			uint64_t value;
		} timer;
		uint64_t fault_address;
		uint8_t bytes[112];
	};
};

struct linux_signal_stack {
	uint64_t base;
	int32_t flags, padding;
	uint64_t size;
};

/* uc_mcontext: the registers in musl's gregset order (REG_R8 = 0 ... REG_CR2 = 22). */
struct linux_sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, rflags;
	uint16_t cs, gs, fs, ss;
	uint64_t error, trap_number, old_mask, cr2;
	uint64_t fpstate;
	uint64_t reserved[8];
};

struct linux_ucontext {
	uint64_t flags;
	uint64_t link;
	struct linux_signal_stack stack;
	struct linux_sigcontext mcontext;
	uint64_t sigmask;
};

/* What a handler finds on its stack: its return address (sa_restorer), the context, the
 * information; the FPU state follows, 64-byte aligned. */
struct linux_rt_sigframe {
	uint64_t return_address;
	struct linux_ucontext context;
	struct linux_siginfo info;
};

#define SI_USER	    0
#define SI_TKILL    (-6)
#define SI_TIMER    (-2)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2 /* a mapped page the access is not allowed on (mprotect) */
#define SIG_DFL	    0
#define SIG_IGN	    1

#define CLOCK_REALTIME		 0
#define CLOCK_MONOTONIC		 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	 3
#define CLOCK_MONOTONIC_RAW	 4
#define CLOCK_REALTIME_COARSE	 5
#define CLOCK_MONOTONIC_COARSE	 6
#define CLOCK_BOOTTIME		 7
#define CLOCK_TAI		 11
#define TIMER_ABSTIME		 1

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_EXECFN	31
#define AT_SYSINFO_EHDR 33
