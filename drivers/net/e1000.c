// SPDX-License-Identifier: MIT
/* The Intel 82540EM (e1000, PCI 8086:100e), QEMU's `-device e1000`: registers in memory BAR 0,
 * the MAC address from the EEPROM (EERD), legacy descriptor rings of 256 for receiving and for
 * transmitting, each descriptor with its own 2 KiB buffer. Its interrupt is INTx, routed
 * level-triggered through the I/O APIC from the PCI interrupt line (no MSI on this model): the
 * handler reads ICR (which lowers the line) and hands every received frame to the stack
 * (net/interface.c), giving the descriptors back with one RDT write. Transmitting copies the
 * frame into the next descriptor's buffer; the descriptors the device is done with are
 * reclaimed on the next sends (no transmit interrupts). Everything but the probe runs under the
 * network lock. Cost budget: per frame one copy and one descriptor; per batch one MMIO write. */
#include "drivers/interrupt/irq.h"
#include "drivers/pci/pci.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"
#include "mm/paging.h"
#include "net/interface.h"
#include "net/stack.h"

#define E1000_VENDOR 0x8086
#define E1000_DEVICE 0x100e /* 82540EM */

#define REGISTERS_SIZE 0x20000
#define CTRL	       0x0000
#define STATUS	       0x0008
#define EERD	       0x0014
#define ICR	       0x00c0
#define IMS	       0x00d0
#define IMC	       0x00d8
#define RCTL	       0x0100
#define TCTL	       0x0400
#define TIPG	       0x0410
#define RDBAL	       0x2800
#define RDBAH	       0x2804
#define RDLEN	       0x2808
#define RDH	       0x2810
#define RDT	       0x2818
#define RDTR	       0x2820
#define TDBAL	       0x3800
#define TDBAH	       0x3804
#define TDLEN	       0x3808
#define TDH	       0x3810
#define TDT	       0x3818
#define MTA	       0x5200
#define RAL0	       0x5400
#define RAH0	       0x5404

#define CTRL_SET_LINK_UP (1u << 6)
#define CTRL_RESET	 (1u << 26)
#define STATUS_LINK_UP	 (1u << 1)
#define EERD_START	 (1u << 0)
#define EERD_DONE	 (1u << 4)
#define RAH_VALID	 (1u << 31)
#define RCTL_ENABLE	 (1u << 1)
#define RCTL_BROADCAST	 (1u << 15) /* BAM; BSIZE 00 is 2048-byte buffers */
#define RCTL_STRIP_CRC	 (1u << 26) /* SECRC */
#define TCTL_ENABLE	 (1u << 1)
#define TCTL_PAD_SHORT	 (1u << 3)     /* PSP */
#define TCTL_COLLISIONS	 (0x0fu << 4)  /* CT, the recommended value */
#define TCTL_DISTANCE	 (0x40u << 12) /* COLD, full duplex */
#define TIPG_DEFAULT	 (10u | 8u << 10 | 6u << 20)

#define CAUSE_LINK	    (1u << 2)
#define CAUSE_RECEIVE_LOW   (1u << 4) /* RXDMT0 */
#define CAUSE_RECEIVE_OVER  (1u << 6) /* RXO */
#define CAUSE_RECEIVE_TIMER (1u << 7) /* RXT0: frames arrived */
#define CAUSES_RECEIVE	    (CAUSE_RECEIVE_LOW | CAUSE_RECEIVE_OVER | CAUSE_RECEIVE_TIMER)
#define DESCRIPTOR_DONE	    (1u << 0)
#define DESCRIPTOR_LAST	    (1u << 1) /* EOP */
#define COMMAND_LAST	    (1u << 0) /* EOP */
#define COMMAND_INSERT_CRC  (1u << 1) /* IFCS */
#define COMMAND_REPORT	    (1u << 3) /* RS: set DD when done */
#define PCI_INTERRUPT_LINE  0x3c
#define RING_SIZE	    256
#define FRAME_MAX	    1514 /* the MTU and the Ethernet header: no jumbo frames */
#define RESET_TIMEOUT_NS    10000000ull
#define EEPROM_TIMEOUT_NS   10000000ull
#define IRQ_LINE_NONE	    0xff

struct receive_descriptor {
	uint64_t address;
	uint16_t length, checksum;
	uint8_t status, errors;
	uint16_t special;
};

struct transmit_descriptor {
	uint64_t address;
	uint16_t length;
	uint8_t checksum_offset, command, status, checksum_start;
	uint16_t special;
};

BUILD_BUG_ON(sizeof(struct receive_descriptor) != 16);
BUILD_BUG_ON(sizeof(struct transmit_descriptor) != 16);
BUILD_BUG_ON(NIC_BUFFER_SIZE != 2048); /* RCTL's BSIZE of 0 */

struct e1000 {
	struct nic nic;
	volatile uint32_t *registers;
	volatile struct receive_descriptor *receive_ring;
	volatile struct transmit_descriptor *transmit_ring;
	uint8_t *receive_buffers[RING_SIZE], *transmit_buffers[RING_SIZE];
	unsigned receive_next;			    /* the next descriptor the device fills */
	unsigned transmit_next, transmit_reclaimed; /* the next to use, the oldest in flight */
	bool link_up;
};

