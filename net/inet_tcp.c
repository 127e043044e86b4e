// SPDX-License-Identifier: MIT
/* TCP sockets over lwIP's raw API (see net/socket.h, net/inet.h). lwIP's callbacks, which run
 * under the network lock in a NIC's interrupt, the stack's timer or a system call, only queue
 * and wake: received segments wait on the socket as a pbuf chain until the application reads
 * them, and only then does tcp_recved() open the window again (that is the flow control).
 * An err callback means lwIP has freed the PCB already. A listening socket's queue holds
 * established connections until accept(); each one counts against lwIP's backlog
 * (tcp_backlog_delayed) until then, so a full queue makes lwIP ignore new SYNs, which the
 * client sends again, as Linux does, instead of resetting them. */
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "kernel/time.h"
#include "lib/list.h"
#include "lib/string.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/prot/tcp.h"
#include "lwip/tcp.h"
#include "mm/heap.h"
#include "net/inet.h"
#include "net/interface.h"
#include "net/stack.h"
#include "sys/user_memory.h"

#define TCP_NODELAY   1
#define TCP_MAXSEG    2
#define TCP_CORK      3
#define TCP_KEEPIDLE  4
#define TCP_KEEPINTVL 5
#define TCP_KEEPCNT   6
#define FIONREAD      0x541b
#define SIOCOUTQ      0x5411
#define SIOCOUTQNSD   0x894b
#define BACKLOG_MAX   255    /* lwIP keeps the backlog in a byte */
#define WRITE_CHUNK   0xffff /* tcp_write takes a 16-bit length */
/* POLLOUT when this much can be queued (pcb->snd_buf: tcp_sndbuf() stops at 65535). */
#define WRITABLE (TCP_SND_BUF / 4)

enum tcp_socket_state {
	TCP_SOCKET_NEW,
	TCP_SOCKET_LISTENING,
	TCP_SOCKET_CONNECTING,
	TCP_SOCKET_CONNECTED,
	TCP_SOCKET_CLOSED, /* reset, timed out, or refused: the PCB is gone */
};

struct tcp_socket {
	struct socket *socket;
	struct tcp_pcb *pcb; /* NULL once lwIP has freed it */
	enum tcp_socket_state state;
	struct pbuf *received; /* not yet read, in order */
	size_t received_bytes;
	bool peer_closed; /* FIN received: end of file after the data */
	bool read_shut, write_shut;
	bool no_delay, v6_only;
	/* TCP_CORK: Nagle's algorithm holds small segments whatever TCP_NODELAY says (a segment
	 * is sent once the one before is acknowledged, so nothing waits forever), and uncorking
	 * sends what is queued at once, as Linux does. nginx corks around a response's headers
	 * and file, turning TCP_NODELAY off first, and uncorks at its end: without the flush the
	 * file's segment waited for the client's delayed acknowledgement (40 ms a response). */
	bool corked;
	/* A listener's established connections waiting for accept(). */
	struct list_node accept_queue;
	unsigned accept_count, backlog;
	struct list_node queue_node; /* in the listener's queue */
	struct tcp_socket *listener;
	/* Addresses kept for getsockname/getpeername after the PCB is gone. */
	ip_addr_t local_ip, remote_ip;
	uint16_t local_port, remote_port;
};

static const struct socket_operations tcp_operations;

/* SIOCOUTQNSD: the bytes queued and not sent yet (lwIP's unsent segments). */
static int unsent_bytes(const struct tcp_pcb *pcb)
{
	size_t bytes = 0;
	for (const struct tcp_seg *segment = pcb->unsent; segment; segment = segment->next)
		bytes += segment->len;
	return (int)MIN(bytes, 0x7fffffffu);
}

/* Nagle's algorithm on the PCB as TCP_NODELAY and TCP_CORK ask. */
static void apply_nagle(struct tcp_socket *tcp)
{
	if (!tcp->pcb)
		return;
	if (tcp->no_delay && !tcp->corked)
		tcp_nagle_disable(tcp->pcb);
	else
		tcp_nagle_enable(tcp->pcb);
}

/* Sends every queued segment the window allows, Nagle's algorithm or not (uncorking, and
 * turning TCP_NODELAY on, as Linux's tcp_push_pending_frames). */
static void push_pending(struct tcp_socket *tcp)
{
	if (!tcp->pcb || tcp->state != TCP_SOCKET_CONNECTED)
		return;
	tcp_nagle_disable(tcp->pcb);
	tcp_output(tcp->pcb);
	apply_nagle(tcp);
}

static struct tcp_socket *tcp_of(struct socket *socket)
{
	return socket->private;
}

