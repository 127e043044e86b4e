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
#define RLIMIT_STACK 3
#define RLIMIT_NOFILE 7
#define RLIMIT_COUNT 16
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

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414

struct linux_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};
#define SIGNAL_COUNT 64
#define SIG_DFL 0
#define SIG_IGN 1

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_TAI 11
#define TIMER_ABSTIME 1

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31
