/* SPDX-License-Identifier: MIT */
/* shell_sessions: two ysh sessions (apps/shell/session.h) in one image, each on a
 * pseudo-terminal, driven through the masters as sshd would. Each has its own working
 * directory and variables; ^C of `sleep 100` in one reaches that one only while the other keeps
 * answering; `exit 3` ends only its session, with status 3; a hang-up (the master closed) ends
 * the other. The image's first thread is untouched by all of it. */
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

int main(void)
{
	static struct session first, second;
	char directory[PATH_MAX];

	CHECK(start(&first) && start(&second), "two sessions started: %s", strerror(errno));
	CHECK(expect(&first, "root@yolk:/root# "), "the first prompt");
	CHECK(expect(&second, "root@yolk:/root# "), "the second prompt");

	type(&first, "cd /tmp; NAME=first; echo [$NAME]\r");
	CHECK(expect(&first, "[first]"), "a variable in the first");
	CHECK(expect(&first, "root@yolk:/tmp# "), "the first is in /tmp");
	type(&second, "pwd; echo [$NAME]\r");
	CHECK(expect(&second, "/root\r\n[]\r\n"), "the second is still in /root, without NAME");

	type(&first, "sleep 100\r");
	CHECK(expect(&first, "sleep 100\r"), "sleep started");
	type(&second, "echo alive\r");
	CHECK(expect(&second, "\r\nalive\r\n"), "the second answers while the first sleeps");
	double interrupted = now();
	type(&first, "\x03");
	CHECK(expect(&first, "root@yolk:/tmp# "), "^C ended the sleep");
	CHECK(now() - interrupted < 10, "promptly");
	type(&first, "echo status=$?\r");
	CHECK(expect(&first, "status=130"), "the sleep's status is 130");
	type(&second, "echo second-not-interrupted=$?\r");
	CHECK(expect(&second, "second-not-interrupted=0"), "the second saw no ^C");

	type(&first, "exit 3\r");
	pthread_join(first.thread, NULL);
	CHECK(first.status == 3, "exit 3 ended the first with status %d", first.status);
	type(&second, "echo still-here\r");
	CHECK(expect(&second, "\r\nstill-here\r\n"), "the second outlives the first");
	close(first.master);

	close(second.master); /* a hang-up: the session ends */
	pthread_join(second.thread, NULL);
	CHECK(getcwd(directory, sizeof(directory)) && !strcmp(directory, "/"),
	      "the first thread's directory is its own: %s", directory);
	printf("sessions ended with %d and %d\n", first.status, second.status);
	return test_result();
}
