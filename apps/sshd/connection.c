// SPDX-License-Identifier: MIT
/* One client's connection, on a thread of its own: the key exchange and the login within the
 * login grace time (a client that sends garbage fails the key exchange; one that never speaks
 * is dropped when the time is up), then its session channel to the end. */
#include <stdlib.h>
#include <time.h>
#include <libssh/callbacks.h>
#include "server.h"

#define POLL_MS 1000

static double seconds_now(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static ssh_channel open_channel(ssh_session session, void *data)
{
	(void)session;
	return session_channel_open(data);
}

static void release_slot(struct connection *connection, bool *holding)
{
	struct sshd_server *server = connection->server;

	if (!*holding)
		return;
	*holding = false;
	pthread_mutex_lock(&server->lock);
	server->unauthenticated--;
	pthread_mutex_unlock(&server->lock);
}

/* The key exchange and the login; false (logged) when they fail or take too long. */
static bool log_in(struct connection *connection)
{
	struct sshd_server *server = connection->server;
	long grace = server->options.login_grace_seconds;
	double deadline = seconds_now() + (double)grace;

	ssh_options_set(connection->session, SSH_OPTIONS_TIMEOUT, &grace);
	if (ssh_handle_key_exchange(connection->session) != SSH_OK) {
		if (seconds_now() >= deadline)
			server_log(server, "connection %lu: not logged in after %ld s: dropped",
				   connection->number, grace);
		else
			server_log(server, "connection %lu: key exchange failed: %s",
				   connection->number, ssh_get_error(connection->session));
		return false;
	}
	ssh_event_add_session(connection->event, connection->session);
	while (!connection->authenticated || !connection->channel) {
		if (seconds_now() > deadline) {
			server_log(server, "connection %lu: not logged in after %ld s: dropped",
				   connection->number, grace);
			return false;
		}
		if (ssh_event_dopoll(connection->event, 100) == SSH_ERROR ||
		    !ssh_is_connected(connection->session))
			return false;
	}
	long forever = 0;

	ssh_options_set(connection->session, SSH_OPTIONS_TIMEOUT, &forever);
	if (server->options.verbose)
		server_log(server, "connection %lu: %s logged in", connection->number,
			   connection->user);
	return true;
}

void *connection_serve(void *data)
{
	struct connection *connection = data;
	struct ssh_server_callbacks_struct callbacks = {
	    .userdata = connection,
	    .channel_open_request_session_function = open_channel,
	};
	bool holding_slot = true;

	if (connection->server->options.verbose)
		server_log(connection->server, "connection %lu: accepted", connection->number);
	connection->event = ssh_event_new();
	if (!connection->event)
		goto err_release;
	authentication_prepare(connection, &callbacks);
	ssh_callbacks_init(&callbacks);
	ssh_set_server_callbacks(connection->session, &callbacks);
	if (log_in(connection)) {
		release_slot(connection, &holding_slot);
		while (session_channel_step(connection->channel))
			ssh_event_dopoll(connection->event, POLL_MS);
		/* Give the client a moment to see the channel's end before the disconnect. */
		for (int i = 0; i < 20 && ssh_is_connected(connection->session); i++)
			if (ssh_event_dopoll(connection->event, 100) == SSH_ERROR)
				break;
	}
	if (connection->channel)
		session_channel_free(connection->channel);
	if (connection->server->options.verbose)
		server_log(connection->server, "connection %lu: closed", connection->number);
	ssh_event_remove_session(connection->event, connection->session);
	ssh_event_free(connection->event);
err_release:
	release_slot(connection, &holding_slot);
	ssh_disconnect(connection->session);
	ssh_free(connection->session);
	free(connection);
	return NULL;
}
