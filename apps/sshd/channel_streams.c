// SPDX-License-Identifier: MIT
/* The bytes of a session channel: the client's data to the handler's input, the handler's
 * output and error to the client. sshd's ends are non-blocking and polled in the connection's
 * event (one thread serves the whole connection), so a handler that does not read its input
 * stalls only its own channel: what it has not read waits in `pending`, and past that in
 * libssh's buffer, which holds back the client's window. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include "session_channel.h"

#define READ_CHUNK 16384

static bool shares_end(struct session_channel *channel, int stream)
{
	for (int i = 0; i < stream; i++)
		if (channel->ends[i] == channel->ends[stream])
			return true;
	return false;
}

/* Writes what is pending to the handler's input; false when the input is gone. */
static bool flush_pending(struct session_channel *channel)
{
	int end = channel->ends[STREAM_INPUT];

	while (channel->pending_length > 0) {
		ssize_t written =
		    write(end, channel->pending + channel->pending_start, channel->pending_length);

		if (written < 0)
			return errno == EAGAIN || errno == EINTR;
		channel->pending_start += (size_t)written;
		channel->pending_length -= (size_t)written;
	}
	channel->pending_start = 0;
	return true;
}

void channel_streams_close_input(struct session_channel *channel)
{
	int end = channel->ends[STREAM_INPUT];

	if (end < 0 || channel->master >= 0)
		return;
	if (channel->watched[STREAM_INPUT])
		ssh_event_remove_fd(channel->connection->event, end);
	channel->watched[STREAM_INPUT] = 0;
	close(end);
	channel->ends[STREAM_INPUT] = -1;
	channel->pending_length = 0;
}

/* The end of the client's input, once everything before it is written: end of file on a
 * pipe; a terminal has no end of input but what its user types. */
static void end_input(struct session_channel *channel)
{
	if (channel->client_eof && !channel->pending_length)
		channel_streams_close_input(channel);
}

int channel_streams_data(ssh_session session, ssh_channel ssh_channel, void *data, uint32_t length,
			 int is_stderr, void *userdata)
{
	struct session_channel *channel = userdata;
	size_t taken;

	(void)session, (void)ssh_channel, (void)is_stderr;
	if (channel->sftp)
		return 0; /* sftp_serve reads it */
	if (!channel->started || channel->ends[STREAM_INPUT] < 0)
		return (int)length; /* nobody to read it */
	if (!flush_pending(channel))
		return (int)length;
	taken = CHANNEL_PENDING_BYTES - channel->pending_start - channel->pending_length;
	if (taken > length)
		taken = length;
	memcpy(channel->pending + channel->pending_start + channel->pending_length, data, taken);
	channel->pending_length += taken;
	flush_pending(channel);
	return (int)taken;
}

void channel_streams_eof(ssh_session session, ssh_channel ssh_channel, void *userdata)
{
	struct session_channel *channel = userdata;

	(void)session, (void)ssh_channel;
	channel->client_eof = true;
	end_input(channel);
}

/* Sends what can be read at END now to the client; false at its end (EOF, or EIO: a pty
 * master whose slave is closed everywhere). */
static bool forward_output(struct session_channel *channel, int stream)
{
	char buffer[READ_CHUNK];

	for (;;) {
		ssize_t count = read(channel->ends[stream], buffer, sizeof(buffer));

		if (count < 0 && errno == EINTR)
			continue;
		if (count < 0 && errno == EAGAIN)
			return true;
		if (count <= 0)
			return false;
		if (channel->client_closed || channel->hung_up)
			continue; /* nobody to send it to: drop it, so the handler can go on */
		if (stream == STREAM_ERROR)
			ssh_channel_write_stderr(channel->channel, buffer, (uint32_t)count);
		else
			ssh_channel_write(channel->channel, buffer, (uint32_t)count);
		if ((size_t)count < sizeof(buffer))
			return true;
	}
}

static int on_ready(socket_t end, int events, void *userdata)
{
	struct session_channel *channel = userdata;

	for (int i = 0; i < STREAM_COUNT; i++) {
		if (channel->ends[i] != end)
			continue;
		if (i == STREAM_INPUT && (events & POLLOUT))
			flush_pending(channel);
		if (i != STREAM_INPUT && !channel->at_end[i] &&
		    (events & (POLLIN | POLLHUP | POLLERR)) && !forward_output(channel, i))
			channel->at_end[i] = true;
	}
	return 0;
}

/* The events the end of STREAM (and of the streams that share it) needs: output and error
 * to read until their end, input while bytes are pending. */
static short wanted_events(struct session_channel *channel, int stream)
{
	short events = 0;

	for (int i = 0; i < STREAM_COUNT; i++) {
		if (channel->ends[i] != channel->ends[stream])
			continue;
		if (i != STREAM_INPUT && !channel->at_end[i])
			events |= POLLIN;
		else if (i == STREAM_INPUT && channel->pending_length)
			events |= POLLOUT;
	}
	return events;
}

void channel_streams_watch(struct session_channel *channel)
{
	ssh_event event = channel->connection->event;

	end_input(channel);
	for (int i = 0; i < STREAM_COUNT; i++) {
		int end = channel->ends[i];
		short wanted;

		if (end < 0 || shares_end(channel, i))
			continue;
		wanted = wanted_events(channel, i);
		if (wanted == channel->watched[i])
			continue;
		if (channel->watched[i])
			ssh_event_remove_fd(event, end);
		if (wanted)
			ssh_event_add_fd(event, end, wanted, on_ready, channel);
		channel->watched[i] = wanted;
	}
}

void channel_streams_drain(struct session_channel *channel)
{
	for (int i = STREAM_OUTPUT; i < STREAM_COUNT; i++)
		if (channel->ends[i] >= 0 && !channel->at_end[i] && !forward_output(channel, i))
			channel->at_end[i] = true;
}

void channel_streams_close(struct session_channel *channel)
{
	for (int i = 0; i < STREAM_COUNT; i++) {
		int end = channel->ends[i];

		if (end < 0 || shares_end(channel, i))
			continue;
		if (channel->watched[i])
			ssh_event_remove_fd(channel->connection->event, end);
		channel->watched[i] = 0;
		if (end == channel->master)
			channel->master = -1;
		close(end);
	}
	for (int i = 0; i < STREAM_COUNT; i++)
		channel->ends[i] = -1;
}
