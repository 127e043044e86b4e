// SPDX-License-Identifier: MIT
/* PCI configuration mechanism #1 (see drivers/pci/pci.h). Enumeration starts at bus 0 and
 * follows PCI-to-PCI bridges; a machine without PCI (microvm) answers all ones at once. */
#include "drivers/pci/pci.h"
#include "arch/x86_64/cpu.h"
#include "fs/procfs.h"

#define CONFIG_ADDRESS	    0xcf8
#define CONFIG_DATA	    0xcfc
#define COMMAND		    0x04
#define STATUS		    0x06
#define HEADER_TYPE	    0x0e
#define CAPABILITIES	    0x34
#define STATUS_CAPABILITIES 0x10
#define COMMAND_MEMORY	    0x2
#define COMMAND_BUS_MASTER  0x4

static void select(const struct pci_function *pci, uint8_t offset)
{
	outl(CONFIG_ADDRESS, 0x80000000u | (uint32_t)pci->bus << 16 | (uint32_t)pci->slot << 11 |
				 (uint32_t)pci->function << 8 | (offset & 0xfc));
}

uint32_t pci_read32(const struct pci_function *pci, uint8_t offset)
{
	select(pci, offset);
	return inl(CONFIG_DATA);
}

uint16_t pci_read16(const struct pci_function *pci, uint8_t offset)
{
	return (uint16_t)(pci_read32(pci, offset) >> (8 * (offset & 2)));
}

uint8_t pci_read8(const struct pci_function *pci, uint8_t offset)
{
	return (uint8_t)(pci_read32(pci, offset) >> (8 * (offset & 3)));
}

void pci_write32(const struct pci_function *pci, uint8_t offset, uint32_t value)
{
	select(pci, offset);
	outl(CONFIG_DATA, value);
}

void pci_write16(const struct pci_function *pci, uint8_t offset, uint16_t value)
{
	uint32_t word = pci_read32(pci, offset);
	unsigned shift = 8 * (offset & 2);

	word = (word & ~(0xffffu << shift)) | (uint32_t)value << shift;
	pci_write32(pci, offset, word);
}

#define CLASS		 0x08
#define SECONDARY_BUS	 0x19
#define CLASS_BRIDGE_PCI 0x0604

static void scan_bus(uint8_t bus, void (*visit)(const struct pci_function *pci), int depth)
{
	for (uint8_t slot = 0; slot < 32; slot++) {
		for (uint8_t function = 0; function < 8; function++) {
			struct pci_function pci = {bus, slot, function, 0, 0};
			uint32_t id = pci_read32(&pci, 0);
			if ((id & 0xffff) == 0xffff) {
				if (function == 0)
					break;
				continue;
			}
			pci.vendor = (uint16_t)id;
			pci.device = (uint16_t)(id >> 16);
			visit(&pci);
			uint8_t secondary = pci_read8(&pci, SECONDARY_BUS);
			if ((pci_read32(&pci, CLASS) >> 16) == CLASS_BRIDGE_PCI &&
			    secondary > bus && depth < 8)
				scan_bus(secondary, visit, depth + 1);
			if (function == 0 && !(pci_read8(&pci, HEADER_TYPE) & 0x80))
				break; /* not multi-function */
		}
	}
}

void pci_for_each(void (*visit)(const struct pci_function *pci))
{
	scan_bus(0, visit, 0);
}

uint64_t pci_bar_address(const struct pci_function *pci, unsigned index)
{
	uint32_t low = pci_read32(pci, (uint8_t)(0x10 + 4 * index));

	if (low & 1)
		return 0;
	uint64_t address = low & ~0xfu;
	if (((low >> 1) & 3) == 2)
		address |= (uint64_t)pci_read32(pci, (uint8_t)(0x14 + 4 * index)) << 32;
	return address;
}

uint8_t pci_find_capability(const struct pci_function *pci, uint8_t id, uint8_t after)
{
	if (!(pci_read16(pci, STATUS) & STATUS_CAPABILITIES))
		return 0;
	uint8_t at = after ? pci_read8(pci, after + 1) : pci_read8(pci, CAPABILITIES);
	for (int guard = 0; at && guard < 48; guard++) {
		if (pci_read8(pci, at) == id)
			return at;
		at = pci_read8(pci, at + 1);
	}
	return 0;
}

void pci_enable(const struct pci_function *pci)
{
	pci_write16(pci, COMMAND, pci_read16(pci, COMMAND) | COMMAND_MEMORY | COMMAND_BUS_MASTER);
}

/* /proc/bus/pci/devices, as Linux writes it: bus and device/function, vendor and device id,
 * interrupt line (the rest of Linux's columns, the BARs, are left out). */
static struct procfs_text *pci_text;

static void add_pci_function(const struct pci_function *pci)
{
	procfs_printf(pci_text, "%02x%02x\t%04x%04x\t%x\n", pci->bus,
		      pci->slot << 3 | pci->function, pci->vendor, pci->device,
		      pci_read8(pci, 0x3c));
}

static void generate_pci_devices(struct procfs_text *text, void *context)
{
	(void)context;
	pci_text = text;
	pci_for_each(add_pci_function);
}

void pci_init(void)
{
	procfs_register_file("bus/pci/devices", generate_pci_devices, NULL);
}