/* ---- lwIP's callbacks (network lock held) ------------------------------------------------ */

static void remember_addresses(struct tcp_socket *tcp)
{
	if (!tcp->pcb)
		return;
	ip_addr_copy(tcp->local_ip, tcp->pcb->local_ip);
	tcp->local_port = tcp->pcb->local_port;
	if (tcp->state == TCP_SOCKET_LISTENING)
		return; /* a struct tcp_pcb_listen has no remote end */
	ip_addr_copy(tcp->remote_ip, tcp->pcb->remote_ip);
	tcp->remote_port = tcp->pcb->remote_port;
}

static err_t on_receive(void *argument, struct tcp_pcb *pcb, struct pbuf *data, err_t error)
{
	struct tcp_socket *tcp = argument;

	(void)pcb;
	(void)error;
	if (!data) {
		tcp->peer_closed = true;
	} else if (tcp->read_shut) {
		/* Linux discards what arrives after shutdown(SHUT_RD) too. */
		tcp_recved(pcb, data->tot_len);
		pbuf_free(data);
	} else {
		tcp->received_bytes += data->tot_len;
		if (tcp->received)
			pbuf_cat(tcp->received, data);
		else
			tcp->received = data;
	}
	socket_wake(tcp->socket);
	return ERR_OK;
}

static err_t on_sent(void *argument, struct tcp_pcb *pcb, uint16_t length)
{
	struct tcp_socket *tcp = argument;

	(void)pcb;
	(void)length;
	socket_wake(tcp->socket);
	return ERR_OK;
}

static void on_error(void *argument, err_t error)
{
	struct tcp_socket *tcp = argument;

	tcp->pcb = NULL;
	if (tcp->state == TCP_SOCKET_CONNECTING)
		tcp->socket->error = error == ERR_RST ? -ECONNREFUSED : -ETIMEDOUT;
	else if (!tcp->peer_closed || error == ERR_RST)
		tcp->socket->error = error == ERR_ABRT ? -ETIMEDOUT : inet_error(error);
	tcp->state = TCP_SOCKET_CLOSED;
	if (tcp->listener) { /* still in its listener's queue: it goes when accepted */
		tcp->peer_closed = true;
	}
	socket_wake(tcp->socket);
}

static err_t on_connected(void *argument, struct tcp_pcb *pcb, err_t error)
{
	struct tcp_socket *tcp = argument;

	(void)pcb;
	(void)error;
	tcp->state = TCP_SOCKET_CONNECTED;
	remember_addresses(tcp);
	socket_wake(tcp->socket);
	return ERR_OK;
}

static void attach(struct tcp_socket *tcp, struct tcp_pcb *pcb)
{
	tcp->pcb = pcb;
	tcp_arg(pcb, tcp);
	tcp_recv(pcb, on_receive);
	tcp_sent(pcb, on_sent);
	tcp_err(pcb, on_error);
}

static struct tcp_socket *tcp_socket_new(struct socket *socket)
{
	struct tcp_socket *tcp = heap_alloc_zeroed(sizeof(*tcp));

	if (!tcp)
		return NULL;
	tcp->socket = socket;
	socket->private = tcp;
	socket->ops = &tcp_operations;
	list_init(&tcp->accept_queue);
	return tcp;
}

static err_t on_accept(void *argument, struct tcp_pcb *pcb, err_t error)
{
	struct tcp_socket *listener = argument;
	struct socket *socket;
	struct tcp_socket *tcp;

	if (error != ERR_OK || !pcb)
		return ERR_VAL;
	socket = socket_new(listener->socket->family, SOCK_STREAM, IPPROTO_TCP, &tcp_operations);
	tcp = socket ? tcp_socket_new(socket) : NULL;
	if (!tcp) {
		socket_free(socket);
		tcp_abort(pcb);
		return ERR_ABRT;
	}
	socket->receive_timeout_ns = listener->socket->receive_timeout_ns;
	socket->send_timeout_ns = listener->socket->send_timeout_ns;
	socket->keepalive = listener->socket->keepalive;
	attach(tcp, pcb);
	tcp->state = TCP_SOCKET_CONNECTED;
	tcp->no_delay = listener->no_delay;
	tcp->corked = listener->corked;
	apply_nagle(tcp);
	remember_addresses(tcp);
	tcp->listener = listener;
	tcp_backlog_delayed(pcb);
	list_add_tail(&listener->accept_queue, &tcp->queue_node);
	listener->accept_count++;
	socket_wake(listener->socket);
	return ERR_OK;
}

