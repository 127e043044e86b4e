/* SPDX-License-Identifier: MIT */
/* prlimit_affinity: sched_getaffinity names at least one CPU (and sysconf agrees), and the
 * resource limits answer through getrlimit and prlimit64 with sane values; an unknown
 * resource is EINVAL. */
#define _GNU_SOURCE /* CPU_COUNT, prlimit */
#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

static void check_affinity(void)
{
	cpu_set_t set;
	long online = sysconf(_SC_NPROCESSORS_ONLN);

	CPU_ZERO(&set);
	CHECK(sched_getaffinity(0, sizeof(set), &set) == 0, "sched_getaffinity failed, errno %d",
	      errno);
	int count = CPU_COUNT(&set);
	printf("affinity: %d CPUs, sysconf: %ld online\n", count, online);
	CHECK(count >= 1, "sched_getaffinity gave no CPU");
	CHECK(online >= 1, "sysconf(_SC_NPROCESSORS_ONLN) is %ld", online);
	long bytes = syscall(SYS_sched_getaffinity, 0, sizeof(set), &set);
	CHECK(bytes > 0 && bytes <= (long)sizeof(set) && bytes % 8 == 0,
	      "the raw sched_getaffinity returned %ld (the mask size in bytes expected)", bytes);
	CHECK(sched_getaffinity(getpid(), sizeof(set), &set) == 0,
	      "sched_getaffinity(getpid()) failed, errno %d", errno);
}

static void check_limit(int resource, const char *name, rlim_t minimum)
{
	struct rlimit limit = {0, 0}, again = {0, 0};

	CHECK(getrlimit(resource, &limit) == 0, "getrlimit(%s) failed, errno %d", name, errno);
	printf("%s: soft %llu hard %llu\n", name, (unsigned long long)limit.rlim_cur,
	       (unsigned long long)limit.rlim_max);
	CHECK(limit.rlim_cur >= minimum, "%s soft limit %llu is below %llu", name,
	      (unsigned long long)limit.rlim_cur, (unsigned long long)minimum);
	CHECK(limit.rlim_max == RLIM_INFINITY || limit.rlim_cur <= limit.rlim_max,
	      "%s soft limit is above the hard limit", name);
	CHECK(syscall(SYS_prlimit64, 0, resource, NULL, &again) == 0, "prlimit64(%s) failed", name);
	CHECK(again.rlim_cur == limit.rlim_cur && again.rlim_max == limit.rlim_max,
	      "prlimit64 and getrlimit disagree on %s", name);
}

int main(void)
{
	struct rlimit limit;

	check_affinity();
	check_limit(RLIMIT_STACK, "RLIMIT_STACK", 64 * 1024);
	check_limit(RLIMIT_NOFILE, "RLIMIT_NOFILE", 3);
	check_limit(RLIMIT_AS, "RLIMIT_AS", 16 << 20);
	CHECK(sysconf(_SC_OPEN_MAX) >= 3, "sysconf(_SC_OPEN_MAX) is %ld", sysconf(_SC_OPEN_MAX));
	errno = 0;
	CHECK(syscall(SYS_prlimit64, 0, 1000, NULL, &limit) == -1 && errno == EINVAL,
	      "prlimit64 of resource 1000 did not fail with EINVAL (errno %d)", errno);
	return test_result();
}
