// SPDX-License-Identifier: MIT
/* Sessions and process groups, Yolk's way: there is one process (pid 1), so the job-control
 * ids belong to threads. Every thread is in a process group and a session (the first thread:
 * 1 and 1), inherited by the threads it makes; setsid() makes the calling thread the leader of
 * a new session and group whose id is its thread id, setpgid() moves a thread between the
 * groups of its session. A terminal signals its foreground group (kernel/terminal.c), kill()
 * with a negative pid signals a group, so several shell sessions in one image each get their
 * own ^C. unshare(CLONE_FS) gives a thread its own working directory. */
#include "sys/syscalls.h"
#include "fs/vfs.h"
#include "include/uapi/errno.h"
#include "kernel/thread.h"

#define CLONE_FS 0x00000200

static struct thread *target_thread(int id)
{
	return id == 0 ? thread_current() : thread_find(id);
}

long sys_setsid(void)
{
	struct thread *current = thread_current();

	/* As on Linux, a group's leader cannot leave its group: the first thread keeps session 1.
	 */
	if (current->process_group == current->id || thread_group_session(current->id))
		return -EPERM;
	current->process_group = current->session = current->id;
	return current->id;
}

long sys_setpgid(int id, int group)
{
	struct thread *thread = target_thread(id);

	if (id < 0 || group < 0)
		return -EINVAL;
	if (!thread)
		return -ESRCH;
	if (thread->session != thread_current()->session)
		return -ESRCH;
	if (thread->session == thread->id)
		return -EPERM; /* a session leader stays in its group */
	if (!group)
		group = thread->id;
	if (group != thread->id && thread_group_session(group) != thread->session)
		return -EPERM;
	thread->process_group = group;
	return 0;
}

long sys_getpgid(int id)
{
	struct thread *thread = target_thread(id);

	if (id < 0)
		return -EINVAL;
	return thread ? thread->process_group : -ESRCH;
}

long sys_getpgrp(void)
{
	return thread_current()->process_group;
}

long sys_getsid(int id)
{
	struct thread *thread = target_thread(id);

	if (id < 0)
		return -EINVAL;
	return thread ? thread->session : -ESRCH;
}

long sys_unshare(unsigned long flags)
{
	/* Everything else a process could unshare is the program's alone already. */
	if (flags & ~(unsigned long)CLONE_FS)
		return -EINVAL;
	return flags & CLONE_FS ? fs_context_unshare() : 0;
}