/* lwIP's hook for a connection's initial sequence number (see lwipopts.h): RFC 6528's, a keyed
 * hash of the four-tuple plus a clock that moves 1 every 64 ns, so that it cannot be guessed
 * (lwIP's own counts up from 6510 for every connection). */
uint32_t inet_tcp_initial_sequence(const ip_addr_t *local, uint16_t local_port,
				   const ip_addr_t *remote, uint16_t remote_port)
{
	static uint64_t secret;
	uint64_t hash;

	while (!secret)
		secret = (uint64_t)net_random32() << 32 | net_random32();
	hash = secret ^ ((uint64_t)local_port << 16 | remote_port);
	for (unsigned i = 0; i < 4; i++) {
		uint32_t words[2] = {ip_2_ip6(local)->addr[i], ip_2_ip6(remote)->addr[i]};
		if (i && (IP_IS_V4(local) || IP_IS_V4(remote)))
			words[0] = words[1] = 0;
		hash = (hash ^ words[0]) * 0x9e3779b97f4a7c15ull;
		hash = (hash ^ words[1] ^ (hash >> 29)) * 0xbf58476d1ce4e5b9ull;
	}
	hash ^= hash >> 31;
	return (uint32_t)hash + (uint32_t)(time_monotonic_ns() >> 6);
}

/* A SYN for a listener whose backlog is full while some of it is half-open (a flood of SYNs
 * whose sources never answer): the oldest half-open connection makes room. */
static void evict_half_open(struct tcp_pcb_listen *listener)
{
	struct tcp_pcb *oldest = NULL;

	for (struct tcp_pcb *candidate = tcp_active_pcbs; candidate; candidate = candidate->next)
		if (candidate->state == SYN_RCVD && candidate->listener == listener &&
		    (!oldest ||
		     (uint32_t)(tcp_ticks - candidate->tmr) > (uint32_t)(tcp_ticks - oldest->tmr)))
			oldest = candidate;
	if (oldest)
		tcp_abandon(oldest, 0); /* no reset: its source is likely forged */
}

/* lwIP's hook for every segment that found a PCB (see lwipopts.h), for three cases lwIP
 * handles worse than Linux:
 * - a SYN flood filling a listener's backlog (evict_half_open);
 * - a new SYN for the four-tuple of a connection in TIME_WAIT (a client reusing its port while
 *   the server still waits): lwIP answers it with an ACK until the TIME_WAIT is over, 20 s.
 *   Here the SYN ends the TIME_WAIT (Linux does so for a SYN beyond the old sequence numbers,
 *   RFC 6191; clients' sequence numbers are not always beyond here, and the new connection's
 *   own random ISN keeps old duplicates out); the segment is dropped and the NIC glue gives
 *   the frame to the stack again (net_input_again), which then finds the listener;
 * - a reset in TIME_WAIT, which lwIP ignores (RFC 1337) and Linux takes (its default). */
err_t inet_tcp_input_hook(struct tcp_pcb *pcb, const struct tcp_hdr *header)
{
	uint8_t flags = TCPH_FLAGS(header) & (TCP_SYN | TCP_ACK | TCP_RST);
	uint32_t sequence = lwip_ntohl(header->seqno);

	if (pcb->state == LISTEN) {
		struct tcp_pcb_listen *listener = (struct tcp_pcb_listen *)pcb;
		if (flags == TCP_SYN && listener->accepts_pending >= listener->backlog)
			evict_half_open(listener);
		return ERR_OK;
	}
	if (pcb->state != TIME_WAIT)
		return ERR_OK;
	if (flags == TCP_SYN) {
		tcp_abort(pcb);
		net_input_again = true;
		return ERR_ABRT;
	}
	if ((flags & TCP_RST) && TCP_SEQ_BETWEEN(sequence, pcb->rcv_nxt, pcb->rcv_nxt + 0x10000)) {
		tcp_abort(pcb);
		return ERR_ABRT;
	}
	return ERR_OK;
}

/* ---- operations ---------------------------------------------------------------------------- */

static int ensure_pcb(struct tcp_socket *tcp)
{
	if (tcp->pcb)
		return 0;
	if (tcp->state != TCP_SOCKET_NEW)
		return -EINVAL;
	tcp->pcb = tcp_new_ip_type(inet_address_type(tcp->socket, tcp->v6_only));
	if (!tcp->pcb)
		return -ENOMEM;
	attach(tcp, tcp->pcb);
	if (tcp->socket->reuse_address || tcp->socket->reuse_port)
		ip_set_option(tcp->pcb, SOF_REUSEADDR);
	if (tcp->socket->keepalive)
		ip_set_option(tcp->pcb, SOF_KEEPALIVE);
	apply_nagle(tcp);
	return 0;
}

