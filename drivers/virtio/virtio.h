/* SPDX-License-Identifier: MIT */
/* virtio 1.x devices, whatever the transport (MMIO on microvm, PCI on q35 and pc): the common
 * handshake, queue setup and driver dispatch. Transports fill struct virtio_transport. */
#pragma once
#include <stdint.h>
#include "drivers/virtio/virtqueue.h"

#define VIRTIO_DEVICE_NETWORK 1
#define VIRTIO_DEVICE_BLOCK   2
#define VIRTIO_DEVICE_CONSOLE 3
#define VIRTIO_DEVICE_9P      9
#define VIRTIO_DEVICE_INPUT   18

#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER	  2
#define VIRTIO_STATUS_DRIVER_OK	  4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_FAILED	  128
#define VIRTIO_FEATURE_VERSION_1  (1ull << 32)

/* Queues a device may have: virtio-console with four ports has ten. */
#define VIRTIO_MAX_QUEUES 10

struct virtio_device;

struct virtio_transport {
	uint8_t (*get_status)(struct virtio_device *device);
	void (*set_status)(struct virtio_device *device, uint8_t status);
	uint64_t (*device_features)(struct virtio_device *device);
	void (*set_driver_features)(struct virtio_device *device, uint64_t features);
	/* 0 when the queue does not exist. */
	uint16_t (*queue_maximum)(struct virtio_device *device, unsigned index);
	void (*queue_activate)(struct virtio_device *device, unsigned index,
			       struct virtqueue *queue);
	void (*notify)(struct virtqueue *queue);
	volatile void *(*config)(struct virtio_device *device);
};

struct virtio_device {
	const struct virtio_transport *transport;
	void *transport_data;
	uint32_t device_id;
	struct virtqueue queues[VIRTIO_MAX_QUEUES];
	unsigned queue_count;
	/* The driver's, called by virtio_interrupt after the queues' completions (optional). */
	void (*interrupt)(struct virtio_device *device);
	void *driver_data;
};

/* Resets the device and hands it to the driver for its type. */
void virtio_attach(struct virtio_device *device);
/* Called by a transport's interrupt handler: completes used requests on every queue. */
void virtio_interrupt(struct virtio_device *device);

/* For drivers: feature negotiation (VERSION_1 plus `wanted`), queue setup, going live.
 * Returns the accepted features, or 0 when the device refused. */
uint64_t virtio_negotiate(struct virtio_device *device, uint64_t wanted);
int virtio_setup_queue(struct virtio_device *device, unsigned index, uint16_t maximum);
void virtio_start(struct virtio_device *device);
/* The device-specific configuration space. */
volatile void *virtio_config(struct virtio_device *device);
