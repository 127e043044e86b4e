/* SPDX-License-Identifier: MIT */
/* Character devices by number (Linux's numbers: major << 8 | minor). */
#pragma once
#include "fs/vfs.h"

#define DEVICE_NUMBER(major, minor) ((uint32_t)(major) << 8 | (minor))

/* poll(2) event bits. */
#define POLL_IN	    0x001
#define POLL_PRI    0x002
#define POLL_OUT    0x004
#define POLL_ERR    0x008
#define POLL_HUP    0x010
#define POLL_NVAL   0x020
#define POLL_RDNORM 0x040
#define POLL_WRNORM 0x100
#define POLL_RDHUP  0x2000

/* Character and block devices share one number space (their majors differ). */
int device_register(uint32_t number, const struct file_operations *operations);
/* Every minor of `major` (the driver tells them apart by inode->device). */
int device_register_major(uint32_t major, const struct file_operations *operations);
/* Adds a node to /dev (for drivers found after boot). */
int devfs_add_node(const char *name, uint32_t mode, uint32_t device);
/* null, zero, full, random, urandom. */
void devices_register_memory(void);

extern const struct file_operations fifo_file_operations;