static int tcp_bind_socket(struct socket *socket, const struct socket_address *address)
{
	struct tcp_socket *tcp = tcp_of(socket);
	ip_addr_t ip;
	uint16_t port;
	int error = inet_address_in(socket, address, &ip, &port);

	if (error)
		return error == -EAFNOSUPPORT ? -EINVAL : error;
	uint64_t flags = net_lock();
	if (!(error = ensure_pcb(tcp))) {
		if (tcp->pcb->local_port)
			error = -EINVAL; /* bound already */
		else if (socket->family == AF_INET6 && ip_addr_isany(&ip))
			inet_address_any(socket, tcp->v6_only, &ip);
		if (!error)
			error = inet_error(tcp_bind(tcp->pcb, &ip, port));
		remember_addresses(tcp);
	}
	net_unlock(flags);
	return error;
}

static int tcp_listen_socket(struct socket *socket, int backlog)
{
	struct tcp_socket *tcp = tcp_of(socket);
	int error = 0;
	uint64_t flags = net_lock();

	backlog = backlog < 1 ? 1 : MIN(backlog, BACKLOG_MAX);
	if (tcp->state == TCP_SOCKET_LISTENING) {
		tcp_backlog_set(tcp->pcb, (uint8_t)backlog); /* listen() again: a new backlog */
		goto out;
	}
	if (tcp->state != TCP_SOCKET_NEW || (error = ensure_pcb(tcp)))
		goto out;
	if (!tcp->pcb->local_port) {
		ip_addr_t any;
		inet_address_any(socket, tcp->v6_only, &any);
		if ((error = inet_error(tcp_bind(tcp->pcb, &any, 0))))
			goto out;
	}
	err_t lwip_error;
	struct tcp_pcb *listening =
	    tcp_listen_with_backlog_and_err(tcp->pcb, (uint8_t)backlog, &lwip_error);
	if (!listening) {
		error = inet_error(lwip_error);
		goto out;
	}
	tcp->pcb = listening; /* lwIP freed the old one */
	tcp_arg(listening, tcp);
	tcp_accept(listening, on_accept);
	tcp->state = TCP_SOCKET_LISTENING;
	tcp->backlog = (unsigned)backlog;
	socket->accepting = true;
	remember_addresses(tcp);
out:
	net_unlock(flags);
	return error;
}

static int tcp_accept_socket(struct socket *socket, struct socket **accepted,
			     struct socket_address *peer)
{
	struct tcp_socket *tcp = tcp_of(socket);
	uint64_t deadline = socket_deadline(socket, false);
	int error = 0;
	uint64_t flags = net_lock();

	while (!error && tcp->state == TCP_SOCKET_LISTENING && list_empty(&tcp->accept_queue))
		if ((error = socket_wait(socket, 0, deadline)) == -ETIMEDOUT)
			error = -EAGAIN;
	if (!error && tcp->state != TCP_SOCKET_LISTENING)
		error = -EINVAL;
	if (!error) {
		struct tcp_socket *connection =
		    container_of(tcp->accept_queue.next, struct tcp_socket, queue_node);
		list_remove(&connection->queue_node);
		tcp->accept_count--;
		connection->listener = NULL;
		if (connection->pcb)
			tcp_backlog_accepted(connection->pcb);
		if (peer)
			inet_address_out(socket, &connection->remote_ip, connection->remote_port,
					 peer);
		*accepted = connection->socket;
	}
	net_unlock(flags);
	return error;
}

static int tcp_connect_socket(struct socket *socket, const struct socket_address *address)
{
	struct tcp_socket *tcp = tcp_of(socket);
	ip_addr_t ip;
	uint16_t port;
	int error = inet_address_in(socket, address, &ip, &port);
	uint64_t flags = net_lock();

	if (error)
		goto out;
	switch (tcp->state) {
	case TCP_SOCKET_CONNECTED:
		error = -EISCONN;
		goto out;
	case TCP_SOCKET_LISTENING:
		error = -EISCONN;
		goto out;
	case TCP_SOCKET_CONNECTING:
		error = socket_nonblocking(socket, 0) ? -EALREADY : 0;
		break;
	case TCP_SOCKET_CLOSED:
		error = socket->error ? socket->error : -ECONNABORTED;
		socket->error = 0;
		goto out;
	case TCP_SOCKET_NEW:
		if ((error = ensure_pcb(tcp)))
			goto out;
		if (ip_addr_isany(&ip)) /* Linux: connecting to 0.0.0.0 is to this machine */
			ip_addr_set_loopback(IP_IS_V6(&ip), &ip);
		error = inet_error(tcp_connect(tcp->pcb, &ip, port, on_connected));
		if (error)
			goto out;
		tcp->state = TCP_SOCKET_CONNECTING;
		remember_addresses(tcp);
		if (socket_nonblocking(socket, 0)) {
			error = -EINPROGRESS;
			goto out;
		}
	}
	if (error)
		goto out;
	uint64_t deadline = socket_deadline(socket, true);
	while (tcp->state == TCP_SOCKET_CONNECTING && !error)
		error = socket_sleep(socket, deadline);
	if (error == -ETIMEDOUT)
		error = -EINPROGRESS; /* SO_SNDTIMEO ran out: Linux says EINPROGRESS */
	else if (!error && tcp->state == TCP_SOCKET_CLOSED) {
		error = socket->error ? socket->error : -ECONNREFUSED;
		socket->error = 0;
	}
out:
	net_unlock(flags);
	return error;
}

