/* SPDX-License-Identifier: MIT */
/* virtio-console ports as the program's standard streams (drivers/virtio/virtio_console.c). */
#pragma once

/* For each descriptor 0-2 whose bit is set in `descriptors` (yolk.streams= on the kernel
 * command line), opens its port (descriptor N is port N + 1) in place of the terminal; a
 * descriptor without a port stays the terminal, with a warning. */
void virtio_console_open_streams(unsigned descriptors);
