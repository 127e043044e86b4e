// SPDX-License-Identifier: MIT
/* sshd, Yolk's SSH server (apps/sshd), a library on libssh 0.10 and mbedTLS: sshd_serve()
 * listens and serves every connection on a thread of its own, no fork, and no state outside
 * the call, so one image can run several servers. What a login runs is the caller's: for each
 * `shell` and `exec` request it calls options->run_session on a thread of its own. The SFTP
 * subsystem (scp and sftp) is sshd's. docs/sshd.md has the details. */
#ifndef YOLK_SSHD_H
#define YOLK_SSHD_H

#include <stdbool.h>
#include <stdio.h>

/* What a `shell` or `exec` request asks for. The descriptors are sshd's: the handler uses them
 * and leaves them open (sshd closes them after it returns). */
struct sshd_session {
	int input, output, error; /* a terminal (the same pty slave) after pty-req, else pipes */
	bool terminal;		  /* whether they are a terminal */
	const char *command;	  /* the exec request's command; NULL for a shell */
	char *const *environment; /* NAME=VALUE from env requests (and TERM from pty-req),
				     NULL-terminated */
	const char *user;	  /* the user who logged in */
	void *context;		  /* sshd_options.context */
};

/* Runs SESSION to its end on the calling thread; returns its exit status (0..255), sent to
 * the client as exit-status, or -SIGNAL where a signal ended it (exit-signal). */
typedef int sshd_session_function(const struct sshd_session *session);

struct sshd_options {
	int port;			/* 0: 22 */
	const char *host_key_directory; /* NULL: /etc/ssh; ssh_host_ed25519_key is made there
					   at the first start */
	const char *authorized_keys;	/* NULL: /root/.ssh/authorized_keys */
	const char *password_file;	/* NULL: no password logins (docs/sshd.md: format) */
	sshd_session_function *run_session;
	void *context;		 /* passed to run_session */
	int login_grace_seconds; /* 0: 30; a connection not logged in by then is dropped */
	int max_unauthenticated; /* 0: 8 connections not yet logged in at once */
	bool verbose;		 /* log each connection, login and request */
	FILE *log;		 /* NULL: stderr */
};

/* Serves until an error stops it (the port cannot be bound, no host key can be read or made);
 * returns that error as -errno (or -1 from libssh), after writing it to the log. */
int sshd_serve(const struct sshd_options *options);

/* Writes into HASH (of SIZE bytes) the password file line for PASSWORD, with a new random
 * salt; returns 0 or -errno. */
int sshd_password_hash(const char *password, char *hash, size_t size);

#endif
