// SPDX-License-Identifier: MIT
/* Received datagrams waiting for the application (see net/datagram_queue.h). */
#include "net/datagram_queue.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "mm/heap.h"

struct datagram {
	struct list_node node;
	struct pbuf *data;
	ip_addr_t from;
	uint16_t port;
};

void datagram_queue_init(struct datagram_queue *queue)
{
	list_init(&queue->datagrams);
	queue->bytes = 0;
	queue->dropped = 0;
}

bool datagram_queue_add(struct datagram_queue *queue, uint32_t limit, struct pbuf *data,
			const ip_addr_t *from, uint16_t port)
{
	struct datagram *datagram = NULL;

	if (queue->bytes + data->tot_len <= limit)
		datagram = heap_alloc(sizeof(*datagram));
	if (!datagram) {
		queue->dropped++;
		pbuf_free(data);
		return false;
	}
	datagram->data = data;
	ip_addr_copy(datagram->from, *from);
	datagram->port = port;
	list_add_tail(&queue->datagrams, &datagram->node);
	queue->bytes += data->tot_len;
	return true;
}

bool datagram_queue_empty(const struct datagram_queue *queue)
{
	return list_empty(&queue->datagrams);
}

static void drop_first(struct datagram_queue *queue)
{
	struct datagram *datagram = container_of(queue->datagrams.next, struct datagram, node);

	list_remove(&datagram->node);
	queue->bytes -= datagram->data->tot_len;
	pbuf_free(datagram->data);
	heap_free(datagram);
}

long datagram_queue_take(struct datagram_queue *queue, struct socket_message *message,
			 ip_addr_t *from, uint16_t *port)
{
	if (list_empty(&queue->datagrams))
		return -EAGAIN;
	struct datagram *datagram = container_of(queue->datagrams.next, struct datagram, node);
	size_t length = datagram->data->tot_len, copied = 0;
	for (struct pbuf *piece = datagram->data; piece && copied < message->total;
	     piece = piece->next)
		copied += socket_message_copy_out(message, copied, piece->payload,
						  MIN(piece->len, message->total - copied));
	if (copied < length)
		message->flags_out |= MSG_TRUNC;
	ip_addr_copy(*from, datagram->from);
	*port = datagram->port;
	if (!(message->flags & MSG_PEEK))
		drop_first(queue);
	/* With MSG_TRUNC the whole length, as Linux does. */
	return (long)((message->flags & MSG_TRUNC) ? length : copied);
}

void datagram_queue_clear(struct datagram_queue *queue)
{
	while (!list_empty(&queue->datagrams))
		drop_first(queue);
}

int datagram_queue_wait(struct datagram_queue *queue, struct socket *socket, unsigned flags)
{
	uint64_t deadline = socket_deadline(socket, false);

	while (list_empty(&queue->datagrams)) {
		int error = socket_wait(socket, flags, deadline);
		if (error)
			return error == -ETIMEDOUT ? -EAGAIN : error;
	}
	return 0;
}

size_t datagram_queue_next_length(const struct datagram_queue *queue)
{
	return container_of(queue->datagrams.next, struct datagram, node)->data->tot_len;
}
