/* SPDX-License-Identifier: MIT */
/* The one input event layer: every keyboard and pointer (the PS/2 keyboard and mouse,
 * virtio-input keyboards and tablets) is a struct input_device that reports Linux events
 * (EV_KEY, EV_REL, EV_ABS, then EV_SYN); each open /dev/input/eventN (drivers/input/evdev.c)
 * is a client with its own queue of them. Linked only into images with graphics. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "fs/poll.h"
#include "include/uapi/input.h"
#include "kernel/thread.h"
#include "lib/list.h"

#define INPUT_MAX_DEVICES  8
#define INPUT_KEY_WORDS	   ((KEY_MAX + 1) / 64)
#define INPUT_PENDING_MAX  64  /* events of one report, before its EV_SYN */
#define INPUT_CLIENT_QUEUE 256 /* events a reader may fall behind by (then SYN_DROPPED) */

struct input_device {
	char name[128];
	char physical[32];
	struct input_id id;
	uint64_t event_bits, rel_bits, abs_bits, msc_bits, led_bits, property_bits;
	uint64_t key_bits[INPUT_KEY_WORDS];
	uint64_t key_state[INPUT_KEY_WORDS];
	struct input_absinfo abs[ABS_MAX + 1];
	unsigned number;       /* N of /dev/input/eventN */
	bool types_on_console; /* its keys are console input too (drivers/input/input_console.c) */
	struct list_node clients;
	struct input_client *grab; /* EVIOCGRAB: only this client gets events */
	struct input_event pending[INPUT_PENDING_MAX];
	unsigned pending_count;
};

struct input_client {
	struct list_node node;
	struct input_device *device;
	struct input_event queue[INPUT_CLIENT_QUEUE];
	unsigned head, count;
	bool dropped; /* the queue overflowed: the next read starts with SYN_DROPPED */
	struct wait_queue readers;
	struct poll_waiters pollers;
};

/* A zeroed device with EV_SYN; the driver names it and sets its bits, then registers it. NULL
 * without memory. */
struct input_device *input_device_create(const char *name);
/* Makes /dev/input/eventN for it: 0, -ENOSPC (too many devices) or -ENOMEM. */
int input_device_register(struct input_device *device);
static inline void input_set_bit(uint64_t *bits, unsigned bit)
{
	bits[bit / 64] |= 1ull << (bit % 64);
}
static inline bool input_bit(const uint64_t *bits, unsigned bit)
{
	return bits[bit / 64] >> (bit % 64) & 1;
}
/* Reports an event (from a driver's interrupt); an EV_SYN SYN_REPORT hands the events since
 * the last one to the clients, together, and wakes their readers. A key's repeated state is
 * dropped, as Linux does. */
void input_report(struct input_device *device, uint16_t type, uint16_t code, int32_t value);
static inline void input_sync(struct input_device *device)
{
	input_report(device, EV_SYN, SYN_REPORT, 0);
}

/* The device behind /dev/input/eventN, or NULL. */
struct input_device *input_device_by_number(unsigned number);
/* For every registered device, in order (for /proc/bus/input/devices). */
unsigned input_device_count(void);

/* Clients: one per open file. */
struct input_client *input_client_open(struct input_device *device);
void input_client_close(struct input_client *client);
/* Takes up to `count` events; 0 when none is queued. */
unsigned input_client_take(struct input_client *client, struct input_event *events, unsigned count);

/* drivers/input/input_console.c: a key typed on the console (value 0 up, 1 down, 2 repeat),
 * and the Linux key code of a set-1 scancode (0xe0-prefixed when `extended`), 0 if none. */
void input_console_key(uint16_t key, int32_t value);
uint16_t input_key_of_scancode(uint8_t code, bool extended);

/* /proc/bus/input/devices (drivers/input/input_proc.c). */
void input_register_proc_files(void);
