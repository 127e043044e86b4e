// SPDX-License-Identifier: MIT
/* virtio over PCI (virtio 1.x, section 4.1), the transport of q35 and pc: the modern
 * interface's structures found through vendor capabilities, and MSI-X for interrupts (one
 * vector per device, no routing tables needed). */
#include "drivers/virtio/virtio_pci.h"
#include "arch/x86_64/cpu.h"
#include "drivers/interrupt/irq.h"
#include "drivers/pci/pci.h"
#include "drivers/virtio/virtio.h"
#include "kernel/log.h"
#include "mm/heap.h"
#include "mm/paging.h"

#define VIRTIO_VENDOR	   0x1af4
#define MODERN_DEVICE_BASE 0x1040
#define CAPABILITY_VENDOR  0x09
#define CAPABILITY_MSIX	   0x11
#define CONFIG_COMMON	   1
#define CONFIG_NOTIFY	   2
#define CONFIG_ISR	   3
#define CONFIG_DEVICE	   4
#define FIRST_VECTOR	   0x50
#define LAST_VECTOR	   0x6f
#define MSIX_ENABLE	   (1u << 15)

/* struct virtio_pci_common_cfg, as offsets. */
#define COMMON_DEVICE_FEATURE_SELECT 0x00
#define COMMON_DEVICE_FEATURE	     0x04
#define COMMON_DRIVER_FEATURE_SELECT 0x08
#define COMMON_DRIVER_FEATURE	     0x0c
#define COMMON_MSIX_CONFIG	     0x10
#define COMMON_DEVICE_STATUS	     0x14
#define COMMON_QUEUE_SELECT	     0x16
#define COMMON_QUEUE_SIZE	     0x18
#define COMMON_QUEUE_MSIX_VECTOR     0x1a
#define COMMON_QUEUE_ENABLE	     0x1c
#define COMMON_QUEUE_NOTIFY_OFFSET   0x1e
#define COMMON_QUEUE_DESCRIPTORS     0x20
#define COMMON_QUEUE_DRIVER	     0x28
#define COMMON_QUEUE_DEVICE	     0x30

struct pci_transport {
	volatile uint8_t *common, *notify, *isr, *device_config;
	uint32_t notify_multiplier;
	uint16_t notify_offsets[VIRTIO_MAX_QUEUES];
};

static struct virtio_device *by_vector[LAST_VECTOR - FIRST_VECTOR + 1];
static unsigned next_vector = FIRST_VECTOR;

static struct pci_transport *pci_of(struct virtio_device *device)
{
	return device->transport_data;
}

#define COMMON8(device, offset)	 (*(volatile uint8_t *)(pci_of(device)->common + (offset)))
#define COMMON16(device, offset) (*(volatile uint16_t *)(pci_of(device)->common + (offset)))
#define COMMON32(device, offset) (*(volatile uint32_t *)(pci_of(device)->common + (offset)))
#define COMMON64(device, offset) (*(volatile uint64_t *)(pci_of(device)->common + (offset)))

static uint8_t pci_get_status(struct virtio_device *device)
{
	return COMMON8(device, COMMON_DEVICE_STATUS);
}

static void pci_set_status(struct virtio_device *device, uint8_t status)
{
	COMMON8(device, COMMON_DEVICE_STATUS) = status;
}

static uint64_t pci_device_features(struct virtio_device *device)
{
	COMMON32(device, COMMON_DEVICE_FEATURE_SELECT) = 0;
	uint64_t features = COMMON32(device, COMMON_DEVICE_FEATURE);
	COMMON32(device, COMMON_DEVICE_FEATURE_SELECT) = 1;
	return features | (uint64_t)COMMON32(device, COMMON_DEVICE_FEATURE) << 32;
}

static void pci_set_driver_features(struct virtio_device *device, uint64_t features)
{
	COMMON32(device, COMMON_DRIVER_FEATURE_SELECT) = 0;
	COMMON32(device, COMMON_DRIVER_FEATURE) = (uint32_t)features;
	COMMON32(device, COMMON_DRIVER_FEATURE_SELECT) = 1;
	COMMON32(device, COMMON_DRIVER_FEATURE) = (uint32_t)(features >> 32);
}

static uint16_t pci_queue_maximum(struct virtio_device *device, unsigned index)
{
	COMMON16(device, COMMON_QUEUE_SELECT) = (uint16_t)index;
	return COMMON16(device, COMMON_QUEUE_SIZE);
}

static void pci_queue_activate(struct virtio_device *device, unsigned index,
			       struct virtqueue *queue)
{
	COMMON16(device, COMMON_QUEUE_SELECT) = (uint16_t)index;
	COMMON16(device, COMMON_QUEUE_SIZE) = queue->size;
	COMMON16(device, COMMON_QUEUE_MSIX_VECTOR) = 0; /* MSI-X table entry 0 */
	COMMON64(device, COMMON_QUEUE_DESCRIPTORS) = queue->descriptors_physical;
	COMMON64(device, COMMON_QUEUE_DRIVER) = queue->available_physical;
	COMMON64(device, COMMON_QUEUE_DEVICE) = queue->used_physical;
	pci_of(device)->notify_offsets[index] = COMMON16(device, COMMON_QUEUE_NOTIFY_OFFSET);
	COMMON16(device, COMMON_QUEUE_ENABLE) = 1;
}

