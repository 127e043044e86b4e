/* SPDX-License-Identifier: MIT */
/* shell_sessions: two ysh sessions (apps/shell/session.h) in one image, each on a
 * pseudo-terminal, driven through the masters as sshd would. Each has its own working
 * directory and variables; ^C of `sleep 100` in one reaches that one only while the other keeps
 * answering; `exit 3` ends only its session, with status 3; a hang-up (the master closed) ends
 * the other. The image's first thread is untouched by all of it. */
#include <string.h>
#include "pty_session.h"

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
