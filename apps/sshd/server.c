// SPDX-License-Identifier: MIT
/* sshd_serve (sshd.h): the listening socket, the host key and the password, and a thread for
 * each connection accepted (connection.c). A connection over max_unauthenticated (clients
 * that have not logged in yet) is dropped at once, before any work is spent on it. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "server.h"

#define DEFAULT_PORT		    22
#define DEFAULT_HOST_KEY_DIRECTORY  "/etc/ssh"
#define DEFAULT_AUTHORIZED_KEYS	    "/root/.ssh/authorized_keys"
#define DEFAULT_LOGIN_GRACE_SECONDS 30
#define DEFAULT_MAX_UNAUTHENTICATED 8
#define CONNECTION_STACK_BYTES	    (512 * 1024)

void server_log(struct sshd_server *server, const char *format, ...)
{
	char line[512];
	va_list arguments;

	va_start(arguments, format);
	vsnprintf(line, sizeof(line), format, arguments);
	va_end(arguments);
	/* One write per line: connections log from their own threads. */
	fprintf(server->options.log, "sshd: %s\n", line);
	fflush(server->options.log);
}

static void fill_defaults(struct sshd_options *options)
{
	if (!options->port)
		options->port = DEFAULT_PORT;
	if (!options->host_key_directory)
		options->host_key_directory = DEFAULT_HOST_KEY_DIRECTORY;
	if (!options->authorized_keys)
		options->authorized_keys = DEFAULT_AUTHORIZED_KEYS;
	if (options->login_grace_seconds <= 0)
		options->login_grace_seconds = DEFAULT_LOGIN_GRACE_SECONDS;
	if (options->max_unauthenticated <= 0)
		options->max_unauthenticated = DEFAULT_MAX_UNAUTHENTICATED;
	if (!options->log)
		options->log = stderr;
}

static int read_password(struct sshd_server *server)
{
	const char *reason = "";
	int result;

	if (!server->options.password_file)
		return 0;
	result = password_file_read(server->options.password_file, &server->password, &reason);
	if (result == -EINVAL)
		server_log(server, "%s: %s (docs/sshd.md has the format)",
			   server->options.password_file, reason);
	else if (result)
		server_log(server, "%s: %s", server->options.password_file, strerror(-result));
	server->has_password = result == 0;
	return result;
}

static int start_listening(struct sshd_server *server)
{
	int verbosity = SSH_LOG_NOLOG;
	unsigned port = (unsigned)server->options.port;

	server->bind = ssh_bind_new();
	if (!server->bind)
		return -ENOMEM;
	ssh_bind_options_set(server->bind, SSH_BIND_OPTIONS_BINDPORT, &port);
	ssh_bind_options_set(server->bind, SSH_BIND_OPTIONS_HOSTKEY, server->host_key);
	ssh_bind_options_set(server->bind, SSH_BIND_OPTIONS_LOG_VERBOSITY, &verbosity);
	if (ssh_bind_listen(server->bind) < 0) {
		server_log(server, "cannot listen on port %d: %s", server->options.port,
			   ssh_get_error(server->bind));
		return -EADDRINUSE;
	}
	server_log(server, "listening on port %d", server->options.port);
	return 0;
}

/* Takes one of the slots for connections not logged in yet; false when all are taken. */
static bool take_unauthenticated_slot(struct sshd_server *server, unsigned long *number)
{
	bool taken;

	pthread_mutex_lock(&server->lock);
	taken = server->unauthenticated < server->options.max_unauthenticated;
	if (taken)
		server->unauthenticated++;
	*number = ++server->connection_count;
	pthread_mutex_unlock(&server->lock);
	return taken;
}

static void start_connection(struct sshd_server *server, ssh_session session)
{
	struct connection *connection = calloc(1, sizeof(*connection));
	pthread_attr_t attributes;
	pthread_t thread;
	unsigned long number;

	if (!take_unauthenticated_slot(server, &number)) {
		server_log(server, "connection %lu dropped: %d clients are logging in already",
			   number, server->options.max_unauthenticated);
		goto err_free_session;
	}
	if (!connection)
		goto err_release_slot;
	connection->server = server;
	connection->session = session;
	connection->number = number;
	pthread_attr_init(&attributes);
	pthread_attr_setstacksize(&attributes, CONNECTION_STACK_BYTES);
	pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
	/* sshd's own threads take no signals: those are for the sessions' threads. */
	sigset_t all, saved;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &saved);
	int result = pthread_create(&thread, &attributes, connection_serve, connection);

	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	pthread_attr_destroy(&attributes);
	if (result == 0)
		return;
	server_log(server, "connection %lu dropped: no thread (%s)", number, strerror(result));
	free(connection);
err_release_slot:
	pthread_mutex_lock(&server->lock);
	server->unauthenticated--;
	pthread_mutex_unlock(&server->lock);
err_free_session:
	ssh_disconnect(session);
	ssh_free(session);
}

static void accept_connections(struct sshd_server *server)
{
	for (;;) {
		ssh_session session = ssh_new();

		if (!session) {
			struct timespec pause = {0, 100 * 1000000L};

			nanosleep(&pause, NULL);
			continue;
		}
		if (ssh_bind_accept(server->bind, session) != SSH_OK) {
			server_log(server, "accept: %s", ssh_get_error(server->bind));
			ssh_free(session);
			continue;
		}
		start_connection(server, session);
	}
}

int sshd_serve(const struct sshd_options *options)
{
	/* Connections outlive nothing: the server lives as long as its threads, for ever. */
	struct sshd_server *server = calloc(1, sizeof(*server));
	int result;

	if (!server)
		return -ENOMEM;
	server->options = *options;
	fill_defaults(&server->options);
	pthread_mutex_init(&server->lock, NULL);
	if (ssh_init() != SSH_OK) {
		server_log(server, "libssh's ssh_init failed");
		result = -1;
		goto err_free_server;
	}
	result = read_password(server);
	if (result)
		goto err_free_server;
	result = host_key_prepare(server, server->options.host_key_directory, server->host_key,
				  sizeof(server->host_key));
	if (result) {
		server_log(server, "no host key in %s: %s", server->options.host_key_directory,
			   strerror(-result));
		goto err_free_server;
	}
	result = start_listening(server);
	if (result)
		goto err_free_bind;
	accept_connections(server);
err_free_bind:
	ssh_bind_free(server->bind);
err_free_server:
	free(server);
	return result;
}
