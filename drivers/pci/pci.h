/* SPDX-License-Identifier: MIT */
/* PCI configuration space through the legacy I/O ports (0xcf8/0xcfc), bus enumeration, BARs
 * and capability lists. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct pci_function {
	uint8_t bus, slot, function;
	uint16_t vendor, device;
};

uint32_t pci_read32(const struct pci_function *pci, uint8_t offset);
uint16_t pci_read16(const struct pci_function *pci, uint8_t offset);
uint8_t pci_read8(const struct pci_function *pci, uint8_t offset);
void pci_write32(const struct pci_function *pci, uint8_t offset, uint32_t value);
void pci_write16(const struct pci_function *pci, uint8_t offset, uint16_t value);
/* Calls visit() for every function present on every bus. */
void pci_for_each(void (*visit)(const struct pci_function *pci));
/* Registers /proc/bus/pci/devices. */
void pci_init(void);
/* The physical address of a memory BAR (64-bit BARs included), 0 for an I/O or empty BAR. */
uint64_t pci_bar_address(const struct pci_function *pci, unsigned index);
/* Offset of the first capability with this id at or after `after` (0: from the start); 0 if
 * none. */
uint8_t pci_find_capability(const struct pci_function *pci, uint8_t id, uint8_t after);
/* Turns on memory decoding and bus mastering (DMA). */
void pci_enable(const struct pci_function *pci);
