// SPDX-License-Identifier: MIT
/* /dev/input/eventN: Linux's evdev ABI over the input layer (drivers/input/input.c). Reads
 * return whole 24-byte struct input_event records (a smaller buffer is EINVAL), block until a
 * report arrives unless O_NONBLOCK (EAGAIN), and poll/epoll see POLLIN when one is queued.
 * The ioctls are evdev's: EVIOCGVERSION, GID, GREP, GNAME, GPHYS, GUNIQ, GPROP, GKEY, GLED,
 * GSND, GSW, GBIT, GABS, GRAB; a length-carrying request copies at most its length and returns
 * how many bytes it wrote, as Linux's do; an evdev request it does not know is EINVAL (as on
 * Linux), another driver's ENOTTY. */
#include "drivers/input/input.h"
#include "fs/devices.h"
#include "fs/vfs.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "lib/string.h"
#include "sys/user_memory.h"

#define EVDEV_FIRST_MINOR 64
#define READ_BATCH	  16

static int evdev_open(struct inode *inode, struct file *file)
{
	struct input_device *device =
	    input_device_by_number((inode->device & 0xff) - EVDEV_FIRST_MINOR);

	if (!device)
		return -ENODEV;
	file->private = input_client_open(device);
	return file->private ? 0 : -ENOMEM;
}

static void evdev_release(struct file *file)
{
	input_client_close(file->private);
}

static long evdev_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	struct input_client *client = file->private;
	struct input_event events[READ_BATCH];
	size_t done = 0;

	(void)offset;
	if (count < sizeof(struct input_event))
		return -EINVAL;
	while (!client->count && !client->dropped) {
		if (file->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_queue_sleep(&client->readers, 0) == -EINTR)
			return -EINTR;
	}
	while (done + sizeof(struct input_event) <= count) {
		unsigned wanted =
		    (unsigned)MIN((count - done) / sizeof(struct input_event), (size_t)READ_BATCH);
		unsigned taken = input_client_take(client, events, wanted);
		if (!taken)
			break;
		if (copy_to_user((char *)buffer + done, events, taken * sizeof(events[0])))
			return done ? (long)done : -EFAULT;
		done += taken * sizeof(events[0]);
	}
	return (long)done;
}

static unsigned evdev_poll(struct file *file, struct poll_table *table)
{
	struct input_client *client = file->private;

	poll_wait(&client->pollers, table);
	return client->count || client->dropped ? POLL_IN | POLL_RDNORM : 0;
}

/* Copies `length` bytes of a bitmap or string, at most `limit`: what Linux returns. */
static long copy_limited(void *argument, const void *data, size_t length, size_t limit)
{
	length = MIN(length, limit);
	return copy_to_user(argument, data, length) ? -EFAULT : (long)length;
}

static long copy_string(void *argument, const char *text, size_t limit)
{
	return copy_limited(argument, text, strlen(text) + 1, limit);
}

static long copy_event_bits(const struct input_device *device, unsigned type, void *argument,
			    size_t limit)
{
	uint64_t type_bits = device->event_bits;

	switch (type) {
	case 0:
		return copy_limited(argument, &type_bits, sizeof(type_bits), limit);
	case EV_KEY:
		return copy_limited(argument, device->key_bits, sizeof(device->key_bits), limit);
	case EV_REL:
		return copy_limited(argument, &device->rel_bits, sizeof(uint64_t), limit);
	case EV_ABS:
		return copy_limited(argument, &device->abs_bits, sizeof(uint64_t), limit);
	case EV_MSC:
		return copy_limited(argument, &device->msc_bits, sizeof(uint64_t), limit);
	case EV_LED:
		return copy_limited(argument, &device->led_bits, sizeof(uint64_t), limit);
	default: {
		/* Types the device does not have: an empty bitmap of Linux's size for them. */
		static const uint8_t none[16];
		return type <= EV_MAX ? copy_limited(argument, none, sizeof(none), limit) : -EINVAL;
	}
	}
}

static long evdev_grab(struct input_client *client, unsigned long value)
{
	struct input_device *device = client->device;

	if (value) {
		if (device->grab)
			return -EBUSY;
		device->grab = client;
	} else {
		if (device->grab != client)
			return -EINVAL;
		device->grab = NULL;
	}
	return 0;
}

static long fixed_request(struct input_client *client, unsigned long request, void *argument)
{
	static const int version = EV_VERSION;
	static const unsigned repeat[2] = {250, 33}; /* delay and period, ms */
	const struct input_device *device = client->device;

	switch (request) {
	case EVIOCGVERSION:
		return copy_to_user(argument, &version, sizeof(version));
	case EVIOCGID:
		return copy_to_user(argument, &device->id, sizeof(device->id));
	case EVIOCGREP:
		return input_bit(&device->event_bits, EV_REP)
			   ? copy_to_user(argument, repeat, sizeof(repeat))
			   : -EINVAL;
	case EVIOCGRAB:
		return evdev_grab(client, (unsigned long)argument);
	case EVIOCSCLOCKID:
		return 0; /* one clock here: CLOCK_REALTIME's */
	}
	return -EINVAL; /* as Linux says for the requests of evdev's it does not know */
}

static long evdev_ioctl(struct file *file, unsigned long request, void *argument)
{
	struct input_client *client = file->private;
	const struct input_device *device = client->device;
	unsigned number = EVDEV_IOC_NUMBER(request);
	size_t size = EVDEV_IOC_SIZE(request);
	static const uint8_t nothing[8];

	if (EVDEV_IOC_TYPE_OF(request) != EVDEV_IOC_TYPE)
		return -ENOTTY;
	if (EVDEV_IOC_DIR(request) != EVDEV_IOC_READ)
		return fixed_request(client, request, argument);
	if (number >= EVIOC_ABS && number <= EVIOC_ABS + ABS_MAX) {
		unsigned axis = number - EVIOC_ABS;
		if (!input_bit(&device->abs_bits, axis))
			return -EINVAL;
		return copy_limited(argument, &device->abs[axis], sizeof(device->abs[axis]), size) <
			       0
			   ? -EFAULT
			   : 0;
	}
	if (number >= EVIOC_BIT && number <= EVIOC_BIT + EV_MAX)
		return copy_event_bits(device, number - EVIOC_BIT, argument, size);
	switch (number) {
	case EVIOC_NAME:
		return copy_string(argument, device->name, size);
	case EVIOC_PHYS:
		return device->physical[0] ? copy_string(argument, device->physical, size)
					   : -ENOENT;
	case EVIOC_UNIQ:
		return -ENOENT;
	case EVIOC_PROP:
		return copy_limited(argument, &device->property_bits, sizeof(uint64_t), size);
	case EVIOC_KEY:
		return copy_limited(argument, device->key_state, sizeof(device->key_state), size);
	case EVIOC_LED:
	case EVIOC_SND:
	case EVIOC_SW:
		return copy_limited(argument, nothing, sizeof(nothing), size);
	}
	return fixed_request(client, request, argument);
}

const struct file_operations evdev_operations = {
    .open = evdev_open,
    .release = evdev_release,
    .read = evdev_read,
    .poll = evdev_poll,
    .ioctl = evdev_ioctl,
    .stream = true,
};
