/* SPDX-License-Identifier: MIT */
/* pseudo_terminal: /dev/ptmx and /dev/pts/N as on Linux. posix_openpt/grantpt/unlockpt/ptsname
 * make a pair; the master's writes are the slave's input through the console's line discipline
 * (canonical editing, echo, ONLCR on the way back, raw mode); a session leader thread takes the
 * slave as its controlling terminal and gets ^C as SIGINT, TIOCSIG's signal and SIGWINCH from
 * a window change, each on its own thread, not the program's first; poll sees both sides; a
 * closed slave makes the master read EIO after the rest, a closed master hangs the slave up
 * (end of file) and takes /dev/pts/N away. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>
#include "check.h"

static volatile int signal_thread[65];

static void on_signal(int signal)
{
	signal_thread[signal] = (int)syscall(SYS_gettid);
}

/* Reads from the master until `expected` has come (or 2 s passed); true when it matched. */
static bool master_reads(int master, const char *expected)
{
	char buffer[256];
	size_t got = 0, length = strlen(expected);

	while (got < length) {
		struct pollfd ready = {master, POLLIN, 0};
		if (poll(&ready, 1, 2000) != 1)
			break;
		ssize_t n = read(master, buffer + got, length - got);
		if (n <= 0)
			break;
		got += n;
	}
	buffer[got] = 0;
	if (got != length || memcmp(buffer, expected, length))
		printf("master read \"%s\", expected \"%s\"\n", buffer, expected);
	return got == length && !memcmp(buffer, expected, length);
}

static bool slave_reads(int slave, const char *expected)
{
	char buffer[256];
	ssize_t n = read(slave, buffer, sizeof(buffer) - 1);

	buffer[n > 0 ? n : 0] = 0;
	if (n != (ssize_t)strlen(expected) || strcmp(buffer, expected))
		printf("slave read %zd \"%s\", expected \"%s\"\n", n, buffer, expected);
	return n == (ssize_t)strlen(expected) && !strcmp(buffer, expected);
}

static void wait_for_signal(int signal)
{
	for (int i = 0; i < 200 && !signal_thread[signal]; i++)
		usleep(10000);
}

struct session {
	int master;
	const char *slave_path;
	int tid, session_id, group;
	bool ok;
};

/* A session leader on the slave, as a shell under sshd would be. */
static void *session_leader(void *argument)
{
	struct session *session = argument;
	int slave;

	session->tid = (int)syscall(SYS_gettid);
	session->session_id = (int)setsid();
	slave = open(session->slave_path, O_RDWR); /* no O_NOCTTY: it becomes the controlling one */
	if (slave < 0)
		return NULL;
	session->group = tcgetpgrp(slave);
	CHECK(write(session->master, "\x03", 1) == 1, "^C written to the master");
	wait_for_signal(SIGINT);
	CHECK(ioctl(session->master, TIOCSIG, SIGUSR1) == 0, "TIOCSIG");
	wait_for_signal(SIGUSR1);
	struct winsize size = {.ws_row = 40, .ws_col = 100};
	CHECK(ioctl(session->master, TIOCSWINSZ, &size) == 0, "TIOCSWINSZ on the master");
	wait_for_signal(SIGWINCH);
	struct winsize seen = {0};
	CHECK(ioctl(slave, TIOCGWINSZ, &seen) == 0 && seen.ws_row == 40 && seen.ws_col == 100,
	      "the slave sees 40x100, got %dx%d", seen.ws_row, seen.ws_col);
	session->ok = master_reads(session->master, "^C");
	close(slave);
	return NULL;
}

