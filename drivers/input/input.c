// SPDX-License-Identifier: MIT
/* The input event layer (see drivers/input/input.h): devices, their state (keys down, axis
 * values), and the queues of the clients that read them. Drivers report from their interrupt
 * handlers; readers take events in system calls, in which interrupts are deferred (the kernel
 * is not reentered on one CPU), so the queues need no lock yet. */
#include "drivers/input/input.h"
#include "fs/devices.h"
#include "fs/vfs.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "kernel/time.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/heap.h"

#define INPUT_MAJOR	  13
#define EVDEV_FIRST_MINOR 64

extern const struct file_operations evdev_operations;

static struct input_device *devices[INPUT_MAX_DEVICES];
static unsigned device_count;

struct input_device *input_device_create(const char *name)
{
	struct input_device *device = heap_alloc_zeroed(sizeof(*device));

	if (!device)
		return NULL;
	strlcpy(device->name, name, sizeof(device->name));
	list_init(&device->clients);
	device->event_bits = 1u << EV_SYN;
	return device;
}

static int make_node(unsigned number)
{
	static bool registered;
	struct inode *directory;
	char name[16];
	int error;

	if (!registered && (error = device_register_major(INPUT_MAJOR, &evdev_operations)))
		return error;
	registered = true;
	if ((error = vfs_make_directories("/dev/input", 10)) ||
	    (error = vfs_resolve(NULL, "/dev/input", 0, &directory)))
		return error;
	format_snprintf(name, sizeof(name), "event%u", number);
	error =
	    directory->ops->create(directory, name, strlen(name), S_IFCHR | 0660,
				   DEVICE_NUMBER(INPUT_MAJOR, EVDEV_FIRST_MINOR + number), NULL);
	inode_put(directory);
	return error;
}

int input_device_register(struct input_device *device)
{
	if (device_count == INPUT_MAX_DEVICES)
		return -ENOSPC;
	device->number = device_count;
	int error = make_node(device->number);
	if (error)
		return error;
	devices[device_count++] = device;
	pr_info("input: event%u: %s\n", device->number, device->name);
	return 0;
}

struct input_device *input_device_by_number(unsigned number)
{
	return number < device_count ? devices[number] : NULL;
}

unsigned input_device_count(void)
{
	return device_count;
}

static void queue_event(struct input_client *client, const struct input_event *event)
{
	if (client->count == INPUT_CLIENT_QUEUE) {
		/* Full: the reader lost events; it gets SYN_DROPPED and then what comes next. */
		client->count = 0;
		client->dropped = true;
	}
	client->queue[(client->head + client->count++) % INPUT_CLIENT_QUEUE] = *event;
}

static void deliver(struct input_device *device)
{
	struct list_node *node;

	list_for_each(node, &device->clients)
	{
		struct input_client *client = list_entry(node, struct input_client, node);
		if (device->grab && device->grab != client)
			continue;
		for (unsigned i = 0; i < device->pending_count; i++)
			queue_event(client, &device->pending[i]);
		wait_queue_wake(&client->readers, ~0u);
		poll_notify(&client->pollers);
	}
	device->pending_count = 0;
}

/* Updates the device's state; false for an event that changes nothing and is dropped. */
static bool update_state(struct input_device *device, uint16_t type, uint16_t code, int32_t value)
{
	if (type == EV_KEY && code <= KEY_MAX && value != 2) {
		if (input_bit(device->key_state, code) == (value != 0))
			return false;
		device->key_state[code / 64] ^= 1ull << (code % 64);
	} else if (type == EV_ABS && code <= ABS_MAX) {
		if (device->abs[code].value == value)
			return false;
		device->abs[code].value = value;
	} else if (type == EV_REL && !value) {
		return false;
	}
	return true;
}

void input_report(struct input_device *device, uint16_t type, uint16_t code, int32_t value)
{
	if (type == EV_SYN && code == SYN_REPORT && !device->pending_count)
		return; /* an empty report */
	if (type != EV_SYN && !update_state(device, type, code, value))
		return;
	if (type == EV_KEY && device->types_on_console && !device->grab)
		input_console_key(code, value);
	if (device->pending_count == INPUT_PENDING_MAX)
		device->pending_count--; /* a report this long loses its last events */
	uint64_t now = time_realtime_ns();
	device->pending[device->pending_count++] = (struct input_event){
	    (int64_t)(now / 1000000000), (int64_t)(now % 1000000000 / 1000), type, code, value};
	if (type == EV_SYN && code == SYN_REPORT)
		deliver(device);
}

struct input_client *input_client_open(struct input_device *device)
{
	struct input_client *client = heap_alloc_zeroed(sizeof(*client));

	if (!client)
		return NULL;
	client->device = device;
	wait_queue_init(&client->readers);
	poll_waiters_init(&client->pollers);
	list_add_tail(&device->clients, &client->node);
	return client;
}

void input_client_close(struct input_client *client)
{
	if (client->device->grab == client)
		client->device->grab = NULL;
	list_remove(&client->node);
	heap_free(client);
}

unsigned input_client_take(struct input_client *client, struct input_event *events, unsigned count)
{
	unsigned taken = 0;

	if (client->dropped && count) {
		uint64_t now = time_realtime_ns();
		events[taken++] = (struct input_event){(int64_t)(now / 1000000000),
						       (int64_t)(now % 1000000000 / 1000), EV_SYN,
						       SYN_DROPPED, 0};
		client->dropped = false;
	}
	while (taken < count && client->count) {
		events[taken++] = client->queue[client->head];
		client->head = (client->head + 1) % INPUT_CLIENT_QUEUE;
		client->count--;
	}
	return taken;
}
