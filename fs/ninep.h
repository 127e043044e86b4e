/* SPDX-License-Identifier: MIT */
/* 9P2000.L: host folders as a filesystem. The transport sends one message and returns the
 * reply's length (or -errno). */
#pragma once
#include <stddef.h>
#include "fs/vfs.h"

typedef long (*ninep_exchange)(void *transport, const void *request, size_t request_length,
			       void *reply, size_t reply_capacity);

/* Attaches to the server and mounts its root on `path` (made if missing; a relative tag goes
 * under /mnt). */
int ninep_mount(const char *path, ninep_exchange exchange, void *transport);
