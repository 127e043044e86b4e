// SPDX-License-Identifier: MIT
/* virtio-mmio transport (see drivers/virtio/virtio_mmio.h): the modern (version 2) register
 * layout; `yolk run` asks QEMU for modern devices (-global virtio-mmio.force-legacy=false). */
#include "drivers/virtio/virtio_mmio.h"
#include "drivers/virtio/virtio.h"
#include "drivers/interrupt/irq.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "mm/heap.h"
#include "mm/paging.h"

#define MAGIC		       0x74726976 /* "virt" */
#define REGISTER(offset)       ((offset) / 4)
#define MAGIC_VALUE	       REGISTER(0x000)
#define VERSION		       REGISTER(0x004)
#define DEVICE_ID	       REGISTER(0x008)
#define DEVICE_FEATURES	       REGISTER(0x010)
#define DEVICE_FEATURES_SELECT REGISTER(0x014)
#define DRIVER_FEATURES	       REGISTER(0x020)
#define DRIVER_FEATURES_SELECT REGISTER(0x024)
#define QUEUE_SELECT	       REGISTER(0x030)
#define QUEUE_SIZE_MAXIMUM     REGISTER(0x034)
#define QUEUE_SIZE	       REGISTER(0x038)
#define QUEUE_READY	       REGISTER(0x044)
#define QUEUE_NOTIFY	       REGISTER(0x050)
#define INTERRUPT_STATUS       REGISTER(0x060)
#define INTERRUPT_ACKNOWLEDGE  REGISTER(0x064)
#define STATUS		       REGISTER(0x070)
#define QUEUE_DESCRIPTORS_LOW  REGISTER(0x080)
#define QUEUE_DESCRIPTORS_HIGH REGISTER(0x084)
#define QUEUE_AVAILABLE_LOW    REGISTER(0x090)
#define QUEUE_AVAILABLE_HIGH   REGISTER(0x094)
#define QUEUE_USED_LOW	       REGISTER(0x0a0)
#define QUEUE_USED_HIGH	       REGISTER(0x0a4)
#define CONFIG_OFFSET	       0x100

static struct virtio_device *by_irq[24];

static uint64_t parse_number(const char **text)
{
	uint64_t value = 0;
	unsigned base = 10;

	if ((*text)[0] == '0' && ((*text)[1] == 'x' || (*text)[1] == 'X')) {
		base = 16;
		*text += 2;
	}
	for (;; (*text)++) {
		char c = **text;
		unsigned digit = c >= '0' && c <= '9'	? c - '0'
				 : c >= 'a' && c <= 'f' ? c - 'a' + 10
				 : c >= 'A' && c <= 'F' ? c - 'A' + 10
							: 99;
		if (digit >= base)
			break;
		value = value * base + digit;
	}
	if (**text == 'K' || **text == 'k') {
		value <<= 10;
		(*text)++;
	}
	return value;
}

static volatile uint32_t *registers_of(struct virtio_device *device)
{
	return device->transport_data;
}

static void mmio_interrupt(struct interrupt_frame *frame)
{
	struct virtio_device *device = by_irq[frame->vector - VECTOR_FIRST_IRQ];

	if (!device)
		return;
	volatile uint32_t *registers = registers_of(device);
	registers[INTERRUPT_ACKNOWLEDGE] = registers[INTERRUPT_STATUS];
	virtio_interrupt(device);
}

static uint8_t mmio_get_status(struct virtio_device *device)
{
	return (uint8_t)registers_of(device)[STATUS];
}

static void mmio_set_status(struct virtio_device *device, uint8_t status)
{
	registers_of(device)[STATUS] = status;
}

static uint64_t mmio_device_features(struct virtio_device *device)
{
	volatile uint32_t *registers = registers_of(device);

	registers[DEVICE_FEATURES_SELECT] = 0;
	uint64_t features = registers[DEVICE_FEATURES];
	registers[DEVICE_FEATURES_SELECT] = 1;
	return features | (uint64_t)registers[DEVICE_FEATURES] << 32;
}

