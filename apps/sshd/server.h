// SPDX-License-Identifier: MIT
/* What the parts of sshd share (apps/sshd): the server of one sshd_serve() call (server.c)
 * and one client's connection (connection.c), with the functions each part offers. */
#ifndef YOLK_SSHD_SERVER_H
#define YOLK_SSHD_SERVER_H

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>
#include <limits.h>
#include <pthread.h>
#include "password.h"
#include "sshd.h"

struct session_channel;

struct sshd_server {
	struct sshd_options options; /* the caller's, defaults filled in */
	char host_key[PATH_MAX];     /* the Ed25519 host key's file */
	struct password_hash password;
	bool has_password;
	ssh_bind bind;
	pthread_mutex_t lock; /* guards the counts below */
	int unauthenticated;  /* connections not logged in yet */
	unsigned long connection_count;
};

struct connection {
	struct sshd_server *server;
	ssh_session session;
	ssh_event event;
	unsigned long number;
	bool authenticated;
	int failures; /* failed logins on this connection */
	char user[64];
	struct session_channel *channel; /* the one session channel, or NULL */
};

/* Writes a line to the server's log: "sshd: " and the text. */
void server_log(struct sshd_server *server, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Serves one accepted connection to its end and frees it (connection.c); a thread's start. */
void *connection_serve(void *connection);

/* Sets the password and public-key callbacks of CONNECTION's session into CALLBACKS
 * (authentication.c). */
void authentication_prepare(struct connection *connection,
			    struct ssh_server_callbacks_struct *callbacks);

/* Makes the Ed25519 host key in DIRECTORY if there is none; puts its file's name into PATH
 * and writes its fingerprint to the log (host_key.c). Returns 0 or -errno. */
int host_key_prepare(struct sshd_server *server, const char *directory, char *path, size_t size);

/* The session channel (session_channel.c): a new one for CONNECTION (NULL when it has one),
 * one turn of its work after each poll of the connection's event, and its end. */
ssh_channel session_channel_open(struct connection *connection);
/* Returns false once the channel is over (closed, and its handler finished). */
bool session_channel_step(struct session_channel *channel);
void session_channel_free(struct session_channel *channel);

/* Serves the SFTP protocol on CHANNEL until the client ends it (sftp_server.c). */
void sftp_serve(struct connection *connection, ssh_channel channel);

#endif
