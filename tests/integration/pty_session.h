/* SPDX-License-Identifier: MIT */
/* Helpers shared by the integration tests that drive ysh sessions (apps/shell/session.h) on
 * pseudo-terminals through their masters, as sshd does (header-only, like check.h: `yolk build`
 * compiles each test alone): start() opens a pair and runs a session on its slave in a thread of
 * its own, type() writes to the master, expect() reads the master until a text has come. */
#ifndef TESTS_INTEGRATION_PTY_SESSION_H
#define TESTS_INTEGRATION_PTY_SESSION_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <pty.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "../../apps/shell/session.h"
#include "check.h"

struct session {
	int master, slave;
	pthread_t thread;
	int status;
	char seen[16384];
	size_t seen_length;
};

static void *run_session(void *argument)
{
	struct session *session = argument;
	struct shell_session_options options = {
	    .input = session->slave, .output = session->slave, .error = session->slave};

	session->status = shell_session_run(&options);
	close(session->slave);
	return NULL;
}

static double now(void)
{
	struct timespec time;

	clock_gettime(CLOCK_MONOTONIC, &time);
	return (double)time.tv_sec + (double)time.tv_nsec / 1e9;
}

/* Reads the master until TEXT has come after what earlier calls consumed (10 s at most). */
static bool expect(struct session *session, const char *text)
{
	double deadline = now() + 10;

	for (;;) {
		char *found = memmem(session->seen, session->seen_length, text, strlen(text));
		if (found) {
			size_t used = (size_t)(found - session->seen) + strlen(text);
			memmove(session->seen, session->seen + used, session->seen_length - used);
			session->seen_length -= used;
			return true;
		}
		struct pollfd ready = {session->master, POLLIN, 0};
		double left = deadline - now();
		if (left <= 0 || poll(&ready, 1, (int)(left * 1000) + 1) != 1)
			break;
		if (session->seen_length == sizeof(session->seen)) {
			memmove(session->seen, session->seen + 8192, session->seen_length - 8192);
			session->seen_length -= 8192;
		}
		ssize_t n = read(session->master, session->seen + session->seen_length,
				 sizeof(session->seen) - session->seen_length);
		if (n <= 0)
			break;
		session->seen_length += (size_t)n;
	}
	printf("did not see \"%s\" in \"%.*s\"\n", text, (int)session->seen_length, session->seen);
	return false;
}

static void type(struct session *session, const char *text)
{
	CHECK(write(session->master, text, strlen(text)) == (ssize_t)strlen(text), "typed %s",
	      text);
}

static bool start(struct session *session)
{
	struct winsize size = {.ws_row = 24, .ws_col = 100};

	if (openpty(&session->master, &session->slave, NULL, NULL, &size))
		return false;
	return pthread_create(&session->thread, NULL, run_session, session) == 0;
}

#endif
