// SPDX-License-Identifier: MIT
/* Placeholder until the 9P driver lands: reports the share it cannot mount. */
#include "drivers/virtio/virtio_mmio.h"
#include "kernel/log.h"

void virtio_9p_attach(struct virtio_device *device)
{
	(void)device;
	pr_warn("virtio-9p: host folders are not supported yet\n");
}
