// SPDX-License-Identifier: MIT
/* One session channel of a connection (session_channel.c for its requests and its handler's
 * thread, channel_streams.c for the bytes between the client and the handler). */
#ifndef YOLK_SSHD_SESSION_CHANNEL_H
#define YOLK_SSHD_SESSION_CHANNEL_H

#include <libssh/callbacks.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/ioctl.h>
#include "server.h"

#define CHANNEL_ENVIRONMENT_MAX 64
#define CHANNEL_PENDING_BYTES	65536

enum channel_stream { STREAM_INPUT, STREAM_OUTPUT, STREAM_ERROR, STREAM_COUNT };

struct session_channel {
	struct connection *connection;
	ssh_channel channel;
	struct ssh_channel_callbacks_struct callbacks;
	int master, slave;   /* the pty after pty-req, else -1 */
	struct winsize size; /* from pty-req and window-change */
	char *environment[CHANNEL_ENVIRONMENT_MAX + 2];
	int environment_count;
	char *command;
	bool sftp;    /* the sftp subsystem was asked for */
	bool started; /* the handler's thread runs (or ran) */
	/* sshd's ends of the streams (all the pty master with a terminal; -1 once closed) and the
	 * handler's (all the slave with a terminal). */
	int ends[STREAM_COUNT];
	int handler_ends[STREAM_COUNT];
	short watched[STREAM_COUNT]; /* the poll events each end is in the event for, or 0 */
	bool at_end[STREAM_COUNT];   /* output and error: read to their end */
	int done[2];		     /* the handler's thread writes to [1] when it returns */
	pthread_t thread;
	atomic_bool finished;
	int status;
	/* Client bytes the handler has not read yet. */
	char pending[CHANNEL_PENDING_BYTES];
	size_t pending_start, pending_length;
	bool client_eof, client_closed, hung_up, reported;
};

/* channel_streams.c: the data and EOF callbacks, the events to watch, and the end. */
int channel_streams_data(ssh_session session, ssh_channel channel, void *data, uint32_t length,
			 int is_stderr, void *userdata);
void channel_streams_eof(ssh_session session, ssh_channel channel, void *userdata);
/* Puts sshd's ends into the connection's event with the events they need now. */
void channel_streams_watch(struct session_channel *channel);
/* Closes the handler's input (a pipe's end: it reads end of file; not a terminal). */
void channel_streams_close_input(struct session_channel *channel);
/* Moves what the handler wrote to the client, to its end once the handler has finished. */
void channel_streams_drain(struct session_channel *channel);
/* Takes sshd's ends out of the event and closes them (the pty master among them). */
void channel_streams_close(struct session_channel *channel);

#endif