/* Takes `count` bytes off the front of the received chain and opens the window by as much. */
static void consume(struct tcp_socket *tcp, size_t count)
{
	tcp->received = pbuf_free_header(tcp->received, (uint16_t)count);
	tcp->received_bytes -= count;
	if (tcp->pcb)
		tcp_recved(tcp->pcb, (uint16_t)count);
}

static size_t copy_received(struct tcp_socket *tcp, struct socket_message *message, size_t done,
			    bool peek)
{
	size_t copied = 0, skip = peek ? done : 0;

	for (struct pbuf *piece = tcp->received; piece && done + copied < message->total;
	     piece = piece->next) {
		if (skip >= piece->len) {
			skip -= piece->len;
			continue;
		}
		size_t chunk = MIN(piece->len - skip, message->total - done - copied);
		socket_message_copy_out(message, done + copied,
					(const uint8_t *)piece->payload + skip, chunk);
		copied += chunk;
		skip = 0;
	}
	if (!peek) {
		size_t left = copied;
		while (left) {
			size_t step = MIN(left, (size_t)WRITE_CHUNK);
			consume(tcp, step);
			left -= step;
		}
	}
	return copied;
}

static long tcp_receive(struct socket *socket, struct socket_message *message)
{
	struct tcp_socket *tcp = tcp_of(socket);
	uint64_t deadline = socket_deadline(socket, false);
	bool peek = message->flags & MSG_PEEK;
	bool wait_all = (message->flags & MSG_WAITALL) && !peek;
	size_t done = 0;
	long error = 0;
	uint64_t flags = net_lock();

	if (message->address)
		message->address->length = 0; /* a stream has no sender address */
	if (tcp->state == TCP_SOCKET_LISTENING || tcp->state == TCP_SOCKET_NEW) {
		error = -ENOTCONN;
		goto out;
	}
	while (done < message->total) {
		if (tcp->received_bytes > (peek ? done : 0)) {
			done += copy_received(tcp, message, done, peek);
			if (!wait_all)
				break;
			continue;
		}
		if (tcp->peer_closed || tcp->read_shut)
			break;
		if (socket->error) {
			error = socket->error;
			socket->error = 0;
			break;
		}
		if (tcp->state == TCP_SOCKET_CLOSED)
			break;
		if ((done && !wait_all) || (error = socket_wait(socket, message->flags, deadline)))
			break;
	}
	if (tcp->pcb && done && !peek)
		tcp_output(tcp->pcb); /* the window update */
out:
	net_unlock(flags);
	if (done)
		return (long)done;
	return error == -ETIMEDOUT ? -EAGAIN : error;
}

