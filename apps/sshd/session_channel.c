// SPDX-License-Identifier: MIT
/* A session channel: its requests (pty-req, window-change, env, shell, exec, subsystem sftp,
 * signal), the thread that runs options->run_session for a shell or exec, and the channel's
 * end: the exit status (or signal) sent once the handler has returned and its output has
 * reached the client. A client that goes away hangs the session up (SIGHUP on the terminal,
 * end of input on pipes); the channel is freed once its handler has returned. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "session_channel.h"

#define HANDLER_STACK_BYTES (1024 * 1024)

static const struct {
	const char *name;
	int number;
} signal_names[] = {
    {"ABRT", SIGABRT}, {"ALRM", SIGALRM}, {"FPE", SIGFPE},   {"HUP", SIGHUP},	{"ILL", SIGILL},
    {"INT", SIGINT},   {"KILL", SIGKILL}, {"PIPE", SIGPIPE}, {"QUIT", SIGQUIT}, {"SEGV", SIGSEGV},
    {"TERM", SIGTERM}, {"USR1", SIGUSR1}, {"USR2", SIGUSR2},
};

static int signal_number(const char *name)
{
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++)
		if (strcmp(signal_names[i].name, name) == 0)
			return signal_names[i].number;
	return 0;
}

static const char *signal_name(int number)
{
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++)
		if (signal_names[i].number == number)
			return signal_names[i].name;
	return "TERM";
}

/* Whether signal NUMBER has a handler. In a unikernel a signal's default action (to end the
 * process) ends the whole machine: a client's signal request, or a hang-up, is sent only to a
 * session that handles it (ysh handles SIGINT, SIGQUIT and SIGHUP). */
static bool signal_is_handled(int number)
{
	struct sigaction action;

	if (sigaction(number, NULL, &action) != 0)
		return false;
	if (action.sa_flags & SA_SIGINFO)
		return true;
	return action.sa_handler != SIG_DFL && action.sa_handler != SIG_IGN;
}

/* Sends signal NUMBER to the session: to its terminal's foreground group, or to its thread. */
static void signal_session(struct session_channel *channel, int number)
{
	if (!signal_is_handled(number))
		return;
	if (channel->master >= 0)
		ioctl(channel->master, TIOCSIG, number);
	else
		pthread_kill(channel->thread, number);
}

static bool add_environment(struct session_channel *channel, const char *name, const char *value)
{
	char *entry;

	if (channel->environment_count >= CHANNEL_ENVIRONMENT_MAX || !*name || strchr(name, '='))
		return false;
	if (asprintf(&entry, "%s=%s", name, value) < 0)
		return false;
	channel->environment[channel->environment_count++] = entry;
	return true;
}

/* window-change, and the size of pty-req: TIOCSWINSZ on the master (SIGWINCH for the
 * terminal's foreground group). */
static int change_window(ssh_session session, ssh_channel ssh_channel, int columns, int rows,
			 int width, int height, void *data)
{
	struct session_channel *channel = data;

	(void)session, (void)ssh_channel;
	if (channel->master < 0)
		return SSH_ERROR;
	channel->size = (struct winsize){.ws_row = (unsigned short)rows,
					 .ws_col = (unsigned short)columns,
					 .ws_xpixel = (unsigned short)width,
					 .ws_ypixel = (unsigned short)height};
	return ioctl(channel->master, TIOCSWINSZ, &channel->size) == 0 ? SSH_OK : SSH_ERROR;
}

static int request_pty(ssh_session session, ssh_channel ssh_channel, const char *term, int columns,
		       int rows, int width, int height, void *data)
{
	struct session_channel *channel = data;
	char slave_name[64]; /* ptsname_r: connections open terminals at the same time */

	if (channel->master >= 0 || channel->started)
		return SSH_ERROR;
	channel->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (channel->master < 0)
		goto err_refuse;
	if (grantpt(channel->master) || unlockpt(channel->master) ||
	    ptsname_r(channel->master, slave_name, sizeof(slave_name)))
		goto err_close_master;
	channel->slave = open(slave_name, O_RDWR | O_NOCTTY);
	if (channel->slave < 0)
		goto err_close_master;
	change_window(session, ssh_channel, columns, rows, width, height, channel);
	if (term && *term)
		add_environment(channel, "TERM", term);
	return SSH_OK;
err_close_master:
	close(channel->master);
	channel->master = -1;
err_refuse:
	server_log(channel->connection->server, "connection %lu: no pseudo-terminal: %s",
		   channel->connection->number, strerror(errno));
	return SSH_ERROR;
}

static int request_environment(ssh_session session, ssh_channel ssh_channel, const char *name,
			       const char *value, void *data)
{
	(void)session, (void)ssh_channel;
	return add_environment(data, name, value) ? SSH_OK : SSH_ERROR;
}

