/* SPDX-License-Identifier: MIT */
/* virtio over MMIO (virtio 1.x, section 4.2), the transport of QEMU's microvm: devices are
 * announced on the kernel command line as virtio_mmio.device=SIZE@ADDRESS:IRQ. */
#pragma once
#include <stdint.h>
#include "drivers/virtio/virtqueue.h"

#define VIRTIO_DEVICE_NETWORK 1
#define VIRTIO_DEVICE_BLOCK 2
#define VIRTIO_DEVICE_9P 9

struct virtio_device {
	volatile uint32_t *registers;
	unsigned irq;
	uint32_t device_id;
	struct virtqueue queues[2];
	unsigned queue_count;
	void *driver;
};

/* Parses each "SIZE@ADDRESS:IRQ", resets the device and hands it to the driver for its type. */
void virtio_mmio_probe(char *const *descriptions, unsigned count);
/* For drivers: feature negotiation (VERSION_1 plus `wanted`), queue setup, going live.
 * Returns the accepted features, or 0 when the device refused. */
uint64_t virtio_negotiate(struct virtio_device *device, uint64_t wanted);
int virtio_setup_queue(struct virtio_device *device, unsigned index, uint16_t maximum);
void virtio_start(struct virtio_device *device);
/* The device-specific configuration space. */
volatile void *virtio_config(struct virtio_device *device);
