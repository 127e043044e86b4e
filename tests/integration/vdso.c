/* SPDX-License-Identifier: MIT */
/* vdso: the auxiliary vector's AT_SYSINFO_EHDR is an ELF object whose dynamic symbol table
 * (found as musl finds it) has __vdso_clock_gettime, __vdso_gettimeofday, __vdso_time and
 * __vdso_getcpu; musl's clock_gettime, gettimeofday, time and sched_getcpu answer through it
 * without a system call (/proc/syscalls does not count them, while it counts the same call made
 * with syscall()); the answers agree with the system calls'; clocks the vDSO does not read
 * (CPU time) and bad clock ids still work through the system call; and a thread spinning in the
 * vDSO is preempted, so another thread's sleep ends on time. */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static int64_t nanoseconds(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

/* The symbol's address in the vDSO at EHDR, looked up as musl's __vdsosym does (load bias from
 * the PT_LOAD segment, DT_HASH for the symbol count), versions ignored; NULL if absent. */
static void *vdso_symbol(const Elf64_Ehdr *header, const char *name)
{
	const Elf64_Phdr *segments = (const void *)((const char *)header + header->e_phoff);
	const Elf64_Dyn *dynamic = NULL;
	uintptr_t bias = 0;
	int have_load = 0;

	for (int i = 0; i < header->e_phnum; i++) {
		if (segments[i].p_type == PT_LOAD && !have_load) {
			bias = (uintptr_t)header + segments[i].p_offset - segments[i].p_vaddr;
			have_load = 1;
		} else if (segments[i].p_type == PT_DYNAMIC) {
			dynamic = (const void *)((const char *)header + segments[i].p_offset);
		}
	}
	if (!have_load || !dynamic)
		return NULL;
	const char *strings = NULL;
	const Elf64_Sym *symbols = NULL;
	const uint32_t *hash = NULL;
	for (; dynamic->d_tag != DT_NULL; dynamic++) {
		void *address = (void *)(bias + dynamic->d_un.d_ptr);
		if (dynamic->d_tag == DT_STRTAB)
			strings = address;
		else if (dynamic->d_tag == DT_SYMTAB)
			symbols = address;
		else if (dynamic->d_tag == DT_HASH)
			hash = address;
	}
	if (!strings || !symbols || !hash)
		return NULL;
	for (uint32_t i = 0; i < hash[1]; i++)
		if (symbols[i].st_shndx != SHN_UNDEF &&
		    ELF64_ST_TYPE(symbols[i].st_info) == STT_FUNC &&
		    strcmp(strings + symbols[i].st_name, name) == 0)
			return (void *)(bias + symbols[i].st_value);
	return NULL;
}

/* The count /proc/syscalls gives for NAME (0 if absent); -1 if the file cannot be read. */
static long syscall_count(const char *name)
{
	char line[128], line_name[64];
	unsigned long count;
	long found = 0;
	FILE *file = fopen("/proc/syscalls", "r");

	if (!file)
		return -1;
	while (fgets(line, sizeof(line), file))
		if (sscanf(line, "%63s %lu", line_name, &count) == 2 &&
		    strcmp(line_name, name) == 0)
			found = (long)count;
	fclose(file);
	return found;
}

static void check_directory(void)
{
	const Elf64_Ehdr *header = (const void *)getauxval(AT_SYSINFO_EHDR);

	CHECK(header != NULL, "no AT_SYSINFO_EHDR in the auxiliary vector");
	if (!header)
		return;
	CHECK(memcmp(header->e_ident, ELFMAG, SELFMAG) == 0,
	      "AT_SYSINFO_EHDR is not an ELF header");
	CHECK(header->e_ident[EI_CLASS] == ELFCLASS64 && header->e_machine == EM_X86_64 &&
		  header->e_type == ET_DYN,
	      "vDSO class %d machine %d type %d", header->e_ident[EI_CLASS], header->e_machine,
	      header->e_type);
	CHECK(header->e_phentsize == sizeof(Elf64_Phdr), "e_phentsize is %d", header->e_phentsize);

	long (*vdso_time)(time_t *) = (long (*)(time_t *))vdso_symbol(header, "__vdso_time");
	int (*vdso_getcpu)(unsigned *, unsigned *, void *) =
	    (int (*)(unsigned *, unsigned *, void *))vdso_symbol(header, "__vdso_getcpu");
	CHECK(vdso_symbol(header, "__vdso_clock_gettime") != NULL, "no __vdso_clock_gettime");
	int (*vdso_gettimeofday)(struct timeval *, struct timezone *) =
	    (int (*)(struct timeval *, struct timezone *))vdso_symbol(header,
								      "__vdso_gettimeofday");
	CHECK(vdso_gettimeofday != NULL, "no __vdso_gettimeofday");
	if (vdso_gettimeofday) {
		struct timeval now = {-1, -1};
		struct timezone zone = {-1, -1};
		CHECK(vdso_gettimeofday(&now, &zone) == 0 && now.tv_sec > 0 && now.tv_usec >= 0 &&
			  now.tv_usec < 1000000 && zone.tz_minuteswest == 0 && zone.tz_dsttime == 0,
		      "__vdso_gettimeofday gave %ld.%06ld, zone %d/%d", (long)now.tv_sec,
		      (long)now.tv_usec, zone.tz_minuteswest, zone.tz_dsttime);
	}
	CHECK(vdso_time != NULL && vdso_getcpu != NULL, "no __vdso_time or __vdso_getcpu");
	CHECK(vdso_symbol(header, "__vdso_nonexistent") == NULL, "a symbol that is not there");
	if (vdso_time) {
		time_t stored = 0, before = syscall(SYS_time, NULL);
		long seconds = vdso_time(&stored);
		CHECK(seconds == stored && seconds >= before && seconds <= before + 2,
		      "__vdso_time gave %ld (stored %ld), the system call %ld", seconds,
		      (long)stored, (long)before);
	}
	if (vdso_getcpu) {
		unsigned cpu = 99, node = 99;
		CHECK(vdso_getcpu(&cpu, &node, NULL) == 0 && cpu < 1024 && node == 0,
		      "__vdso_getcpu gave cpu %u node %u", cpu, node);
	}
}

/* The vDSO's readings lie between two system calls' readings of the same clock. */
static void check_agreement(clockid_t clock, const char *name)
{
	struct timespec before, middle, after;

	CHECK(syscall(SYS_clock_gettime, clock, &before) == 0, "system call %s failed", name);
	CHECK(clock_gettime(clock, &middle) == 0, "clock_gettime(%s) failed, errno %d", name,
	      errno);
	CHECK(syscall(SYS_clock_gettime, clock, &after) == 0, "system call %s failed", name);
	CHECK(nanoseconds(&before) <= nanoseconds(&middle) &&
		  nanoseconds(&middle) <= nanoseconds(&after),
	      "%s: vDSO %lld not between system calls %lld and %lld", name,
	      (long long)nanoseconds(&middle), (long long)nanoseconds(&before),
	      (long long)nanoseconds(&after));
	CHECK(middle.tv_nsec >= 0 && middle.tv_nsec < 1000000000, "%s: tv_nsec %ld", name,
	      middle.tv_nsec);
}

static void check_other_calls(void)
{
	struct timeval now;
	struct timezone zone = {-1, -1};
	struct timespec cpu_time;

	CHECK(gettimeofday(&now, NULL) == 0 && now.tv_usec >= 0 && now.tv_usec < 1000000,
	      "gettimeofday gave %ld us", (long)now.tv_usec);
	CHECK(syscall(SYS_gettimeofday, &now, &zone) == 0 && zone.tz_minuteswest == 0 &&
		  zone.tz_dsttime == 0,
	      "the gettimeofday system call gave time zone %d/%d", zone.tz_minuteswest,
	      zone.tz_dsttime);
	time_t seconds = time(NULL);
	CHECK(seconds >= now.tv_sec && seconds <= now.tv_sec + 2, "time() %ld, gettimeofday %ld",
	      (long)seconds, (long)now.tv_sec);
	CHECK(sched_getcpu() >= 0, "sched_getcpu failed, errno %d", errno);
	CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_time) == 0 && nanoseconds(&cpu_time) > 0,
	      "CLOCK_PROCESS_CPUTIME_ID through the vDSO's fallback failed, errno %d", errno);
	errno = 0;
	CHECK(clock_gettime(12345, &cpu_time) == -1 && errno == EINVAL,
	      "clock_gettime(12345) gave errno %d, not EINVAL", errno);
}

