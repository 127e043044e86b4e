/* SPDX-License-Identifier: MIT */
/* time_calls: every clock the kernel offers answers clock_gettime and clock_getres (REALTIME,
 * MONOTONIC, their COARSE variants, BOOTTIME, PROCESS_CPUTIME_ID, THREAD_CPUTIME_ID), the wall
 * clocks agree with each other (clock_gettime, the gettimeofday and time system calls called
 * directly, since musl's wrappers go through clock_gettime), a nanosleep of 20 ms takes at
 * least 20 ms, and bad arguments get EINVAL. */
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static const struct {
	clockid_t id;
	const char *name;
} clocks[] = {
    {CLOCK_REALTIME, "REALTIME"},
    {CLOCK_MONOTONIC, "MONOTONIC"},
    {CLOCK_REALTIME_COARSE, "REALTIME_COARSE"},
    {CLOCK_MONOTONIC_COARSE, "MONOTONIC_COARSE"},
    {CLOCK_BOOTTIME, "BOOTTIME"},
    {CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME_ID"},
    {CLOCK_THREAD_CPUTIME_ID, "THREAD_CPUTIME_ID"},
};

static int64_t nanoseconds(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

/* Raw system calls: musl's wrappers would use the vDSO on Linux, and clock_gettime for time(). */
static int64_t read_clock(clockid_t id)
{
	struct timespec t = {-1, -1};

	if (syscall(SYS_clock_gettime, id, &t) != 0)
		return -1;
	return nanoseconds(&t);
}

static void check_clock(clockid_t id, const char *name)
{
	struct timespec t = {-1, -1}, resolution = {-1, -1};

	CHECK(syscall(SYS_clock_gettime, id, &t) == 0, "clock_gettime(%s) failed, errno %d", name,
	      errno);
	CHECK(t.tv_sec >= 0 && t.tv_nsec >= 0 && t.tv_nsec < 1000000000,
	      "clock_gettime(%s) gave {%lld, %ld}", name, (long long)t.tv_sec, t.tv_nsec);
	CHECK(clock_gettime(id, &t) == 0, "musl's clock_gettime(%s) failed, errno %d", name, errno);
	CHECK(syscall(SYS_clock_getres, id, &resolution) == 0, "clock_getres(%s) failed, errno %d",
	      name, errno);
	CHECK(resolution.tv_sec == 0 && resolution.tv_nsec > 0 && resolution.tv_nsec <= 100000000,
	      "clock_getres(%s) gave {%lld, %ld}", name, (long long)resolution.tv_sec,
	      resolution.tv_nsec);
	CHECK(syscall(SYS_clock_getres, id, NULL) == 0, "clock_getres(%s, NULL) failed", name);
	printf("%-18s %lld.%09ld s, resolution %ld ns\n", name, (long long)t.tv_sec, t.tv_nsec,
	       resolution.tv_nsec);
}

static void check_wall_clocks(void)
{
	struct timeval tv = {-1, -1};
	time_t from_time = -1, stored = -1;
	int64_t realtime = read_clock(CLOCK_REALTIME), coarse = read_clock(CLOCK_REALTIME_COARSE);

	CHECK(syscall(SYS_gettimeofday, &tv, NULL) == 0, "gettimeofday failed, errno %d", errno);
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000, "gettimeofday gave tv_usec %ld",
	      (long)tv.tv_usec);
	from_time = syscall(SYS_time, &stored);
	CHECK(from_time == stored, "time returned %lld but stored %lld", (long long)from_time,
	      (long long)stored);
	CHECK(syscall(SYS_time, NULL) >= from_time, "time(NULL) went back");
	CHECK(realtime / 1000000000 > 1577836800, "CLOCK_REALTIME %lld s is before 2020",
	      (long long)(realtime / 1000000000));
	CHECK(llabs(tv.tv_sec - realtime / 1000000000) <= 2,
	      "gettimeofday %lld s and CLOCK_REALTIME %lld s differ", (long long)tv.tv_sec,
	      (long long)(realtime / 1000000000));
	CHECK(llabs(from_time - realtime / 1000000000) <= 2,
	      "time %lld s and CLOCK_REALTIME %lld s differ", (long long)from_time,
	      (long long)(realtime / 1000000000));
	CHECK(llabs(coarse - realtime) < 1000000000, "REALTIME_COARSE is %lld ns from REALTIME",
	      (long long)(coarse - realtime));
	CHECK(time(NULL) == from_time || time(NULL) == from_time + 1, "musl's time() disagrees");
}

static void check_relations(void)
{
	int64_t monotonic = read_clock(CLOCK_MONOTONIC);
	int64_t coarse = read_clock(CLOCK_MONOTONIC_COARSE);
	int64_t boottime = read_clock(CLOCK_BOOTTIME);
	int64_t cpu_before = read_clock(CLOCK_PROCESS_CPUTIME_ID);
	int64_t thread_before = read_clock(CLOCK_THREAD_CPUTIME_ID);

	CHECK(llabs(coarse - monotonic) < 1000000000, "MONOTONIC_COARSE is %lld ns from MONOTONIC",
	      (long long)(coarse - monotonic));
	CHECK(boottime >= monotonic, "BOOTTIME %lld is before MONOTONIC %lld", (long long)boottime,
	      (long long)monotonic);
	/* Busy for 20 ms of monotonic time: the CPU-time clocks must move. */
	while (read_clock(CLOCK_MONOTONIC) - monotonic < 20000000)
		;
	CHECK(read_clock(CLOCK_PROCESS_CPUTIME_ID) > cpu_before, "PROCESS_CPUTIME_ID did not move");
	CHECK(read_clock(CLOCK_THREAD_CPUTIME_ID) > thread_before,
	      "THREAD_CPUTIME_ID did not move");
}

static void check_nanosleep(void)
{
	struct timespec request = {0, 20000000}, remaining = {-1, -1};
	int64_t before = read_clock(CLOCK_MONOTONIC);

	CHECK(nanosleep(&request, &remaining) == 0, "nanosleep failed, errno %d", errno);
	int64_t slept = read_clock(CLOCK_MONOTONIC) - before;
	printf("nanosleep of 20 ms took %lld us\n", (long long)slept / 1000);
	CHECK(slept >= 20000000, "nanosleep of 20 ms returned after %lld us",
	      (long long)slept / 1000);
	CHECK(slept < 5000000000, "nanosleep of 20 ms took %lld ms", (long long)slept / 1000000);

	before = read_clock(CLOCK_MONOTONIC);
	request.tv_nsec = 0;
	CHECK(syscall(SYS_nanosleep, &request, NULL) == 0, "nanosleep of 0 failed");
	CHECK(read_clock(CLOCK_MONOTONIC) - before < 1000000000, "nanosleep of 0 took over 1 s");
	request.tv_nsec = 1000000000;
	errno = 0;
	CHECK(syscall(SYS_nanosleep, &request, NULL) == -1 && errno == EINVAL,
	      "nanosleep with tv_nsec 1e9 did not fail with EINVAL (errno %d)", errno);
	request = (struct timespec){-1, 0};
	errno = 0;
	CHECK(syscall(SYS_nanosleep, &request, NULL) == -1 && errno == EINVAL,
	      "nanosleep with tv_sec -1 did not fail with EINVAL (errno %d)", errno);
}

int main(void)
{
	struct timespec t;

	for (size_t i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++)
		check_clock(clocks[i].id, clocks[i].name);
	check_wall_clocks();
	check_relations();
	check_nanosleep();
	errno = 0;
	CHECK(syscall(SYS_clock_gettime, 12345, &t) == -1 && errno == EINVAL,
	      "clock_gettime of clock 12345 did not fail with EINVAL (errno %d)", errno);
	errno = 0;
	CHECK(syscall(SYS_clock_getres, 12345, &t) == -1 && errno == EINVAL,
	      "clock_getres of clock 12345 did not fail with EINVAL (errno %d)", errno);
	return test_result();
}
