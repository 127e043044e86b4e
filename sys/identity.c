// SPDX-License-Identifier: MIT
/* Who and where the program is: process and user ids (one process, pid 1, root), uname,
 * sysinfo, resource limits, CPU affinity. */
#include "sys/syscalls.h"
#include "arch/x86_64/cpu_setup.h"
#include "include/uapi/linux.h"
#include "kernel/log.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "sys/limits.h"
#include "sys/user_memory.h"

#define IMAGE_PID 1

#define UNLIMITED                                                                                  \
	{                                                                                          \
		RLIM_INFINITY, RLIM_INFINITY                                                       \
	}

/* Linux's resource numbers: CPU, FSIZE, DATA, STACK, CORE, RSS, NPROC, NOFILE, MEMLOCK, AS,
 * LOCKS, SIGPENDING, MSGQUEUE, NICE, RTPRIO, RTTIME. */
static struct linux_rlimit limits[RLIMIT_COUNT] = {
    UNLIMITED,
    UNLIMITED,
    UNLIMITED,
    {STACK_MAX_SIZE, RLIM_INFINITY},
    {0, RLIM_INFINITY},
    UNLIMITED,
    UNLIMITED,
    {1024, 4096},
    {8u << 20, 8u << 20},
    UNLIMITED,
    UNLIMITED,
    UNLIMITED,
    {819200, 819200},
    {0, 0},
    {0, 0},
    UNLIMITED,
};

uint64_t resource_limit_current(unsigned resource)
{
	return resource < RLIMIT_COUNT ? limits[resource].current : 0;
}

long sys_getpid(void)
{
	return IMAGE_PID;
}

long sys_getppid(void)
{
	return 0;
}

long sys_getuid(void)
{
	return 0;
}

long sys_geteuid(void)
{
	return 0;
}

long sys_getgid(void)
{
	return 0;
}

long sys_getegid(void)
{
	return 0;
}

long sys_uname(struct linux_utsname *result)
{
	struct linux_utsname name = {0};

	strlcpy(name.sysname, "Yolk", sizeof(name.sysname));
	strlcpy(name.nodename, "yolk", sizeof(name.nodename));
	strlcpy(name.release, YOLK_VERSION, sizeof(name.release));
	strlcpy(name.version, "#1 " __DATE__, sizeof(name.version));
	strlcpy(name.machine, "x86_64", sizeof(name.machine));
	strlcpy(name.domainname, "(none)", sizeof(name.domainname));
	return copy_to_user(result, &name, sizeof(name));
}

long sys_sysinfo(struct linux_sysinfo *result)
{
	struct linux_sysinfo info = {
	    .uptime = time_monotonic_ns() / NANOSECONDS_PER_SECOND,
	    .totalram = frame_total_count() * PAGE_SIZE,
	    .freeram = frame_free_count() * PAGE_SIZE,
	    .procs = 1,
	    .mem_unit = 1,
	};
	return copy_to_user(result, &info, sizeof(info));
}

long sys_prlimit64(int pid, unsigned resource, const struct linux_rlimit *new_limit,
		   struct linux_rlimit *old_limit)
{
	struct linux_rlimit value;

	if (pid != 0 && pid != IMAGE_PID)
		return -ESRCH;
	if (resource >= RLIMIT_COUNT)
		return -EINVAL;
	if (new_limit) {
		if (copy_from_user(&value, new_limit, sizeof(value)))
			return -EFAULT;
		if (value.current > value.maximum)
			return -EINVAL;
	}
	if (old_limit && copy_to_user(old_limit, &limits[resource], sizeof(*old_limit)))
		return -EFAULT;
	if (new_limit)
		limits[resource] = value;
	return 0;
}

long sys_getrlimit(unsigned resource, struct linux_rlimit *result)
{
	return sys_prlimit64(0, resource, NULL, result);
}

long sys_sched_getaffinity(int pid, unsigned long length, uint64_t *mask)
{
	const uint64_t cpus = 1; /* CPU 0 */

	if (pid != 0 && pid != IMAGE_PID)
		return -ESRCH;
	if (length < sizeof(cpus) || (length & (sizeof(long) - 1)))
		return -EINVAL;
	if (copy_to_user(mask, &cpus, sizeof(cpus)))
		return -EFAULT;
	return sizeof(cpus);
}

/* getcpu: the CPU the caller runs on, and its NUMA node (always 0); the third argument is a
 * cache Linux ignores too. The vDSO answers musl's sched_getcpu without this call. */
long sys_getcpu(unsigned *cpu, unsigned *node, void *unused)
{
	const unsigned index = this_cpu()->index, node_index = 0;

	(void)unused;
	if (cpu && copy_to_user(cpu, &index, sizeof(index)))
		return -EFAULT;
	if (node && copy_to_user(node, &node_index, sizeof(node_index)))
		return -EFAULT;
	return 0;
}

/* syslog (klogctl): the kernel log for dmesg. Of the reads only READ_ALL, which does not
 * consume: the ring stays for the next reader. */
long sys_syslog(int action, char *buffer, int length)
{
	enum {
		CLOSE = 0,
		OPEN = 1,
		READ_ALL = 3,
		CONSOLE_OFF = 6,
		CONSOLE_ON = 7,
		CONSOLE_LEVEL = 8,
		SIZE_UNREAD = 9,
		SIZE_BUFFER = 10
	};

	switch (action) {
	case CLOSE:
	case OPEN:
		return 0;
	case READ_ALL:
		if (length < 0)
			return -EINVAL;
		if (!user_writable(buffer, length))
			return -EFAULT;
		return (long)log_read_all(buffer, (size_t)length);
	case CONSOLE_OFF:
		log_set_console_level(1);
		return 0;
	case CONSOLE_ON:
		log_set_console_level(LOG_WARNING);
		return 0;
	case CONSOLE_LEVEL:
		if (length < 1 || length > 8)
			return -EINVAL;
		log_set_console_level(length);
		return 0;
	case SIZE_UNREAD:
	case SIZE_BUFFER:
		return (long)log_size();
	default:
		return -EINVAL;
	}
}
