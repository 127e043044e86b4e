/* SPDX-License-Identifier: MIT */
/* 9P over TCP (net/ninep_tcp.c): `mount("ADDRESS", target, "9p", 0, "trans=tcp,port=564")`.
 * In images without the network stack net/absent.c answers -EPROTONOSUPPORT, logged. */
#pragma once
#include "fs/ninep.h"

/* Connects to the 9P2000.L server at ADDRESS (dotted IPv4) and OPTIONS->port, attaches to
 * what it exports and mounts that on TARGET: 0 or -errno (-EINVAL for a bad address,
 * -ECONNREFUSED, -ETIMEDOUT, -ECONNRESET, -EIO for a server that breaks the protocol). The
 * connection closes when the filesystem goes (unmounted, its last file closed). */
int ninep_tcp_mount(struct inode *target, const char *address, const struct ninep_options *options);
