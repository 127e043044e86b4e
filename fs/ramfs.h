/* SPDX-License-Identifier: MIT */
/* ramfs: the in-memory filesystem (the root, /tmp, devfs's directory tree). */
#pragma once
#include "fs/vfs.h"

/* A new, empty filesystem; returns its root directory (with a reference), or NULL. */
struct inode *ramfs_create_filesystem(const char *type, uint32_t device);
struct inode *ramfs_new_inode(struct superblock *superblock, uint32_t mode, uint32_t device);