static void *run_handler(void *data)
{
	struct session_channel *channel = data;
	struct connection *connection = channel->connection;
	struct sshd_session session = {
	    .input = channel->handler_ends[STREAM_INPUT],
	    .output = channel->handler_ends[STREAM_OUTPUT],
	    .error = channel->handler_ends[STREAM_ERROR],
	    .terminal = channel->master >= 0,
	    .command = channel->command,
	    .environment = channel->environment,
	    .user = connection->user,
	    .context = connection->server->options.context,
	};
	sigset_t none;

	/* A session starts with no signal blocked, as a new process would, whatever the mask of
	 * the thread that called sshd_serve (a shell's command thread blocks SIGINT). */
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
	channel->status = connection->server->options.run_session(&session);
	atomic_store(&channel->finished, true);
	send(channel->done[1], "x", 1, MSG_NOSIGNAL);
	return NULL;
}

/* The handler's streams: the pty slave for all three, or a pipe each. */
static int make_streams(struct session_channel *channel)
{
	int pipes[STREAM_COUNT][2];
	int made = 0;

	if (channel->master >= 0) {
		for (int i = 0; i < STREAM_COUNT; i++) {
			channel->ends[i] = i == STREAM_ERROR ? -1 : channel->master;
			channel->handler_ends[i] = channel->slave;
		}
		fcntl(channel->master, F_SETFL, fcntl(channel->master, F_GETFL) | O_NONBLOCK);
		return 0;
	}
	for (; made < STREAM_COUNT; made++)
		if (pipe(pipes[made]))
			goto err_close_pipes;
	for (int i = 0; i < STREAM_COUNT; i++) {
		/* The handler reads its input at [0] and writes its output at [1]. */
		channel->handler_ends[i] = pipes[i][i == STREAM_INPUT ? 0 : 1];
		channel->ends[i] = pipes[i][i == STREAM_INPUT ? 1 : 0];
		fcntl(channel->ends[i], F_SETFL, fcntl(channel->ends[i], F_GETFL) | O_NONBLOCK);
	}
	return 0;
err_close_pipes:
	while (made-- > 0) {
		close(pipes[made][0]);
		close(pipes[made][1]);
	}
	return -errno;
}

/* Closes the handler's ends (the pty slave among them), each once, when it no longer runs. */
static void close_handler_ends(struct session_channel *channel)
{
	for (int i = 0; i < STREAM_COUNT; i++) {
		int end = channel->handler_ends[i];

		if (end < 0)
			continue;
		for (int j = i; j < STREAM_COUNT; j++)
			if (channel->handler_ends[j] == end)
				channel->handler_ends[j] = -1;
		if (end == channel->slave)
			channel->slave = -1;
		close(end);
	}
}

static int on_done(socket_t end, int events, void *userdata)
{
	char byte;

	(void)events, (void)userdata;
	recv(end, &byte, 1, MSG_DONTWAIT);
	return 0;
}

static int start_handler(struct session_channel *channel, const char *command)
{
	struct sshd_server *server = channel->connection->server;
	pthread_attr_t attributes;
	int result;

	/* One try: streams made for a start that failed are freed with the channel. */
	if (channel->started || channel->sftp || !server->options.run_session ||
	    channel->ends[STREAM_OUTPUT] >= 0)
		return SSH_ERROR;
	if (command && !(channel->command = strdup(command)))
		return SSH_ERROR;
	if (make_streams(channel))
		return SSH_ERROR;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, channel->done))
		return SSH_ERROR;
	pthread_attr_init(&attributes);
	pthread_attr_setstacksize(&attributes, HANDLER_STACK_BYTES);
	result = pthread_create(&channel->thread, &attributes, run_handler, channel);
	pthread_attr_destroy(&attributes);
	if (result) {
		server_log(server, "connection %lu: no thread for the session: %s",
			   channel->connection->number, strerror(result));
		return SSH_ERROR;
	}
	channel->started = true;
	ssh_event_add_fd(channel->connection->event, channel->done[0], POLLIN, on_done, channel);
	if (server->options.verbose)
		server_log(server, "connection %lu: %s%s%s", channel->connection->number,
			   command ? "exec " : "shell", command ? command : "",
			   channel->master >= 0 ? " (terminal)" : "");
	channel_streams_watch(channel);
	return SSH_OK;
}

static int request_shell(ssh_session session, ssh_channel ssh_channel, void *data)
{
	(void)session, (void)ssh_channel;
	return start_handler(data, NULL);
}

static int request_exec(ssh_session session, ssh_channel ssh_channel, const char *command,
			void *data)
{
	(void)session, (void)ssh_channel;
	return start_handler(data, command);
}

static int request_subsystem(ssh_session session, ssh_channel ssh_channel, const char *name,
			     void *data)
{
	struct session_channel *channel = data;

	(void)session, (void)ssh_channel;
	if (strcmp(name, "sftp") != 0 || channel->started || channel->sftp)
		return SSH_ERROR;
	channel->sftp = true;
	return SSH_OK;
}

