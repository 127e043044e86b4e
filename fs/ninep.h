/* SPDX-License-Identifier: MIT */
/* 9P2000.L: a server's files as a filesystem (fs/ninep.c), over any transport that carries one
 * request out and its reply back: virtio-9p for host folders (drivers/virtio/virtio_9p.c), TCP
 * for servers on the network (net/ninep_tcp.c). */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "fs/vfs.h"

#define NINEP_MESSAGE_SIZE (128 * 1024 + 64) /* msize unless the mount says otherwise */
#define NINEP_MESSAGE_MIN  4096
#define NINEP_MESSAGE_MAX  (1024 * 1024 + 64)

struct ninep_transport_operations {
	/* Sends one request (its header's tag set) and reads its reply into `reply`: the reply's
	 * length, or -errno. May be called by several threads at once. */
	long (*exchange)(void *transport, const void *request, size_t request_length, void *reply,
			 size_t reply_capacity);
	/* The filesystem is gone (unmounted and its last inode freed, or never mounted): the
	 * transport closes and frees itself. NULL when there is nothing to do. */
	void (*close)(void *transport);
};

/* Linux's mount options for 9p (`trans=tcp,port=564,aname=PATH,msize=N,version=9p2000.L`). */
struct ninep_options {
	const char *transport;	 /* trans=, NULL when not given */
	const char *attach_name; /* aname=: the tree the server exports, "" for its default */
	const char *user_name;	 /* uname=, "root" */
	uint32_t message_size;	 /* msize= */
	unsigned port;		 /* port=, 564 */
};

/* Fills OPTIONS from TEXT (NULL or empty: the defaults), which it modifies (commas become
 * NULs; OPTIONS points into it): 0, or -EINVAL for an unknown option or a bad value (logged). */
int ninep_parse_options(char *text, struct ninep_options *options);

/* Speaks 9P2000.L to the server behind TRANSPORT and makes a filesystem of what it exports:
 * its root, with a reference, in *ROOT. The transport is the filesystem's from then on: on
 * failure it has been closed already. OPTIONS gives the attach name, user and msize (NULL:
 * the defaults). */
int ninep_attach(const struct ninep_transport_operations *operations, void *transport,
		 const struct ninep_options *options, struct inode **root);

/* ninep_attach, then mounts the root on PATH (made if missing; a relative tag goes under
 * /mnt): virtio-9p's shares. */
int ninep_mount(const char *path, const struct ninep_transport_operations *operations,
		void *transport);
