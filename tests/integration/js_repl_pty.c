/* SPDX-License-Identifier: MIT */
/* js_repl_pty: the JavaScript REPL (apps/js/repl.c) in a ysh session on a pseudo-terminal,
 * typed at through the master: ^C of a running `while (true) {}` (the terminal's ISIG turns it
 * into SIGINT, the session passes it to the command) stops the evaluation and the REPL goes
 * on with its variables; ^C on a half-typed input drops it; multi-line input; timers and
 * sockets run while the REPL waits for a key (their output above the half-typed line, which is
 * shown again and still there to finish); ^D leaves for the shell. */
#include <string.h>
#include "pty_session.h"

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
	/* A timer fires while a line is half typed, without a key: its output replaces the line,
	 * then the prompt and the half-typed line are drawn again, and the line goes on. */
	type(&session, "setTimeout(function () { console.log('fired ' + n + ' ' + typeof x) }, "
		       "1500); 'armed'\r");
	CHECK(expect(&session, "'armed'\r\n> "), "the timer is set");
	type(&session, "var x = 1 +");
	CHECK(expect(&session, "var x = 1 +"), "a line half typed");
	double typed = now();
	CHECK(expect(&session, "\r\x1b[Kfired "), "the timer fired while the REPL waited");
	CHECK(expect(&session, " undefined\r\n> var x = 1 +"),
	      "its output above the half-typed line, drawn again");
	CHECK(now() - typed < 10, "without a key press");
	type(&session, " 2\r");
	CHECK(expect(&session, "undefined\r\n> "), "the line was finished");
	type(&session, "x\r");
	CHECK(expect(&session, "3\r\n> "), "with what was typed before the timer fired");
	/* Sockets too: a server and an http.request POST to it on the loopback, all in the loop's
	 * callbacks while the REPL waits (the listen, the connection, the request and its body,
	 * the response). */
	type(&session, "var http = require('http'); var server = http.createServer(function "
		       "(q, s) { var b = ''; q.on('data', function (d) { b += d }); q.on('end', "
		       "function () { s.end('pong ' + q.method + ' ' + q.url + ' ' + b) }) })"
		       ".listen(8123, function () { http.request({hostname: '127.0.0.1', port: "
		       "8123, path: '/ping', method: 'POST'}, function (r) { r.on('data', "
		       "function (d) { console.log('got ' + d); server.close() }) }).end('body') "
		       "}); 1\r");
	CHECK(expect(&session, "got pong POST /ping body\r\n> "),
	      "a server and its client ran while the REPL waited");
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