static long tcp_send(struct socket *socket, struct socket_message *message)
{
	struct tcp_socket *tcp = tcp_of(socket);
	uint64_t deadline = socket_deadline(socket, true);
	size_t done = 0;
	long error = 0;
	uint64_t flags = net_lock();

	while (done < message->total) {
		if (socket->error) {
			error = socket->error;
			socket->error = 0;
			break;
		}
		if (tcp->write_shut || tcp->state == TCP_SOCKET_CLOSED || !tcp->pcb) {
			error = -EPIPE;
			break;
		}
		if (tcp->state != TCP_SOCKET_CONNECTED) {
			error = -ENOTCONN;
			break;
		}
		/* The chunk from the buffer holding byte `done`. */
		size_t offset = done;
		int index = 0;
		while (offset >= message->vector[index].length) {
			offset -= message->vector[index].length;
			index++;
		}
		size_t room = MIN(tcp_sndbuf(tcp->pcb), (size_t)WRITE_CHUNK);
		size_t chunk = MIN(room, message->vector[index].length - offset);
		bool more = done + chunk < message->total || (message->flags & MSG_MORE);
		err_t written = ERR_MEM;
		if (chunk && tcp_sndqueuelen(tcp->pcb) < TCP_SND_QUEUELEN - 2)
			written = tcp_write(tcp->pcb,
					    (const uint8_t *)message->vector[index].base + offset,
					    (uint16_t)chunk,
					    TCP_WRITE_FLAG_COPY | (more ? TCP_WRITE_FLAG_MORE : 0));
		if (written == ERR_OK) {
			done += chunk;
			continue;
		}
		if (written != ERR_MEM) {
			error = inet_error(written);
			break;
		}
		/* The send buffer is full: send what is queued and wait for acknowledgements. */
		tcp_output(tcp->pcb);
		if ((error = socket_wait(socket, message->flags, deadline)))
			break;
	}
	if (tcp->pcb && done)
		tcp_output(tcp->pcb);
	net_unlock(flags);
	if (error == -EPIPE && !done)
		socket_broken_pipe(socket, message->flags);
	if (done)
		return (long)done;
	return error == -ETIMEDOUT ? -EAGAIN : error;
}

static int tcp_shutdown_socket(struct socket *socket, int how)
{
	struct tcp_socket *tcp = tcp_of(socket);
	int error = 0;
	uint64_t flags = net_lock();

	if (tcp->state != TCP_SOCKET_CONNECTED && tcp->state != TCP_SOCKET_CONNECTING) {
		error = tcp->state == TCP_SOCKET_LISTENING && how != SHUT_WR ? 0 : -ENOTCONN;
		goto out;
	}
	if (how != SHUT_WR && !tcp->read_shut) {
		tcp->read_shut = true;
		while (tcp->received_bytes) /* Linux drops what was not read */
			consume(tcp, MIN(tcp->received_bytes, (size_t)WRITE_CHUNK));
	}
	if (how != SHUT_RD && !tcp->write_shut && tcp->pcb) {
		tcp->write_shut = true;
		error = inet_error(tcp_shutdown(tcp->pcb, 0, 1));
	}
	socket_wake(socket);
out:
	net_unlock(flags);
	return error;
}

static int tcp_name(struct socket *socket, struct socket_address *address, bool peer)
{
	struct tcp_socket *tcp = tcp_of(socket);
	uint64_t flags = net_lock();
	int error = 0;

	remember_addresses(tcp);
	if (peer && tcp->state != TCP_SOCKET_CONNECTED)
		error = -ENOTCONN;
	else if (peer)
		inet_address_out(socket, &tcp->remote_ip, tcp->remote_port, address);
	else
		inet_address_out(socket, &tcp->local_ip, tcp->local_port, address);
	net_unlock(flags);
	return error;
}

static int tcp_set_option(struct socket *socket, int level, int name, const void *value,
			  unsigned length)
{
	struct tcp_socket *tcp = tcp_of(socket);
	int number = 0;
	int error = 0;

	if (length < sizeof(int))
		return level == SOL_SOCKET ? 0 : -EINVAL;
	memcpy(&number, value, sizeof(number));
	uint64_t flags = net_lock();
	struct tcp_pcb *pcb = tcp->state == TCP_SOCKET_LISTENING ? NULL : tcp->pcb;
	if (level == SOL_SOCKET) {
		if (pcb && name == SO_KEEPALIVE && number)
			ip_set_option(pcb, SOF_KEEPALIVE);
		else if (pcb && name == SO_KEEPALIVE)
			ip_reset_option(pcb, SOF_KEEPALIVE);
		if (tcp->pcb && (name == SO_REUSEADDR || name == SO_REUSEPORT) && number)
			ip_set_option(tcp->pcb, SOF_REUSEADDR);
	} else if (level == IPPROTO_TCP) {
		switch (name) {
		case TCP_NODELAY:
			tcp->no_delay = number;
			if (number)
				push_pending(tcp);
			apply_nagle(tcp);
			break;
		case TCP_CORK:
			tcp->corked = number;
			if (!number)
				push_pending(tcp);
			apply_nagle(tcp);
			break;
		case TCP_KEEPIDLE:
		case TCP_KEEPINTVL:
			if (number < 1 || number > 32767)
				error = -EINVAL;
			else if (pcb && name == TCP_KEEPIDLE)
				pcb->keep_idle = (uint32_t)number * 1000;
			else if (pcb)
				pcb->keep_intvl = (uint32_t)number * 1000;
			break;
		case TCP_KEEPCNT:
			if (number < 1 || number > 127)
				error = -EINVAL;
			else if (pcb)
				pcb->keep_cnt = (uint32_t)number;
			break;
		case TCP_MAXSEG:
			break; /* accepted: lwIP's MSS is fixed */
		default:
			error = -ENOPROTOOPT;
		}
	} else if (level == IPPROTO_IPV6 && name == IPV6_V6ONLY && socket->family == AF_INET6) {
		if (tcp->state != TCP_SOCKET_NEW || (tcp->pcb && tcp->pcb->local_port))
			error = -EINVAL;
		else
			tcp->v6_only = number;
		if (!error && tcp->pcb) /* made by an earlier option: of the other type */
			IP_SET_TYPE_VAL(tcp->pcb->local_ip,
					number ? IPADDR_TYPE_V6 : IPADDR_TYPE_ANY);
	} else if (level == IPPROTO_IP && (name == IP_TOS || name == IP_TTL)) {
		if (pcb && name == IP_TOS)
			pcb->tos = (uint8_t)number;
		else if (pcb)
			pcb->ttl = (uint8_t)number;
	} else {
		error = -ENOPROTOOPT;
	}
	net_unlock(flags);
	return error;
}

