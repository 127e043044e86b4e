/* SPDX-License-Identifier: MIT */
/* QEMU's firmware configuration device (fw_cfg, I/O ports 0x510-0x511 on microvm, q35 and pc):
 * named files the host gives the guest (`qemu -fw_cfg name=opt/...,file=...`). */
#pragma once
#include <stddef.h>
#include <stdint.h>

/* Reads the file NAME into a new heap buffer (*data, *size; freed with heap_free). 0, -ENODEV
 * without fw_cfg, -ENOENT without the file, -ENOMEM. */
int fw_cfg_read_file(const char *name, char **data, size_t *size);
