/* SPDX-License-Identifier: MIT */
/* virtio over PCI: finds modern virtio functions on every bus and attaches them. */
#pragma once

void virtio_pci_probe(void);