static int tcp_get_option(struct socket *socket, int level, int name, void *value, unsigned *length)
{
	struct tcp_socket *tcp = tcp_of(socket);
	struct tcp_pcb *pcb = tcp->state == TCP_SOCKET_LISTENING ? NULL : tcp->pcb;

	if (level == IPPROTO_TCP) {
		switch (name) {
		case TCP_NODELAY:
			return socket_option_int(value, length, tcp->no_delay);
		case TCP_MAXSEG:
			return socket_option_int(value, length, pcb ? tcp_mss(pcb) : TCP_MSS);
		case TCP_KEEPIDLE:
			return socket_option_int(
			    value, length,
			    (int)(pcb ? pcb->keep_idle / 1000 : TCP_KEEPIDLE_DEFAULT / 1000));
		case TCP_KEEPINTVL:
			return socket_option_int(
			    value, length,
			    (int)(pcb ? pcb->keep_intvl / 1000 : TCP_KEEPINTVL_DEFAULT / 1000));
		case TCP_KEEPCNT:
			return socket_option_int(value, length,
						 (int)(pcb ? pcb->keep_cnt : TCP_KEEPCNT_DEFAULT));
		case TCP_CORK:
			return socket_option_int(value, length, tcp->corked);
		}
	} else if (level == IPPROTO_IPV6 && name == IPV6_V6ONLY && socket->family == AF_INET6) {
		return socket_option_int(value, length, tcp->v6_only);
	} else if (level == IPPROTO_IP && name == IP_TTL) {
		return socket_option_int(value, length, pcb ? pcb->ttl : TCP_TTL);
	} else if (level == IPPROTO_IP && name == IP_TOS) {
		return socket_option_int(value, length, pcb ? pcb->tos : 0);
	}
	return -ENOPROTOOPT;
}

static unsigned tcp_poll_socket(struct socket *socket)
{
	struct tcp_socket *tcp = tcp_of(socket);
	unsigned events = 0;

	switch (tcp->state) {
	case TCP_SOCKET_NEW:
		events = POLL_OUT | POLL_HUP;
		break;
	case TCP_SOCKET_LISTENING:
		events = list_empty(&tcp->accept_queue) ? 0 : POLL_IN | POLL_RDNORM;
		break;
	case TCP_SOCKET_CONNECTING:
		break;
	case TCP_SOCKET_CONNECTED:
	case TCP_SOCKET_CLOSED:
		if (tcp->received_bytes)
			events |= POLL_IN | POLL_RDNORM;
		if (tcp->peer_closed || tcp->read_shut)
			events |= POLL_IN | POLL_RDNORM | POLL_RDHUP;
		if (tcp->state == TCP_SOCKET_CLOSED || (tcp->peer_closed && tcp->write_shut))
			events |= POLL_HUP | POLL_IN | POLL_RDNORM;
		if (tcp->state == TCP_SOCKET_CLOSED || tcp->write_shut ||
		    (tcp->pcb && tcp->pcb->snd_buf >= WRITABLE &&
		     tcp_sndqueuelen(tcp->pcb) < TCP_SND_QUEUELEN / 2))
			events |= POLL_OUT | POLL_WRNORM;
		break;
	}
	if (socket->error)
		events |= POLL_ERR;
	return events;
}

