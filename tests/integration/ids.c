/* SPDX-License-Identifier: MIT */
/* ids: the process and user identities are consistent: getpid, gettid (the main thread is the
 * process), set_tid_address (returns the thread id), getppid, and equal real and effective user
 * and group ids, through musl's wrappers and through raw system calls alike; the thread's name
 * (prctl PR_SET_NAME/PR_GET_NAME, cut at 15 characters). */
#define _GNU_SOURCE /* gettid */
#include <errno.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	pid_t pid = getpid(), tid = (pid_t)syscall(SYS_gettid), parent = getppid();
	int tid_slot = 0;

	printf("pid %d tid %d ppid %d uid %d euid %d gid %d egid %d\n", pid, tid, parent, getuid(),
	       geteuid(), getgid(), getegid());
	CHECK(pid > 0, "getpid is %d", pid);
	CHECK(tid == pid, "gettid %d != getpid %d in the main thread", tid, pid);
	CHECK(gettid() == tid, "musl's gettid %d != raw gettid %d", gettid(), tid);
	CHECK(parent >= 0 && parent != pid, "getppid is %d (pid %d)", parent, pid);
	CHECK(syscall(SYS_getpid) == pid, "raw getpid differs");
	CHECK(syscall(SYS_getppid) == parent, "raw getppid differs");
	CHECK(getpid() == pid && getppid() == parent, "a second call gave different ids");
	CHECK(syscall(SYS_set_tid_address, &tid_slot) == tid, "set_tid_address did not return %d",
	      tid);
	CHECK(getuid() == geteuid(), "uid %d != euid %d", getuid(), geteuid());
	CHECK(getgid() == getegid(), "gid %d != egid %d", getgid(), getegid());
	CHECK(syscall(SYS_getuid) == getuid() && syscall(SYS_geteuid) == geteuid() &&
		  syscall(SYS_getgid) == getgid() && syscall(SYS_getegid) == getegid(),
	      "raw user or group ids differ from musl's");
	CHECK((int)getuid() >= 0 && (int)getgid() >= 0, "negative uid or gid");
	char name[16] = "";
	CHECK(prctl(PR_SET_NAME, "a-rather-long-thread-name") == 0 &&
		  prctl(PR_GET_NAME, name) == 0 && !strcmp(name, "a-rather-long-t"),
	      "thread name [%s]", name);
	errno = 0;
	CHECK(prctl(PR_SET_NAME, (char *)8) == -1 && errno == EFAULT, "bad pointer: errno %d",
	      errno);
	return test_result();
}