/* One device: the interrupt handler finds it here. */
static struct e1000 *the_device;

static uint32_t read_register(const struct e1000 *device, unsigned offset)
{
	return device->registers[offset / 4];
}

static void write_register(struct e1000 *device, unsigned offset, uint32_t value)
{
	device->registers[offset / 4] = value;
}

/* Polls a register until the bits are as wanted or the time is up: true if they came. */
static bool wait_register(struct e1000 *device, unsigned offset, uint32_t mask, uint32_t wanted,
			  uint64_t timeout_ns)
{
	uint64_t deadline = time_monotonic_ns() + timeout_ns;

	while ((read_register(device, offset) & mask) != wanted)
		if (time_monotonic_ns() > deadline)
			return false;
	return true;
}

static bool read_eeprom(struct e1000 *device, unsigned word, uint16_t *value)
{
	write_register(device, EERD, word << 8 | EERD_START);
	if (!wait_register(device, EERD, EERD_DONE, EERD_DONE, EEPROM_TIMEOUT_NS))
		return false;
	*value = (uint16_t)(read_register(device, EERD) >> 16);
	return true;
}

/* The MAC address: EEPROM words 0-2, or RAL0/RAH0 (which the device loads from the EEPROM at
 * reset) when the EEPROM does not answer. */
static void read_mac(struct e1000 *device)
{
	uint8_t *mac = device->nic.mac;
	uint16_t words[3];

	if (read_eeprom(device, 0, &words[0]) && read_eeprom(device, 1, &words[1]) &&
	    read_eeprom(device, 2, &words[2])) {
		for (unsigned i = 0; i < 6; i++)
			mac[i] = (uint8_t)(words[i / 2] >> (8 * (i % 2)));
		return;
	}
	uint32_t low = read_register(device, RAL0), high = read_register(device, RAH0);
	for (unsigned i = 0; i < 4; i++)
		mac[i] = (uint8_t)(low >> (8 * i));
	mac[4] = (uint8_t)high;
	mac[5] = (uint8_t)(high >> 8);
}

/* Every frame the device has written, to the stack; the descriptors back to it. */
static void receive_all(struct e1000 *device)
{
	unsigned last = RING_SIZE;

	for (;;) {
		volatile struct receive_descriptor *descriptor =
		    &device->receive_ring[device->receive_next];
		if (!(descriptor->status & DESCRIPTOR_DONE))
			break;
		__atomic_thread_fence(__ATOMIC_ACQUIRE); /* the frame after its status */
		if ((descriptor->status & DESCRIPTOR_LAST) && !descriptor->errors)
			nic_receive(&device->nic, device->receive_buffers[device->receive_next],
				    descriptor->length);
		else
			device->nic.counters.receive_errors++; /* bad, or larger than a buffer */
		descriptor->status = 0;
		last = device->receive_next;
		device->receive_next = (device->receive_next + 1) % RING_SIZE;
	}
	if (last != RING_SIZE) {
		__atomic_thread_fence(__ATOMIC_RELEASE);
		write_register(device, RDT, last); /* the one held back: the last one read */
	}
}

static void e1000_interrupt(struct interrupt_frame *frame)
{
	struct e1000 *device = the_device;
	uint64_t flags = net_lock();
	uint32_t causes = read_register(device, ICR); /* reading clears, and lowers the line */

	(void)frame;
	if (causes & CAUSE_LINK) {
		device->link_up = read_register(device, STATUS) & STATUS_LINK_UP;
		pr_info("e1000: link %s\n", device->link_up ? "up" : "down");
	}
	if (causes & CAUSES_RECEIVE)
		receive_all(device);
	net_unlock(flags);
}

static void reclaim_transmitted(struct e1000 *device)
{
	while (device->transmit_reclaimed != device->transmit_next &&
	       (device->transmit_ring[device->transmit_reclaimed].status & DESCRIPTOR_DONE))
		device->transmit_reclaimed = (device->transmit_reclaimed + 1) % RING_SIZE;
}

static int e1000_transmit(struct nic *nic, const struct nic_piece *pieces, unsigned count,
			  size_t length)
{
	struct e1000 *device = nic->driver_data;
	unsigned index = device->transmit_next, next = (index + 1) % RING_SIZE;

	if (length > FRAME_MAX)
		return -EMSGSIZE;
	if (next == device->transmit_reclaimed)
		reclaim_transmitted(device);
	if (next == device->transmit_reclaimed)
		return -ENOBUFS;
	size_t offset = 0;
	for (unsigned i = 0; i < count; i++) {
		memcpy(device->transmit_buffers[index] + offset, pieces[i].data, pieces[i].length);
		offset += pieces[i].length;
	}
	volatile struct transmit_descriptor *descriptor = &device->transmit_ring[index];
	descriptor->length = (uint16_t)offset;
	descriptor->command = COMMAND_LAST | COMMAND_INSERT_CRC | COMMAND_REPORT;
	descriptor->status = 0;
	device->transmit_next = next;
	__atomic_thread_fence(__ATOMIC_RELEASE); /* the descriptor before the tail */
	write_register(device, TDT, next);
	return 0;
}

