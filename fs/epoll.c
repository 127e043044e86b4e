// SPDX-License-Identifier: MIT
/* epoll instances: a list of interests, each on its file's list (no reference: a file's last
 * close takes it out of every epoll set, as on Linux) with one persistent poller entry on it. A
 * file's notification marks the interest (that is the "edge") and wakes threads in epoll_wait on
 * this instance; epoll_wait then asks each interest's file for its readiness: level-triggered
 * interests report while ready, edge-triggered ones once per notification, one-shot ones once until
 * EPOLL_CTL_MOD re-arms them. */
#include "fs/epoll.h"
#include "fs/devices.h"
#include "fs/readiness.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "mm/heap.h"

struct epoll_interest {
	struct list_node node;
	struct list_node file_node; /* on the file's epoll_interests */
	struct poll_entry entry;    /* on the file's pollers */
	struct epoll *owner;
	int fd;
	struct file *file;
	uint32_t events;
	uint64_t data;
	bool edge_pending; /* notified since last reported */
	bool disabled;	   /* a one-shot interest that fired */
};

struct epoll {
	struct list_node interests;
	struct poll_waiters waiters; /* threads in epoll_wait, and epolls watching this one */
};

static struct superblock epoll_superblock = {.type = "epollfs"};

static struct epoll_interest *find(struct epoll *epoll, int fd, struct file *file)
{
	struct list_node *node;

	list_for_each(node, &epoll->interests)
	{
		struct epoll_interest *interest = list_entry(node, struct epoll_interest, node);
		if (interest->fd == fd && interest->file == file)
			return interest;
	}
	return NULL;
}

static void interest_notified(struct poll_entry *entry)
{
	struct epoll_interest *interest = container_of(entry, struct epoll_interest, entry);

	interest->edge_pending = true;
	poll_notify(&interest->owner->waiters);
}

static void interest_free(struct epoll_interest *interest)
{
	if (interest->entry.waiters)
		list_remove(&interest->entry.node);
	list_remove(&interest->node);
	list_remove(&interest->file_node);
	heap_free(interest);
}

void epoll_forget_file(struct file *file)
{
	while (!list_empty(&file->epoll_interests))
		interest_free(
		    container_of(file->epoll_interests.next, struct epoll_interest, file_node));
}

static uint32_t interest_events(struct epoll_interest *interest)
{
	return file_poll(interest->file, NULL) & (interest->events | EPOLLERR | EPOLLHUP);
}

static unsigned epoll_file_poll(struct file *file, struct poll_table *table)
{
	struct epoll *epoll = file->private;
	struct list_node *node;

	poll_wait(&epoll->waiters, table);
	list_for_each(node, &epoll->interests)
	{
		struct epoll_interest *interest = list_entry(node, struct epoll_interest, node);
		if (!interest->disabled && interest_events(interest))
			return POLL_IN;
	}
	return 0;
}

static void epoll_release(struct file *file)
{
	struct epoll *epoll = file->private;

	while (!list_empty(&epoll->interests))
		interest_free(list_entry(epoll->interests.next, struct epoll_interest, node));
	heap_free(epoll);
}

static const struct file_operations epoll_operations = {
    .release = epoll_release,
    .poll = epoll_file_poll,
    .stream = true,
};

int epoll_create(struct file **result)
{
	struct epoll *epoll = heap_alloc_zeroed(sizeof(*epoll));
	struct inode *inode = inode_create(&epoll_superblock, 0600);
	int error;

	if (!epoll || !inode) {
		heap_free(epoll);
		heap_free(inode);
		return -ENOMEM;
	}
	list_init(&epoll->interests);
	poll_waiters_init(&epoll->waiters);
	inode->file_ops = &epoll_operations;
	*result = file_open_inode(inode, O_RDWR, &error);
	inode_put(inode);
	if (!*result) {
		heap_free(epoll);
		return error;
	}
	(*result)->private = epoll;
	return 0;
}

bool file_is_epoll(const struct file *file)
{
	return file->ops == &epoll_operations;
}

int epoll_control(struct file *epoll_file, int operation, int fd, struct file *target,
		  uint32_t events, uint64_t data)
{
	struct epoll *epoll = epoll_file->private;
	struct epoll_interest *interest = find(epoll, fd, target);

	switch (operation) {
	case EPOLL_CTL_ADD:
		if (interest)
			return -EEXIST;
		if (!(interest = heap_alloc_zeroed(sizeof(*interest))))
			return -ENOMEM;
		*interest = (struct epoll_interest){.owner = epoll,
						    .fd = fd,
						    .file = target,
						    .events = events,
						    .data = data,
						    .edge_pending = true};
		interest->entry.notify = interest_notified;
		list_add_tail(&epoll->interests, &interest->node);
		list_add_tail(&target->epoll_interests, &interest->file_node);
		/* Register the persistent entry with the file. */
		struct poll_table *table = heap_alloc(sizeof(*table));
		if (table) {
			poll_table_init(table);
			table->single = &interest->entry;
			file_poll(target, table);
			heap_free(table);
		}
		return 0;
	case EPOLL_CTL_MOD:
		if (!interest)
			return -ENOENT;
		interest->events = events;
		interest->data = data;
		interest->disabled = false;
		interest->edge_pending = true;
		return 0;
	case EPOLL_CTL_DEL:
		if (!interest)
			return -ENOENT;
		interest_free(interest);
		return 0;
	default:
		return -EINVAL;
	}
}

struct epoll_wait_request {
	struct epoll *epoll;
	struct linux_epoll_event *events;
	unsigned capacity;
};

static unsigned collect(void *context, struct poll_table *table)
{
	struct epoll_wait_request *request = context;
	struct list_node *node;
	unsigned count = 0;

	poll_wait(&request->epoll->waiters, table);
	list_for_each(node, &request->epoll->interests)
	{
		struct epoll_interest *interest = list_entry(node, struct epoll_interest, node);
		if (count == request->capacity)
			break;
		if (interest->disabled)
			continue;
		uint32_t ready = interest_events(interest);
		if (!ready || ((interest->events & EPOLLET) && !interest->edge_pending))
			continue;
		interest->edge_pending = false;
		if (interest->events & EPOLLONESHOT)
			interest->disabled = true;
		request->events[count++] = (struct linux_epoll_event){ready, interest->data};
	}
	return count;
}

long epoll_wait_events(struct file *epoll_file, struct linux_epoll_event *events, unsigned capacity,
		       uint64_t deadline_ns)
{
	struct epoll_wait_request request = {epoll_file->private, events, capacity};

	return readiness_wait(collect, &request, deadline_ns);
}