int main(void)
{
	struct termios settings;
	char name[64];

	int master = posix_openpt(O_RDWR | O_NOCTTY);
	CHECK(master >= 0, "posix_openpt: %s", strerror(errno));
	CHECK(grantpt(master) == 0 && unlockpt(master) == 0, "grantpt, unlockpt");
	CHECK(ptsname_r(master, name, sizeof(name)) == 0 && !strncmp(name, "/dev/pts/", 9),
	      "ptsname: %s", name);
	CHECK(access(name, F_OK) == 0, "%s exists", name);
	int slave = open(name, O_RDWR | O_NOCTTY);
	CHECK(slave >= 0, "open %s: %s", name, strerror(errno));
	CHECK(isatty(slave) && tcgetattr(slave, &settings) == 0, "the slave is a terminal");
	CHECK(settings.c_lflag & ICANON && settings.c_lflag & ECHO, "cooked by default");

	/* Canonical input with editing; echo comes back to the master with CR LF. */
	CHECK(write(master, "helx\x7fo\n", 7) == 7, "master write");
	CHECK(slave_reads(slave, "helo\n"), "the slave reads the edited line");
	CHECK(master_reads(master, "helx\b \bo\r\n"), "echo with erase");
	CHECK(write(slave, "out\n", 4) == 4, "slave write");
	CHECK(master_reads(master, "out\r\n"), "ONLCR on the slave's output");

	/* Nothing to read: the non-blocking master says EAGAIN, poll says not readable. */
	fcntl(master, F_SETFL, O_NONBLOCK);
	char byte;
	CHECK(read(master, &byte, 1) == -1 && errno == EAGAIN, "EAGAIN on an empty master");
	fcntl(master, F_SETFL, 0);
	struct pollfd both[2] = {{master, POLLIN | POLLOUT, 0}, {slave, POLLIN | POLLOUT, 0}};
	CHECK(poll(both, 2, 0) == 2 && both[0].revents == POLLOUT && both[1].revents == POLLOUT,
	      "both writable, neither readable: %x %x", both[0].revents, both[1].revents);

	/* Raw mode: bytes readable at once, no echo. */
	struct termios raw = settings;
	cfmakeraw(&raw);
	CHECK(tcsetattr(slave, TCSANOW, &raw) == 0, "raw mode");
	CHECK(write(master, "xy", 2) == 2, "raw input");
	CHECK(slave_reads(slave, "xy"), "raw bytes at once");
	CHECK(tcsetattr(slave, TCSANOW, &settings) == 0, "cooked again");

	/* A session on the slave gets its signals on its own thread. */
	struct sigaction action = {.sa_handler = on_signal};
	sigemptyset(&action.sa_mask);
	sigaction(SIGINT, &action, NULL);
	sigaction(SIGUSR1, &action, NULL);
	sigaction(SIGWINCH, &action, NULL);
	struct session session = {.master = master, .slave_path = name};
	pthread_t thread;
	pthread_create(&thread, NULL, session_leader, &session);
	pthread_join(thread, NULL);
	CHECK(session.session_id == session.tid && session.group == session.tid,
	      "setsid gave session %d, group %d for thread %d", session.session_id, session.group,
	      session.tid);
	CHECK(signal_thread[SIGINT] == session.tid, "^C went to the session's thread %d, not %d",
	      session.tid, signal_thread[SIGINT]);
	CHECK(signal_thread[SIGUSR1] == session.tid, "TIOCSIG went to the session's thread");
	CHECK(signal_thread[SIGWINCH] == session.tid, "SIGWINCH went to the session's thread");
	CHECK(session.ok, "the master saw ^C echoed");
	CHECK(getsid(0) == 1 || getsid(0) == getpid(), "the first thread keeps its session");

	/* The last slave closes: the master reads what is left, then EIO. */
	CHECK(write(slave, "bye", 3) == 3, "last words");
	close(slave);
	CHECK(master_reads(master, "bye"), "the rest before EIO");
	CHECK(read(master, &byte, 1) == -1 && errno == EIO, "EIO after the slave closed: %s",
	      strerror(errno));
	struct pollfd hung = {master, POLLIN, 0};
	CHECK(poll(&hung, 1, 0) == 1 && (hung.revents & POLLHUP), "POLLHUP on the master");

	/* The master closes: the slave reads end of file, and the node goes. */
	slave = open(name, O_RDWR | O_NOCTTY);
	CHECK(slave >= 0, "the slave opens again");
	close(master);
	CHECK(read(slave, &byte, 1) == 0, "end of file on a hung-up slave");
	CHECK(write(slave, "x", 1) == -1 && errno == EIO, "EIO writing a hung-up slave");
	close(slave);
	CHECK(access(name, F_OK) == -1 && errno == ENOENT, "%s is gone", name);

	/* Sixty-four pairs at once, then the next is refused cleanly; all close. */
	int masters[65], opened = 0;
	while (opened < 65 && (masters[opened] = posix_openpt(O_RDWR | O_NOCTTY)) >= 0)
		opened++;
	/* The kernel says ENOSPC, which musl's posix_openpt turns into POSIX's EAGAIN. */
	CHECK(opened == 64 && (errno == EAGAIN || errno == ENOSPC),
	      "64 pairs, then no more: %d, %s", opened, strerror(errno));
	while (opened)
		close(masters[--opened]);
	master = posix_openpt(O_RDWR | O_NOCTTY);
	CHECK(master >= 0 && ptsname_r(master, name, sizeof(name)) == 0 &&
		  !strcmp(name, "/dev/pts/0"),
	      "numbers are reused: %s", name);
	close(master);
	return test_result();
}
