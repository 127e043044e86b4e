// SPDX-License-Identifier: MIT
/* virtio-input (virtio 1.x, section 5.8): keyboards, mice and tablets whose events are
 * already Linux's (type, code, value). What a device has is read from its configuration space
 * by the select/subsel protocol (write select and subsel, read size, then the union): its
 * name, ids, properties, the bitmap of each event type and each axis's range. The event queue
 * holds buffers of one event each; the device's interrupt hands them to the input layer
 * (drivers/input/input.c) and gives them back. Linked only into images with graphics. */
#include <stdint.h>
#include "drivers/input/input.h"
#include "drivers/virtio/virtio.h"
#include "kernel/log.h"
#include "lib/string.h"
#include "mm/heap.h"

#define QUEUE_EVENTS 0
#define QUEUE_STATUS 1
#define QUEUE_SIZE   64

enum config_select {
	CONFIG_UNSET = 0x00,
	CONFIG_ID_NAME = 0x01,
	CONFIG_ID_DEVIDS = 0x03,
	CONFIG_PROP_BITS = 0x10,
	CONFIG_EV_BITS = 0x11,
	CONFIG_ABS_INFO = 0x12,
};
#define CONFIG_SELECT	0
#define CONFIG_SUBSEL	1
#define CONFIG_SIZE	2
#define CONFIG_DATA	8
#define CONFIG_DATA_MAX 128

struct virtio_input_event {
	uint16_t type, code;
	uint32_t value;
};

struct virtio_input {
	struct virtio_device *virtio;
	struct input_device *input;
	struct virtio_input_event events[QUEUE_SIZE];
};

/* Selects a configuration item and copies it (at most `size` bytes); returns its size. */
static unsigned read_config(struct virtio_device *virtio, enum config_select select, uint8_t subsel,
			    void *data, unsigned size)
{
	volatile uint8_t *config = virtio_config(virtio);

	config[CONFIG_SELECT] = (uint8_t)select;
	config[CONFIG_SUBSEL] = subsel;
	unsigned length = config[CONFIG_SIZE];
	if (length > CONFIG_DATA_MAX)
		length = CONFIG_DATA_MAX;
	for (unsigned i = 0; i < length && i < size; i++)
		((uint8_t *)data)[i] = config[CONFIG_DATA + i];
	return length;
}

static void read_bits(struct virtio_device *virtio, uint8_t type, uint64_t *bits, unsigned bytes)
{
	memset(bits, 0, bytes);
	read_config(virtio, CONFIG_EV_BITS, type, bits, bytes);
}

static void describe(struct virtio_input *device)
{
	struct virtio_device *virtio = device->virtio;
	struct input_device *input = device->input;
	uint16_t ids[4] = {0};

	read_config(virtio, CONFIG_ID_NAME, 0, input->name, sizeof(input->name) - 1);
	read_config(virtio, CONFIG_ID_DEVIDS, 0, ids, sizeof(ids));
	input->id = (struct input_id){ids[0], ids[1], ids[2], ids[3]};
	read_config(virtio, CONFIG_PROP_BITS, 0, &input->property_bits, sizeof(uint64_t));
	read_bits(virtio, EV_KEY, input->key_bits, sizeof(input->key_bits));
	read_bits(virtio, EV_REL, &input->rel_bits, sizeof(uint64_t));
	read_bits(virtio, EV_ABS, &input->abs_bits, sizeof(uint64_t));
	read_bits(virtio, EV_MSC, &input->msc_bits, sizeof(uint64_t));
	read_bits(virtio, EV_LED, &input->led_bits, sizeof(uint64_t));
	for (unsigned type = EV_KEY; type <= EV_MAX; type++) {
		uint8_t any[CONFIG_DATA_MAX];
		if (read_config(virtio, CONFIG_EV_BITS, (uint8_t)type, any, sizeof(any)))
			input_set_bit(&input->event_bits, type);
	}
	for (unsigned axis = 0; axis <= ABS_MAX; axis++) {
		int32_t info[5] = {0}; /* min, max, fuzz, flat, resolution */
		if (!input_bit(&input->abs_bits, axis))
			continue;
		read_config(virtio, CONFIG_ABS_INFO, (uint8_t)axis, info, sizeof(info));
		input->abs[axis] =
		    (struct input_absinfo){0, info[0], info[1], info[2], info[3], info[4]};
	}
	read_config(virtio, CONFIG_UNSET, 0, NULL, 0);
}

static void post_event_buffer(struct virtio_input *device, unsigned index)
{
	struct virtqueue_segment segment = {&device->events[index], sizeof(device->events[0]),
					    true};

	virtqueue_add(&device->virtio->queues[QUEUE_EVENTS], &segment, 1,
		      (void *)(uintptr_t)(index + 1));
}

static void events_used(struct virtqueue *queue)
{
	struct virtio_input *device = queue->owner;
	void *token;
	uint32_t written;

	while (virtqueue_take_used(queue, &token, &written)) {
		unsigned index = (unsigned)(uintptr_t)token - 1;
		const struct virtio_input_event *event = &device->events[index];
		if (written >= sizeof(*event))
			input_report(device->input, event->type, event->code,
				     (int32_t)event->value);
		post_event_buffer(device, index);
	}
	virtqueue_kick(queue);
}

static void status_used(struct virtqueue *queue)
{
	void *token;
	uint32_t written;

	while (virtqueue_take_used(queue, &token, &written))
		; /* nothing is sent there (LED changes would be) */
}

void virtio_input_attach(struct virtio_device *virtio)
{
	struct virtio_input *device = heap_alloc_zeroed(sizeof(*device));

	if (!device || !(device->input = input_device_create(""))) {
		pr_warn("virtio-input: out of memory\n");
		return;
	}
	device->virtio = virtio;
	if (!virtio_negotiate(virtio, 0) || virtio_setup_queue(virtio, QUEUE_EVENTS, QUEUE_SIZE) ||
	    virtio_setup_queue(virtio, QUEUE_STATUS, QUEUE_SIZE)) {
		pr_warn("virtio-input: the device refused the driver\n");
		return;
	}
	describe(device);
	strlcpy(device->input->physical, "virtio", sizeof(device->input->physical));
	/* A keyboard (it has letters) types on the console too. */
	device->input->types_on_console = input_bit(device->input->key_bits, 30 /* KEY_A */);
	virtio->queues[QUEUE_EVENTS].used_callback = events_used;
	virtio->queues[QUEUE_EVENTS].owner = device;
	virtio->queues[QUEUE_STATUS].used_callback = status_used;
	virtio->queues[QUEUE_STATUS].owner = device;
	for (unsigned i = 0; i < virtio->queues[QUEUE_EVENTS].size && i < QUEUE_SIZE; i++)
		post_event_buffer(device, i);
	virtio_start(virtio);
	virtqueue_kick(&virtio->queues[QUEUE_EVENTS]);
	if (input_device_register(device->input))
		pr_warn("virtio-input: cannot make /dev/input/event%u\n", input_device_count());
}
