// SPDX-License-Identifier: MIT
/* clock_gettime, clock_getres, gettimeofday, time, nanosleep, clock_nanosleep over kernel/time.c.
 * All clocks come from the TSC; the CPU-time clocks from the scheduler's accounting. */
#include "sys/syscalls.h"
#include "include/uapi/linux.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "sys/user_memory.h"

/* CPU-time clocks of a given thread or process, as pthread_getcpuclockid and
 * clock_getcpuclockid make them: ~id << 3 | (4 for a thread) | the kind (2: scheduler time). */
static int cpu_clock_read(int clock, uint64_t *ns)
{
	int id = ~(clock >> 3);
	bool per_thread = clock & 4;

	if ((clock & 3) == 3)
		return -EINVAL;
	if (!per_thread) {
		if (id != 0 && id != 1)
			return -EINVAL;
		*ns = scheduler_cpu_time_ns(true);
		return 0;
	}
	struct thread *thread = id ? thread_find(id) : thread_current();
	if (!thread)
		return -EINVAL;
	*ns = thread == thread_current() ? scheduler_cpu_time_ns(false) : thread->cpu_time_ns;
	return 0;
}

static int clock_read(int clock, uint64_t *ns)
{
	if (time_read_tsc_clock(clock, ns))
		return 0;
	if (clock < 0)
		return cpu_clock_read(clock, ns);
	if (clock != CLOCK_PROCESS_CPUTIME_ID && clock != CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	*ns = scheduler_cpu_time_ns(clock == CLOCK_PROCESS_CPUTIME_ID);
	return 0;
}

static struct linux_timespec to_timespec(uint64_t ns)
{
	return (struct linux_timespec){ns / NANOSECONDS_PER_SECOND, ns % NANOSECONDS_PER_SECOND};
}

long sys_clock_gettime(int clock, struct linux_timespec *result)
{
	uint64_t ns;
	int error = clock_read(clock, &ns);

	if (error)
		return error;
	struct linux_timespec value = to_timespec(ns);
	return copy_to_user(result, &value, sizeof(value));
}

long sys_clock_getres(int clock, struct linux_timespec *result)
{
	uint64_t ns;
	int error = clock_read(clock, &ns);

	if (error || !result)
		return error;
	struct linux_timespec resolution = {0, 1};
	return copy_to_user(result, &resolution, sizeof(resolution));
}

/* The time zone is always UTC (Linux's default, which only settimeofday changes). */
long sys_gettimeofday(struct linux_timeval *result, struct linux_timezone *timezone)
{
	const struct linux_timezone utc = {0, 0};

	if (result) {
		uint64_t ns = time_realtime_ns();
		struct linux_timeval value = {ns / NANOSECONDS_PER_SECOND,
					      ns % NANOSECONDS_PER_SECOND / 1000};
		if (copy_to_user(result, &value, sizeof(value)))
			return -EFAULT;
	}
	if (timezone && copy_to_user(timezone, &utc, sizeof(utc)))
		return -EFAULT;
	return 0;
}

long sys_time(int64_t *result)
{
	int64_t seconds = time_realtime_ns() / NANOSECONDS_PER_SECOND;

	if (result && copy_to_user(result, &seconds, sizeof(seconds)))
		return -EFAULT;
	return seconds;
}

/* Reads a relative or absolute request and returns the monotonic deadline, or -errno. */
static int64_t read_deadline(int clock, bool absolute, const struct linux_timespec *request)
{
	struct linux_timespec value;
	uint64_t now;

	if (copy_from_user(&value, request, sizeof(value)))
		return -EFAULT;
	if (value.tv_sec < 0 || value.tv_nsec < 0 ||
	    value.tv_nsec >= (int64_t)NANOSECONDS_PER_SECOND)
		return -EINVAL;
	if (clock_read(clock, &now) || clock == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	uint64_t requested = (uint64_t)value.tv_sec * NANOSECONDS_PER_SECOND + value.tv_nsec;
	if (value.tv_sec > 100ll * 365 * 86400)
		requested = 100ull * 365 * 86400 * NANOSECONDS_PER_SECOND;
	uint64_t relative = absolute ? (requested > now ? requested - now : 0) : requested;
	return (int64_t)(time_monotonic_ns() + relative);
}

/* Sleeps; when a signal cuts the sleep short, a relative sleep reports what was left. */
static long sleep_until(int64_t deadline, bool absolute, struct linux_timespec *remaining)
{
	if (deadline < 0)
		return deadline;
	if (scheduler_sleep_until(deadline) != -EINTR)
		return 0;
	if (remaining && !absolute) {
		uint64_t now = time_monotonic_ns();
		struct linux_timespec left =
		    to_timespec((uint64_t)deadline > now ? deadline - now : 0);
		if (copy_to_user(remaining, &left, sizeof(left)))
			return -EFAULT;
	}
	return -EINTR;
}

long sys_nanosleep(const struct linux_timespec *request, struct linux_timespec *remaining)
{
	return sleep_until(read_deadline(CLOCK_MONOTONIC, false, request), false, remaining);
}

long sys_clock_nanosleep(int clock, int flags, const struct linux_timespec *request,
			 struct linux_timespec *remaining)
{
	bool absolute = flags & TIMER_ABSTIME;

	return sleep_until(read_deadline(clock, absolute, request), absolute, remaining);
}
