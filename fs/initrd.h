/* SPDX-License-Identifier: MIT */
/* Unpacking the initrd (built into the image, or boot modules) into the root filesystem. */
#pragma once
#include "boot/bootinfo.h"
#include "fs/vfs.h"

void initrd_unpack(const struct bootinfo *info);
