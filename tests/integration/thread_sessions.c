/* SPDX-License-Identifier: MIT */
/* thread_sessions: job control and working directories per thread, as several shell sessions
 * in one image need them. A thread that calls setsid() leads a new session and process group
 * named by its thread id (the first thread, leader of group 1, is refused with EPERM as on
 * Linux); the threads it makes inherit both; kill(-group) reaches that group's leader and
 * nobody else; setpgid moves a thread to a new group of the session. unshare(CLONE_FS) gives
 * a thread its own working directory, shared by the threads it makes (pthreads pass CLONE_FS)
 * and unseen by the rest. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

static volatile int usr1_thread;

static void on_usr1(int signal)
{
	(void)signal;
	usr1_thread = (int)syscall(SYS_gettid);
}

static char inner_directory[PATH_MAX];
static int inner_group, inner_session;

static void *inner(void *argument)
{
	(void)argument;
	if (!getcwd(inner_directory, sizeof(inner_directory)))
		strcpy(inner_directory, "?");
	inner_group = getpgrp();
	inner_session = getsid(0);
	return NULL;
}

static int leader_tid, leader_session;
static char leader_directory[PATH_MAX];
static volatile bool leader_ready, leader_may_end;

static void *leader(void *argument)
{
	(void)argument;
	leader_tid = (int)syscall(SYS_gettid);
	leader_session = (int)setsid();
	CHECK(setsid() == -1 && errno == EPERM, "a second setsid is EPERM");
	CHECK(unshare(CLONE_FS) == 0, "unshare(CLONE_FS): %s", strerror(errno));
	CHECK(chdir("/tmp") == 0, "chdir /tmp");
	getcwd(leader_directory, sizeof(leader_directory));
	pthread_t thread;
	pthread_create(&thread, NULL, inner, NULL);
	pthread_join(thread, NULL);
	leader_ready = true;
	while (!leader_may_end)
		usleep(1000);
	return NULL;
}

int main(void)
{
	char directory[PATH_MAX];
	struct sigaction action = {.sa_handler = on_usr1};

	sigemptyset(&action.sa_mask);
	sigaction(SIGUSR1, &action, NULL);
	CHECK(getpgrp() == 1 && getsid(0) == 1, "the first thread: group %d, session %d", getpgrp(),
	      getsid(0));
	CHECK(setsid() == -1 && errno == EPERM, "setsid in a group leader is EPERM");
	CHECK(chdir("/root") == 0, "chdir /root");
	pthread_t thread;
	pthread_create(&thread, NULL, leader, NULL);
	while (!leader_ready)
		usleep(1000);
	CHECK(leader_session == leader_tid, "setsid returned the thread id: %d, %d", leader_session,
	      leader_tid);
	CHECK(!strcmp(leader_directory, "/tmp"), "the session is in /tmp: %s", leader_directory);
	CHECK(!strcmp(inner_directory, "/tmp"), "its thread shares it: %s", inner_directory);
	CHECK(inner_group == leader_tid && inner_session == leader_tid,
	      "its thread inherited group %d, session %d", inner_group, inner_session);
	CHECK(getcwd(directory, sizeof(directory)) && !strcmp(directory, "/root"),
	      "the first thread stayed in /root: %s", directory);
	CHECK(getpgid(leader_tid) == leader_tid && getsid(leader_tid) == leader_tid,
	      "getpgid/getsid of the leader");
	CHECK(kill(-leader_tid, SIGUSR1) == 0, "kill(-group)");
	for (int i = 0; i < 200 && !usr1_thread; i++)
		usleep(10000);
	CHECK(usr1_thread == leader_tid, "SIGUSR1 reached the group's leader %d, not %d",
	      leader_tid, usr1_thread);
	CHECK(kill(-99999, SIGUSR1) == -1 && errno == ESRCH, "no such group");
	CHECK(setpgid(leader_tid, 0) == -1 && errno == ESRCH, "another session's thread: ESRCH");
	leader_may_end = true;
	pthread_join(thread, NULL);
	CHECK(chdir("/") == 0 && getcwd(directory, sizeof(directory)) && !strcmp(directory, "/"),
	      "the first thread moves on alone");
	return test_result();
}
