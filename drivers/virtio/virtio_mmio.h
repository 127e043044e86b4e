/* SPDX-License-Identifier: MIT */
/* virtio over MMIO (virtio 1.x, section 4.2), the transport of QEMU's microvm: devices are
 * announced on the kernel command line as virtio_mmio.device=SIZE@ADDRESS:IRQ. */
#pragma once

/* Parses each "SIZE@ADDRESS:IRQ" and attaches the device found there. */
void virtio_mmio_probe(char *const *descriptions, unsigned count);