static void pci_notify(struct virtqueue *queue)
{
	struct virtio_device *device = queue->transport;
	struct pci_transport *pci = pci_of(device);
	unsigned index = (unsigned)(queue - device->queues);

	*(volatile uint16_t *)(pci->notify + pci->notify_offsets[index] * pci->notify_multiplier) =
	    (uint16_t)index;
}

static volatile void *pci_config(struct virtio_device *device)
{
	return pci_of(device)->device_config;
}

static const struct virtio_transport pci_transport_operations = {
    .get_status = pci_get_status,
    .set_status = pci_set_status,
    .device_features = pci_device_features,
    .set_driver_features = pci_set_driver_features,
    .queue_maximum = pci_queue_maximum,
    .queue_activate = pci_queue_activate,
    .notify = pci_notify,
    .config = pci_config,
};

static void msix_interrupt(struct interrupt_frame *frame)
{
	struct virtio_device *device = by_vector[frame->vector - FIRST_VECTOR];

	if (device)
		virtio_interrupt(device);
	lapic_end_of_interrupt();
}

/* Maps the structure a vendor capability points at. */
static volatile uint8_t *map_structure(const struct pci_function *pci, uint8_t capability,
				       uint32_t *multiplier)
{
	uint8_t bar = pci_read8(pci, capability + 4);
	uint32_t offset = pci_read32(pci, capability + 8);
	uint32_t length = pci_read32(pci, capability + 12);
	uint64_t base = pci_bar_address(pci, bar);

	if (multiplier)
		*multiplier = pci_read32(pci, capability + 16);
	return base ? paging_map_device(base + offset, length ? length : 4096) : NULL;
}

static bool setup_msix(const struct pci_function *pci, unsigned vector)
{
	uint8_t capability = pci_find_capability(pci, CAPABILITY_MSIX, 0);

	if (!capability)
		return false;
	uint32_t table = pci_read32(pci, capability + 4);
	uint64_t base = pci_bar_address(pci, table & 7);
	volatile uint32_t *entry = base ? paging_map_device(base + (table & ~7u), 16) : NULL;
	if (!entry)
		return false;
	entry[0] = 0xfee00000u; /* the boot CPU's local APIC */
	entry[1] = 0;
	entry[2] = vector;
	entry[3] = 0; /* unmasked */
	pci_write16(pci, capability + 2, pci_read16(pci, capability + 2) | MSIX_ENABLE);
	return true;
}

static void probe(const struct pci_function *pci)
{
	struct pci_transport *transport;
	struct virtio_device *device;

	if (pci->vendor != VIRTIO_VENDOR || pci->device < MODERN_DEVICE_BASE)
		return;
	if (next_vector > LAST_VECTOR || !(transport = heap_alloc_zeroed(sizeof(*transport))) ||
	    !(device = heap_alloc_zeroed(sizeof(*device))))
		return;
	pci_enable(pci);
	for (uint8_t capability = pci_find_capability(pci, CAPABILITY_VENDOR, 0); capability;
	     capability = pci_find_capability(pci, CAPABILITY_VENDOR, capability)) {
		switch (pci_read8(pci, capability + 3)) {
		case CONFIG_COMMON:
			transport->common = map_structure(pci, capability, NULL);
			break;
		case CONFIG_NOTIFY:
			transport->notify =
			    map_structure(pci, capability, &transport->notify_multiplier);
			break;
		case CONFIG_ISR:
			transport->isr = map_structure(pci, capability, NULL);
			break;
		case CONFIG_DEVICE:
			transport->device_config = map_structure(pci, capability, NULL);
			break;
		}
	}
	unsigned vector = next_vector++;
	if (!transport->common || !transport->notify || !setup_msix(pci, vector)) {
		pr_warn("virtio-pci %02x:%02x.%u: missing structures or MSI-X\n", pci->bus,
			pci->slot, pci->function);
		return;
	}
	pr_info("virtio-pci %02x:%02x.%u: device type %u\n", pci->bus, pci->slot, pci->function,
		pci->device - MODERN_DEVICE_BASE);
	*device = (struct virtio_device){.transport = &pci_transport_operations,
					 .transport_data = transport,
					 .device_id = pci->device - MODERN_DEVICE_BASE};
	by_vector[vector - FIRST_VECTOR] = device;
	interrupt_set_handler(vector, msix_interrupt);
	COMMON16(device, COMMON_MSIX_CONFIG) = 0xffff; /* no configuration-change interrupts */
	virtio_attach(device);
}

void virtio_pci_probe(void)
{
	pci_for_each(probe);
}