static long tcp_ioctl(struct socket *socket, unsigned long request, void *argument)
{
	struct tcp_socket *tcp = tcp_of(socket);
	int value;

	if (request == FIONREAD)
		value = (int)MIN(tcp->received_bytes, 0x7fffffffu);
	else if (request == SIOCOUTQ)
		value = tcp->pcb && tcp->state == TCP_SOCKET_CONNECTED
			    ? (int)(TCP_SND_BUF - tcp->pcb->snd_buf)
			    : 0;
	else if (request == SIOCOUTQNSD) {
		uint64_t flags = net_lock();
		value = tcp->pcb && tcp->state == TCP_SOCKET_CONNECTED ? unsent_bytes(tcp->pcb) : 0;
		net_unlock(flags);
	} else
		return inet_ioctl(socket, request, argument);
	return copy_to_user(argument, &value, sizeof(value));
}

/* lwIP's poll callback for a PCB whose tcp_close found no memory for its FIN: again. */
static err_t retry_close(void *argument, struct tcp_pcb *pcb)
{
	(void)argument;
	if (tcp_close(pcb) == ERR_OK)
		tcp_poll(pcb, NULL, 0);
	return ERR_OK;
}

/* Closes a connection's PCB: gracefully (lwIP goes on sending what is queued, then its FIN),
 * or with a reset when data the application never read is left or SO_LINGER says 0. */
static void close_pcb(struct tcp_socket *tcp)
{
	struct tcp_pcb *pcb = tcp->pcb;

	if (!pcb)
		return;
	tcp->pcb = NULL;
	tcp_arg(pcb, NULL);
	if (tcp->state == TCP_SOCKET_LISTENING) {
		tcp_accept(pcb, NULL);
		tcp_close(pcb);
		return;
	}
	tcp_recv(pcb, NULL); /* lwIP's default then drops, and acknowledges, what still comes */
	tcp_sent(pcb, NULL);
	tcp_err(pcb, NULL);
	if (tcp->received_bytes || (tcp->socket->linger.on && !tcp->socket->linger.seconds) ||
	    tcp->state == TCP_SOCKET_NEW) {
		if (tcp->state == TCP_SOCKET_NEW)
			tcp_close(pcb);
		else
			tcp_abort(pcb);
		return;
	}
	if (tcp_close(pcb) != ERR_OK)
		tcp_poll(pcb, retry_close, 2);
}

/* SO_LINGER with a time: close waits until what was sent is acknowledged, or the time. */
static void linger(struct tcp_socket *tcp)
{
	uint64_t deadline =
	    time_monotonic_ns() + (uint64_t)tcp->socket->linger.seconds * 1000000000ull;

	while (tcp->pcb && tcp->state == TCP_SOCKET_CONNECTED && tcp->pcb->unacked &&
	       !socket_sleep(tcp->socket, deadline))
		;
}

static void tcp_release(struct socket *socket)
{
	struct tcp_socket *tcp = tcp_of(socket);
	uint64_t flags = net_lock();

	/* Connections never accepted are reset. */
	while (!list_empty(&tcp->accept_queue)) {
		struct tcp_socket *connection =
		    container_of(tcp->accept_queue.next, struct tcp_socket, queue_node);
		list_remove(&connection->queue_node);
		connection->listener = NULL;
		if (connection->pcb) {
			tcp_backlog_accepted(connection->pcb);
			tcp_abort(connection->pcb); /* calls on_error: pcb becomes NULL */
		}
		tcp_release(connection->socket);
	}
	if (socket->linger.on && socket->linger.seconds > 0)
		linger(tcp);
	if (tcp->state == TCP_SOCKET_CONNECTED && tcp->pcb)
		tcp_output(tcp->pcb);
	close_pcb(tcp);
	if (tcp->received)
		pbuf_free(tcp->received);
	net_unlock(flags);
	heap_free(tcp);
	socket_free(socket);
}

static const struct socket_operations tcp_operations = {
    .bind = tcp_bind_socket,
    .listen = tcp_listen_socket,
    .accept = tcp_accept_socket,
    .connect = tcp_connect_socket,
    .send = tcp_send,
    .receive = tcp_receive,
    .shutdown = tcp_shutdown_socket,
    .name = tcp_name,
    .set_option = tcp_set_option,
    .get_option = tcp_get_option,
    .poll = tcp_poll_socket,
    .ioctl = tcp_ioctl,
    .release = tcp_release,
};

int inet_tcp_create(struct socket *socket)
{
	uint64_t flags = net_lock();
	struct tcp_socket *tcp = tcp_socket_new(socket);

	net_unlock(flags);
	return tcp ? 0 : -ENOMEM;
}

size_t inet_tcp_unread(const void *callback_argument)
{
	const struct tcp_socket *tcp = callback_argument;

	return tcp ? tcp->received_bytes : 0;
}