static void request_signal(ssh_session session, ssh_channel ssh_channel, const char *name,
			   void *data)
{
	struct session_channel *channel = data;
	int number = signal_number(name);

	(void)session, (void)ssh_channel;
	if (!number || !channel->started || atomic_load(&channel->finished))
		return;
	signal_session(channel, number);
}

static void channel_closed(ssh_session session, ssh_channel ssh_channel, void *data)
{
	(void)session, (void)ssh_channel;
	((struct session_channel *)data)->client_closed = true;
}

ssh_channel session_channel_open(struct connection *connection)
{
	struct session_channel *channel;

	if (connection->channel)
		return NULL;
	channel = calloc(1, sizeof(*channel));
	if (!channel)
		return NULL;
	channel->connection = connection;
	channel->master = channel->slave = -1;
	for (int i = 0; i < STREAM_COUNT; i++)
		channel->ends[i] = channel->handler_ends[i] = -1;
	channel->done[0] = channel->done[1] = -1;
	channel->channel = ssh_channel_new(connection->session);
	if (!channel->channel) {
		free(channel);
		return NULL;
	}
	channel->callbacks = (struct ssh_channel_callbacks_struct){
	    .userdata = channel,
	    .channel_data_function = channel_streams_data,
	    .channel_eof_function = channel_streams_eof,
	    .channel_close_function = channel_closed,
	    .channel_signal_function = request_signal,
	    .channel_pty_request_function = request_pty,
	    .channel_shell_request_function = request_shell,
	    .channel_pty_window_change_function = change_window,
	    .channel_exec_request_function = request_exec,
	    .channel_env_request_function = request_environment,
	    .channel_subsystem_request_function = request_subsystem,
	};
	ssh_callbacks_init(&channel->callbacks);
	ssh_set_channel_callbacks(channel->channel, &channel->callbacks);
	connection->channel = channel;
	return channel->channel;
}

/* The client is gone: end the session as a hang-up would, and wait for its handler. */
static void hang_up(struct session_channel *channel)
{
	struct pollfd done = {.fd = channel->done[0], .events = POLLIN};

	if (!channel->hung_up) {
		channel->hung_up = true;
		if (channel->connection->server->options.verbose)
			server_log(channel->connection->server,
				   "connection %lu: the client is gone: its session is hung up",
				   channel->connection->number);
		channel_streams_close_input(channel); /* pipes: end of input */
		signal_session(channel, SIGHUP);
	}
	channel_streams_drain(channel); /* keeps the handler's writes from blocking */
	poll(&done, 1, 200);
}

static void report_end(struct session_channel *channel)
{
	int status = channel->status;

	if (channel->reported)
		return;
	channel->reported = true;
	if (channel->connection->server->options.verbose)
		server_log(channel->connection->server, "connection %lu: session ended with %s %d",
			   channel->connection->number, status < 0 ? "signal" : "status",
			   status < 0 ? -status : status);
	if (status < 0)
		ssh_channel_request_send_exit_signal(channel->channel, signal_name(-status), 0, "",
						     "");
	else
		ssh_channel_request_send_exit_status(channel->channel, status & 0xff);
	ssh_channel_send_eof(channel->channel);
	ssh_channel_close(channel->channel);
}

bool session_channel_step(struct session_channel *channel)
{
	if (channel->sftp) {
		/* scp and sftp take the status of the ssh under them for theirs. */
		sftp_serve(channel->connection, channel->channel);
		if (ssh_channel_is_open(channel->channel)) {
			ssh_channel_request_send_exit_status(channel->channel, 0);
			ssh_channel_send_eof(channel->channel);
			ssh_channel_close(channel->channel);
		}
		return false;
	}
	bool gone = channel->client_closed || !ssh_is_connected(channel->connection->session);

	if (!channel->started)
		return !gone;
	if (!atomic_load(&channel->finished)) {
		if (gone)
			hang_up(channel);
		else
			channel_streams_watch(channel);
		return true;
	}
	/* Finished: nothing more will be written at the handler's ends, so what is in the
	 * streams is all there is. */
	close_handler_ends(channel);
	channel_streams_drain(channel);
	channel_streams_close(channel);
	if (!gone)
		report_end(channel);
	return false;
}

void session_channel_free(struct session_channel *channel)
{
	if (channel->started)
		pthread_join(channel->thread, NULL);
	channel_streams_close(channel);
	close_handler_ends(channel);
	if (channel->slave >= 0)
		close(channel->slave);
	if (channel->master >= 0)
		close(channel->master);
	if (channel->done[0] >= 0) {
		if (channel->started)
			ssh_event_remove_fd(channel->connection->event, channel->done[0]);
		close(channel->done[0]);
		close(channel->done[1]);
	}
	for (int i = 0; i < channel->environment_count; i++)
		free(channel->environment[i]);
	free(channel->command);
	if (channel->channel)
		ssh_channel_free(channel->channel);
	free(channel);
}