/* The buffers, and the ring of descriptors: one page. */
static bool allocate_ring(uint8_t **buffers, uint64_t *ring)
{
	*ring = frame_alloc_zeroed(0);
	return *ring && nic_allocate_buffers(buffers, RING_SIZE);
}

static void start_receiving(struct e1000 *device, uint64_t ring)
{
	device->receive_ring = phys_to_virtual(ring);
	for (unsigned i = 0; i < RING_SIZE; i++)
		device->receive_ring[i].address = virtual_to_phys(device->receive_buffers[i]);
	for (unsigned i = 0; i < 128; i++)
		write_register(device, MTA + 4 * i, 0); /* no multicast */
	write_register(device, RDBAL, (uint32_t)ring);
	write_register(device, RDBAH, (uint32_t)(ring >> 32));
	write_register(device, RDLEN, RING_SIZE * sizeof(struct receive_descriptor));
	write_register(device, RDH, 0);
	write_register(device, RDT, RING_SIZE - 1); /* all but one to the device */
	write_register(device, RDTR, 0);	    /* an interrupt per frame, no delay */
	write_register(device, RCTL, RCTL_ENABLE | RCTL_BROADCAST | RCTL_STRIP_CRC);
}

static void start_transmitting(struct e1000 *device, uint64_t ring)
{
	device->transmit_ring = phys_to_virtual(ring);
	for (unsigned i = 0; i < RING_SIZE; i++)
		device->transmit_ring[i].address = virtual_to_phys(device->transmit_buffers[i]);
	write_register(device, TDBAL, (uint32_t)ring);
	write_register(device, TDBAH, (uint32_t)(ring >> 32));
	write_register(device, TDLEN, RING_SIZE * sizeof(struct transmit_descriptor));
	write_register(device, TDH, 0);
	write_register(device, TDT, 0);
	write_register(device, TIPG, TIPG_DEFAULT);
	write_register(device, TCTL,
		       TCTL_ENABLE | TCTL_PAD_SHORT | TCTL_COLLISIONS | TCTL_DISTANCE);
}

/* Resets the device and sets it up (interrupts masked until the rings are ready). */
static int bring_up(struct e1000 *device, unsigned line)
{
	uint64_t receive_ring, transmit_ring;

	write_register(device, IMC, ~0u);
	write_register(device, CTRL, read_register(device, CTRL) | CTRL_RESET);
	if (!wait_register(device, CTRL, CTRL_RESET, 0, RESET_TIMEOUT_NS))
		return -ETIMEDOUT;
	write_register(device, IMC, ~0u);
	read_register(device, ICR);
	write_register(device, CTRL, read_register(device, CTRL) | CTRL_SET_LINK_UP);
	read_mac(device);
	const uint8_t *mac = device->nic.mac;
	write_register(device, RAL0, mac[0] | mac[1] << 8 | mac[2] << 16 | (uint32_t)mac[3] << 24);
	write_register(device, RAH0, mac[4] | mac[5] << 8 | RAH_VALID);
	if (!allocate_ring(device->receive_buffers, &receive_ring) ||
	    !allocate_ring(device->transmit_buffers, &transmit_ring))
		return -ENOMEM;
	start_receiving(device, receive_ring);
	start_transmitting(device, transmit_ring);
	device->link_up = read_register(device, STATUS) & STATUS_LINK_UP;
	if (interrupt_route_level_irq(line, e1000_interrupt))
		return -EINVAL;
	write_register(device, IMS, CAUSES_RECEIVE | CAUSE_LINK);
	return 0;
}

static void attach(const struct pci_function *pci)
{
	unsigned line = pci_read8(pci, PCI_INTERRUPT_LINE);
	uint64_t base = pci_bar_address(pci, 0);
	struct e1000 *device;
	int error;

	if (the_device) {
		pr_warn("e1000: one device is driven, %02x:%02x.%x is not\n", pci->bus, pci->slot,
			pci->function);
		return;
	}
	if (!base || line == IRQ_LINE_NONE || !(device = heap_alloc_zeroed(sizeof(*device)))) {
		pr_warn("e1000: no memory BAR, interrupt line or memory\n");
		return;
	}
	pci_enable(pci);
	device->registers = paging_map_device(base, REGISTERS_SIZE);
	the_device = device;
	if ((error = bring_up(device, line))) {
		pr_warn("e1000: the device did not start (%d)\n", error);
		return; /* its memory stays: the device may still point at it */
	}
	device->nic.driver = "e1000";
	device->nic.mtu = 1500;
	device->nic.transmit = e1000_transmit;
	device->nic.driver_data = device;
	pr_info("e1000: %02x:%02x.%x, IRQ %u, link %s\n", pci->bus, pci->slot, pci->function, line,
		device->link_up ? "up" : "down");
	nic_register(&device->nic);
}

static void visit(const struct pci_function *pci)
{
	if (pci->vendor == E1000_VENDOR && pci->device == E1000_DEVICE)
		attach(pci);
}

void net_pci_probe(void)
{
	pci_for_each(visit);
}
