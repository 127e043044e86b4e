// SPDX-License-Identifier: MIT
/* The transport-independent part of virtio devices (see drivers/virtio/virtio.h). */
#include "drivers/virtio/virtio.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"

void virtio_block_attach(struct virtio_device *device);
void virtio_9p_attach(struct virtio_device *device);
/* drivers/net/virtio_net.c, or net/absent.c in images without networking. */
void virtio_net_attach(struct virtio_device *device);
void virtio_console_attach(struct virtio_device *device);
/* drivers/virtio/virtio_input.c, or drivers/video/absent.c in images without graphics. */
void virtio_input_attach(struct virtio_device *device);

void virtio_attach(struct virtio_device *device)
{
	device->transport->set_status(device, 0); /* reset */
	device->transport->set_status(device, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	if (device->device_id == VIRTIO_DEVICE_BLOCK)
		virtio_block_attach(device);
	else if (device->device_id == VIRTIO_DEVICE_9P)
		virtio_9p_attach(device);
	else if (device->device_id == VIRTIO_DEVICE_NETWORK)
		virtio_net_attach(device);
	else if (device->device_id == VIRTIO_DEVICE_CONSOLE)
		virtio_console_attach(device);
	else if (device->device_id == VIRTIO_DEVICE_INPUT)
		virtio_input_attach(device);
	else
		pr_info("virtio: device type %u has no driver yet\n", device->device_id);
}

void virtio_interrupt(struct virtio_device *device)
{
	for (unsigned i = 0; i < device->queue_count; i++)
		if (device->queues[i].size) /* a queue the driver set up */
			virtqueue_interrupt(&device->queues[i]);
	if (device->interrupt)
		device->interrupt(device);
}

uint64_t virtio_negotiate(struct virtio_device *device, uint64_t wanted)
{
	const struct virtio_transport *transport = device->transport;
	uint64_t accepted =
	    transport->device_features(device) & (wanted | VIRTIO_FEATURE_VERSION_1);

	transport->set_driver_features(device, accepted);
	transport->set_status(device, transport->get_status(device) | VIRTIO_STATUS_FEATURES_OK);
	if (!(accepted & VIRTIO_FEATURE_VERSION_1) ||
	    !(transport->get_status(device) & VIRTIO_STATUS_FEATURES_OK)) {
		transport->set_status(device, transport->get_status(device) | VIRTIO_STATUS_FAILED);
		return 0;
	}
	return accepted;
}

int virtio_setup_queue(struct virtio_device *device, unsigned index, uint16_t maximum)
{
	struct virtqueue *queue = &device->queues[index];

	if (index >= VIRTIO_MAX_QUEUES)
		return -ENODEV;
	uint16_t size = device->transport->queue_maximum(device, index);

	if (!size)
		return -ENODEV;
	if (size > maximum)
		size = maximum;
	int error = virtqueue_init(queue, size);
	if (error)
		return error;
	queue->notify = device->transport->notify;
	queue->transport = device;
	device->transport->queue_activate(device, index, queue);
	if (index >= device->queue_count)
		device->queue_count = index + 1;
	return 0;
}

void virtio_start(struct virtio_device *device)
{
	device->transport->set_status(device, device->transport->get_status(device) |
						  VIRTIO_STATUS_DRIVER_OK);
}

volatile void *virtio_config(struct virtio_device *device)
{
	return device->transport->config(device);
}