static void mmio_set_driver_features(struct virtio_device *device, uint64_t features)
{
	volatile uint32_t *registers = registers_of(device);

	registers[DRIVER_FEATURES_SELECT] = 0;
	registers[DRIVER_FEATURES] = (uint32_t)features;
	registers[DRIVER_FEATURES_SELECT] = 1;
	registers[DRIVER_FEATURES] = (uint32_t)(features >> 32);
}

static uint16_t mmio_queue_maximum(struct virtio_device *device, unsigned index)
{
	volatile uint32_t *registers = registers_of(device);

	registers[QUEUE_SELECT] = index;
	return (uint16_t)registers[QUEUE_SIZE_MAXIMUM];
}

static void mmio_queue_activate(struct virtio_device *device, unsigned index,
				struct virtqueue *queue)
{
	volatile uint32_t *registers = registers_of(device);

	registers[QUEUE_SELECT] = index;
	registers[QUEUE_SIZE] = queue->size;
	registers[QUEUE_DESCRIPTORS_LOW] = (uint32_t)queue->descriptors_physical;
	registers[QUEUE_DESCRIPTORS_HIGH] = (uint32_t)(queue->descriptors_physical >> 32);
	registers[QUEUE_AVAILABLE_LOW] = (uint32_t)queue->available_physical;
	registers[QUEUE_AVAILABLE_HIGH] = (uint32_t)(queue->available_physical >> 32);
	registers[QUEUE_USED_LOW] = (uint32_t)queue->used_physical;
	registers[QUEUE_USED_HIGH] = (uint32_t)(queue->used_physical >> 32);
	registers[QUEUE_READY] = 1;
}

static void mmio_notify(struct virtqueue *queue)
{
	struct virtio_device *device = queue->transport;

	registers_of(device)[QUEUE_NOTIFY] = (uint32_t)(queue - device->queues);
}

static volatile void *mmio_config(struct virtio_device *device)
{
	return (volatile char *)registers_of(device) + CONFIG_OFFSET;
}

static const struct virtio_transport mmio_transport = {
    .get_status = mmio_get_status,
    .set_status = mmio_set_status,
    .device_features = mmio_device_features,
    .set_driver_features = mmio_set_driver_features,
    .queue_maximum = mmio_queue_maximum,
    .queue_activate = mmio_queue_activate,
    .notify = mmio_notify,
    .config = mmio_config,
};

static void probe_one(const char *description)
{
	const char *cursor = description;
	uint64_t size = parse_number(&cursor), address = 0, irq = 0;

	if (*cursor++ == '@')
		address = parse_number(&cursor);
	if (*cursor++ == ':')
		irq = parse_number(&cursor);
	if (!address || !size || irq >= 24) {
		pr_warn("virtio-mmio: cannot read device description '%s'\n", description);
		return;
	}
	volatile uint32_t *registers = paging_map_device(address, size);
	if (!registers || registers[MAGIC_VALUE] != MAGIC)
		return;
	if (registers[VERSION] != 2) {
		pr_warn("virtio-mmio at %#llx: legacy device (version %u) not supported\n",
			(unsigned long long)address, registers[VERSION]);
		return;
	}
	uint32_t id = registers[DEVICE_ID];
	if (!id)
		return; /* an empty slot */
	struct virtio_device *device = heap_alloc_zeroed(sizeof(*device));
	if (!device)
		return;
	*device = (struct virtio_device){
	    .transport = &mmio_transport, .transport_data = (void *)registers, .device_id = id};
	by_irq[irq] = device;
	interrupt_route_irq((unsigned)irq, mmio_interrupt);
	virtio_attach(device);
}

void virtio_mmio_probe(char *const *descriptions, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		probe_one(descriptions[i]);
}
