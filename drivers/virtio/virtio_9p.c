// SPDX-License-Identifier: MIT
/* virtio-9p: the transport of host folders (`yolk run --share HOST:GUEST`). Each device carries
 * a mount tag, the guest path to mount it on; a request is one chain: the message out, the
 * reply in. The 9P2000.L filesystem itself is fs/ninep.c. */
#include "drivers/virtio/virtio.h"
#include "fs/ninep.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "lib/string.h"
#include "mm/heap.h"

#define FEATURE_MOUNT_TAG 1
#define TAG_MAX		  255

static long ninep_virtio_exchange(void *transport, const void *request, size_t request_length,
				  void *reply, size_t reply_capacity)
{
	struct virtio_device *device = transport;
	struct virtqueue_segment segments[2] = {
	    {request, (uint32_t)request_length, false},
	    {reply, (uint32_t)reply_capacity, true},
	};

	return virtqueue_transfer(&device->queues[0], segments, 2);
}

/* The device stays when its filesystem goes: nothing to close. */
static const struct ninep_transport_operations virtio_9p_transport = {
    .exchange = ninep_virtio_exchange,
};

void virtio_9p_attach(struct virtio_device *device)
{
	char tag[TAG_MAX + 1];

	if (!virtio_negotiate(device, FEATURE_MOUNT_TAG) || virtio_setup_queue(device, 0, 128)) {
		pr_warn("virtio-9p: the device refused the driver\n");
		return;
	}
	virtio_start(device);
	volatile uint8_t *config = virtio_config(device);
	size_t length = MIN((size_t)(config[0] | config[1] << 8), (size_t)TAG_MAX);
	for (size_t i = 0; i < length; i++)
		tag[i] = (char)config[2 + i];
	tag[length] = 0;
	int error = ninep_mount(tag, &virtio_9p_transport, device);
	if (error)
		pr_warn("virtio-9p: cannot mount %s (error %d)\n", tag, error);
	else
		pr_info("virtio-9p: host folder mounted on %s\n", tag);
}
