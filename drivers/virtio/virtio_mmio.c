// SPDX-License-Identifier: MIT
/* virtio-mmio transport (see drivers/virtio/virtio_mmio.h): the modern (version 2) register
 * layout; `yolk run` asks QEMU for modern devices (-global virtio-mmio.force-legacy=false). */
#include "drivers/virtio/virtio_mmio.h"
#include "drivers/interrupt/irq.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "mm/heap.h"
#include "mm/paging.h"

#define MAGIC 0x74726976 /* "virt" */
#define REGISTER(offset) ((offset) / 4)
#define MAGIC_VALUE REGISTER(0x000)
#define VERSION REGISTER(0x004)
#define DEVICE_ID REGISTER(0x008)
#define DEVICE_FEATURES REGISTER(0x010)
#define DEVICE_FEATURES_SELECT REGISTER(0x014)
#define DRIVER_FEATURES REGISTER(0x020)
#define DRIVER_FEATURES_SELECT REGISTER(0x024)
#define QUEUE_SELECT REGISTER(0x030)
#define QUEUE_SIZE_MAXIMUM REGISTER(0x034)
#define QUEUE_SIZE REGISTER(0x038)
#define QUEUE_READY REGISTER(0x044)
#define QUEUE_NOTIFY REGISTER(0x050)
#define INTERRUPT_STATUS REGISTER(0x060)
#define INTERRUPT_ACKNOWLEDGE REGISTER(0x064)
#define STATUS REGISTER(0x070)
#define QUEUE_DESCRIPTORS_LOW REGISTER(0x080)
#define QUEUE_DESCRIPTORS_HIGH REGISTER(0x084)
#define QUEUE_AVAILABLE_LOW REGISTER(0x090)
#define QUEUE_AVAILABLE_HIGH REGISTER(0x094)
#define QUEUE_USED_LOW REGISTER(0x0a0)
#define QUEUE_USED_HIGH REGISTER(0x0a4)
#define CONFIG_OFFSET 0x100

#define STATUS_ACKNOWLEDGE 1
#define STATUS_DRIVER 2
#define STATUS_DRIVER_OK 4
#define STATUS_FEATURES_OK 8
#define STATUS_FAILED 128
#define FEATURE_VERSION_1 (1ull << 32)

void virtio_block_attach(struct virtio_device *device);
void virtio_9p_attach(struct virtio_device *device);

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
		unsigned digit = c >= '0' && c <= '9' ? c - '0' :
				 c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				 c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
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

static void mmio_interrupt(struct interrupt_frame *frame)
{
	struct virtio_device *device = by_irq[frame->vector - VECTOR_FIRST_IRQ];

	if (!device)
		return;
	uint32_t status = device->registers[INTERRUPT_STATUS];
	device->registers[INTERRUPT_ACKNOWLEDGE] = status;
	for (unsigned i = 0; i < device->queue_count; i++)
		virtqueue_interrupt(&device->queues[i]);
}

static void mmio_notify(struct virtqueue *queue)
{
	struct virtio_device *device = queue->transport;

	device->registers[QUEUE_NOTIFY] = (uint32_t)(queue - device->queues);
}

uint64_t virtio_negotiate(struct virtio_device *device, uint64_t wanted)
{
	volatile uint32_t *registers = device->registers;
	uint64_t offered;

	registers[DEVICE_FEATURES_SELECT] = 0;
	offered = registers[DEVICE_FEATURES];
	registers[DEVICE_FEATURES_SELECT] = 1;
	offered |= (uint64_t)registers[DEVICE_FEATURES] << 32;
	uint64_t accepted = offered & (wanted | FEATURE_VERSION_1);
	registers[DRIVER_FEATURES_SELECT] = 0;
	registers[DRIVER_FEATURES] = (uint32_t)accepted;
	registers[DRIVER_FEATURES_SELECT] = 1;
	registers[DRIVER_FEATURES] = (uint32_t)(accepted >> 32);
	registers[STATUS] |= STATUS_FEATURES_OK;
	if (!(accepted & FEATURE_VERSION_1) || !(registers[STATUS] & STATUS_FEATURES_OK)) {
		registers[STATUS] |= STATUS_FAILED;
		return 0;
	}
	return accepted;
}

int virtio_setup_queue(struct virtio_device *device, unsigned index, uint16_t maximum)
{
	volatile uint32_t *registers = device->registers;
	struct virtqueue *queue = &device->queues[index];

	registers[QUEUE_SELECT] = index;
	uint32_t size = registers[QUEUE_SIZE_MAXIMUM];
	if (!size)
		return -ENODEV;
	if (size > maximum)
		size = maximum;
	int error = virtqueue_init(queue, (uint16_t)size);
	if (error)
		return error;
	queue->notify = mmio_notify;
	queue->transport = device;
	registers[QUEUE_SIZE] = size;
	registers[QUEUE_DESCRIPTORS_LOW] = (uint32_t)queue->descriptors_physical;
	registers[QUEUE_DESCRIPTORS_HIGH] = (uint32_t)(queue->descriptors_physical >> 32);
	registers[QUEUE_AVAILABLE_LOW] = (uint32_t)queue->available_physical;
	registers[QUEUE_AVAILABLE_HIGH] = (uint32_t)(queue->available_physical >> 32);
	registers[QUEUE_USED_LOW] = (uint32_t)queue->used_physical;
	registers[QUEUE_USED_HIGH] = (uint32_t)(queue->used_physical >> 32);
	registers[QUEUE_READY] = 1;
	if (index >= device->queue_count)
		device->queue_count = index + 1;
	return 0;
}

void virtio_start(struct virtio_device *device)
{
	device->registers[STATUS] |= STATUS_DRIVER_OK;
}

volatile void *virtio_config(struct virtio_device *device)
{
	return (volatile char *)device->registers + CONFIG_OFFSET;
}

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
	*device = (struct virtio_device){ .registers = registers, .irq = (unsigned)irq,
					  .device_id = id };
	registers[STATUS] = 0; /* reset */
	registers[STATUS] = STATUS_ACKNOWLEDGE | STATUS_DRIVER;
	by_irq[irq] = device;
	interrupt_route_irq((unsigned)irq, mmio_interrupt);
	if (id == VIRTIO_DEVICE_BLOCK)
		virtio_block_attach(device);
	else if (id == VIRTIO_DEVICE_9P)
		virtio_9p_attach(device);
	else
		pr_info("virtio-mmio at %#llx: device type %u has no driver yet\n",
			(unsigned long long)address, id);
}

void virtio_mmio_probe(char *const *descriptions, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		probe_one(descriptions[i]);
}
