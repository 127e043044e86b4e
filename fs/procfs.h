/* SPDX-License-Identifier: MIT */
/* procfs: /proc (meminfo, cpuinfo, uptime, loadavg, stat, version, mounts, cmdline, self/). */
#pragma once
#include "fs/vfs.h"

/* The root of a new procfs, to mount on /proc; NULL without memory. */
struct inode *procfs_create(void);
