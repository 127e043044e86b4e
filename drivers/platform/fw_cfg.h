/* SPDX-License-Identifier: MIT */
/* QEMU's firmware configuration device (fw_cfg, I/O ports 0x510-0x511 on microvm, q35 and pc):
 * named files the host gives the guest (`qemu -fw_cfg name=opt/...,file=...`). */
#pragma once
#include <stddef.h>
#include <stdint.h>

/* The selector and size of the file NAME: 0, -ENODEV without fw_cfg, -ENOENT without it. */
int fw_cfg_find_file(const char *name, uint16_t *select, uint32_t *size);
/* Reads the file NAME into a new heap buffer (*data, *size; freed with heap_free). 0, -ENODEV
 * without fw_cfg, -ENOENT without the file, -ENOMEM. */
int fw_cfg_read_file(const char *name, char **data, size_t *size);
/* Writes LENGTH bytes of DATA to the file NAME through the DMA interface (the only way to
 * write; drivers/platform/fw_cfg_dma.c, linked into images with graphics: ramfb's "etc/ramfb").
 * 0, -ENODEV without fw_cfg or its DMA interface, -ENOENT, -EINVAL (more than the file holds),
 * -ENOMEM or -EIO (the device said error). */
int fw_cfg_write_file(const char *name, const void *data, size_t length);
