/* SPDX-License-Identifier: MIT */
/* js_repl_pty: the JavaScript REPL (apps/js/repl.c) in a ysh session on a pseudo-terminal,
 * typed at through the master: ^C of a running `while (true) {}` (the terminal's ISIG turns it
 * into SIGINT, the session passes it to the command) stops the evaluation and the REPL goes
 * on with its variables; ^C on a half-typed input drops it; multi-line input; ^D leaves for the
 * shell. */
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
	static struct session session;

	CHECK(start(&session), "a session started: %s", strerror(errno));
	CHECK(expect(&session, "root@yolk:/root# "), "the prompt");
	type(&session, "js\r");
	CHECK(expect(&session, "\r\n> "), "the REPL's prompt");
	type(&session, "var n = 0; while (true) { n++; }\r");
	CHECK(expect(&session, "n++; }"), "the loop runs");
	struct timespec pause = {1, 0};
	nanosleep(&pause, NULL);
	double interrupted = now();
	type(&session, "\x03");
	CHECK(expect(&session, "Script execution interrupted."), "^C stopped the loop");
	CHECK(expect(&session, "> "), "back at the REPL's prompt");
	CHECK(now() - interrupted < 10, "promptly");
	type(&session, "n > 0\r");
	CHECK(expect(&session, "true") && expect(&session, "> "), "the loop's variable is there");
	type(&session, "function f() {\r");
	CHECK(expect(&session, "\r\n... "), "incomplete input: the continuation prompt");
	type(&session, "\x03");
	CHECK(expect(&session, "^C") && expect(&session, "> "), "^C dropped the half-typed input");
	type(&session, "[1, 'two', {three: 3}]\r");
	CHECK(expect(&session, "[ 1, 'two', { three: 3 } ]"), "a value printed as Node does");
	type(&session, "\x04");
	CHECK(expect(&session, "root@yolk:/root# "), "^D left the REPL");
	type(&session, "echo js-status=$?\r");
	CHECK(expect(&session, "js-status=0"), "the REPL's status is 0");
	type(&session, "exit 0\r");
	pthread_join(session.thread, NULL);
	close(session.master);
	printf("js repl session ended with %d\n", session.status);
	return test_result();
}
