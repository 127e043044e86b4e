// SPDX-License-Identifier: MIT
/* Who may log in to sshd: the user root, by a public key listed in the authorized_keys file
 * (read at each attempt, so a key added is good at once) or by the password whose hash is in
 * the password file. Guessing is slowed: a wrong password is answered after a second, a
 * connection gets SSHD_MAX_FAILURES refusals and is then dropped, and the server lets only
 * max_unauthenticated connections wait for a login at once (server.c), so passwords can be
 * tried at no more than that many a second. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <libssh/callbacks.h>
#include "server.h"

#define SSHD_MAX_FAILURES	  6
#define PASSWORD_FAILURE_PAUSE_MS 1000

static bool user_allowed(struct connection *connection, const char *user)
{
	snprintf(connection->user, sizeof(connection->user), "%s", user);
	return strcmp(user, "root") == 0;
}

static void refuse(struct connection *connection, const char *method)
{
	connection->failures++;
	if (connection->server->options.verbose)
		server_log(connection->server, "connection %lu: %s login of %s refused",
			   connection->number, method, connection->user);
	if (connection->failures >= SSHD_MAX_FAILURES)
		ssh_disconnect(connection->session);
}

/* Whether the authorized_keys line LINE names KEY: "[OPTIONS] TYPE BASE64 [COMMENT]". */
static bool line_has_key(char *line, ssh_key key)
{
	char *save = NULL;
	char *word = strtok_r(line, " \t\r\n", &save);

	if (word && ssh_key_type_from_name(word) == SSH_KEYTYPE_UNKNOWN)
		word = strtok_r(NULL, " \t\r\n", &save); /* options first */
	if (!word || ssh_key_type_from_name(word) == SSH_KEYTYPE_UNKNOWN)
		return false;
	enum ssh_keytypes_e type = ssh_key_type_from_name(word);
	char *base64 = strtok_r(NULL, " \t\r\n", &save);
	ssh_key listed = NULL;
	bool same;

	if (!base64 || ssh_pki_import_pubkey_base64(base64, type, &listed) != SSH_OK)
		return false;
	same = ssh_key_cmp(listed, key, SSH_KEY_CMP_PUBLIC) == 0;
	ssh_key_free(listed);
	return same;
}

static bool key_authorized(struct sshd_server *server, ssh_key key)
{
	char line[16384];
	bool found = false;
	FILE *file = fopen(server->options.authorized_keys, "r");

	if (!file)
		return false;
	while (!found && fgets(line, sizeof(line), file)) {
		char *start = line;

		while (isspace((unsigned char)*start))
			start++;
		if (*start && *start != '#')
			found = line_has_key(start, key);
	}
	fclose(file);
	return found;
}

static int check_key(ssh_session session, const char *user, struct ssh_key_struct *key,
		     char signature_state, void *data)
{
	struct connection *connection = data;

	(void)session;
	if (signature_state != SSH_PUBLICKEY_STATE_NONE &&
	    signature_state != SSH_PUBLICKEY_STATE_VALID) {
		refuse(connection, "public-key");
		return SSH_AUTH_DENIED;
	}
	if (!user_allowed(connection, user) || !key_authorized(connection->server, key)) {
		refuse(connection, "public-key");
		return SSH_AUTH_DENIED;
	}
	/* NONE: the client asks whether the key would do; it signs with it next. */
	if (signature_state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;
	connection->authenticated = true;
	return SSH_AUTH_SUCCESS;
}

static int check_password(ssh_session session, const char *user, const char *password, void *data)
{
	struct connection *connection = data;
	struct sshd_server *server = connection->server;

	(void)session;
	if (server->has_password && user_allowed(connection, user) &&
	    password_matches(&server->password, password)) {
		connection->authenticated = true;
		return SSH_AUTH_SUCCESS;
	}
	struct timespec pause = {PASSWORD_FAILURE_PAUSE_MS / 1000,
				 PASSWORD_FAILURE_PAUSE_MS % 1000 * 1000000L};

	nanosleep(&pause, NULL);
	refuse(connection, "password");
	return SSH_AUTH_DENIED;
}

void authentication_prepare(struct connection *connection,
			    struct ssh_server_callbacks_struct *callbacks)
{
	int methods = SSH_AUTH_METHOD_PUBLICKEY;

	callbacks->auth_pubkey_function = check_key;
	if (connection->server->has_password) {
		callbacks->auth_password_function = check_password;
		methods |= SSH_AUTH_METHOD_PASSWORD;
	}
	ssh_set_auth_methods(connection->session, methods);
}