/* The vDSO calls make no system call; the same call through syscall() counts. */
static void check_no_system_call(void)
{
	struct timespec now;
	struct timeval wall;

	if (test_on_linux())
		return; /* /proc/syscalls is Yolk's */
	long before = syscall_count("clock_gettime");
	long other_before = syscall_count("gettimeofday") + syscall_count("time");
	CHECK(before >= 0, "/proc/syscalls cannot be read");
	for (int i = 0; i < 1000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		clock_gettime(CLOCK_REALTIME, &now);
		gettimeofday(&wall, NULL);
		time(NULL);
		sched_getcpu();
	}
	long after = syscall_count("clock_gettime");
	CHECK(after == before, "1000 clock_gettime calls made %ld system calls", after - before);
	CHECK(syscall_count("gettimeofday") + syscall_count("time") == other_before,
	      "gettimeofday or time made system calls");
	CHECK(syscall_count("getcpu") == 0, "sched_getcpu made %ld system calls",
	      syscall_count("getcpu"));
	for (int i = 0; i < 10; i++)
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
	CHECK(syscall_count("clock_gettime") == after + 10,
	      "10 clock_gettime system calls counted as %ld",
	      syscall_count("clock_gettime") - after);
}

static volatile int sleeper_done;

static void *sleeper(void *unused)
{
	struct timespec pause = {0, 20 * 1000 * 1000};

	(void)unused;
	nanosleep(&pause, NULL);
	sleeper_done = 1;
	return NULL;
}

/* The vDSO runs as application code: the timer interrupts it, and the sleeper runs. */
static void check_preemption(void)
{
	pthread_t thread;
	struct timespec start, now;
	long reads = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	CHECK(pthread_create(&thread, NULL, sleeper, NULL) == 0, "pthread_create failed");
	do {
		clock_gettime(CLOCK_MONOTONIC, &now);
		reads++;
	} while (!sleeper_done && nanoseconds(&now) - nanoseconds(&start) < 5000000000ll);
	CHECK(sleeper_done, "a 20 ms sleep did not end in 5 s while main spun in clock_gettime");
	pthread_join(thread, NULL);
	printf("the sleeper woke after %lld ms and %ld reads\n",
	       (long long)(nanoseconds(&now) - nanoseconds(&start)) / 1000000, reads);
}

int main(void)
{
	check_directory();
	check_agreement(CLOCK_MONOTONIC, "MONOTONIC");
	check_agreement(CLOCK_REALTIME, "REALTIME");
	check_agreement(CLOCK_BOOTTIME, "BOOTTIME");
	check_other_calls();
	check_no_system_call();
	check_preemption();
	return test_result();
}
