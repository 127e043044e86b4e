/* SPDX-License-Identifier: MIT */
/* What the file system calls share: resolving (dirfd, path) pairs and copying paths in. */
#pragma once
#include "fs/descriptors.h"
#include "fs/vfs.h"
#include "include/uapi/errno.h"
#include "mm/heap.h"
#include "sys/user_memory.h"

#define AT_FDCWD	    (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR	    0x200
#define AT_SYMLINK_FOLLOW   0x400
#define AT_EMPTY_PATH	    0x1000

/* A path copied into kernel memory; free with path_release. */
struct path_argument {
	char *text;
};

static inline int path_copy_in(struct path_argument *path, const char *user)
{
	path->text = heap_alloc(PATH_MAX);
	if (!path->text)
		return -ENOMEM;
	int error = copy_path_from_user(path->text, user, PATH_MAX);
	if (error) {
		heap_free(path->text);
		path->text = NULL;
	}
	return error;
}

static inline void path_release(struct path_argument *path)
{
	heap_free(path->text);
}

/* The directory a relative path starts from: NULL for the working directory (or an absolute
 * path), else dirfd's directory with a reference (inode_put it). */
static inline int start_directory(int dirfd, const char *path, struct inode **start)
{
	*start = NULL;
	if (path[0] == '/' || dirfd == AT_FDCWD)
		return 0;
	struct file *file = descriptor_get(dirfd);
	if (!file)
		return -EBADF;
	if (!inode_is_directory(file->inode)) {
		file_put(file);
		return -ENOTDIR;
	}
	*start = file->inode;
	inode_get(*start);
	file_put(file);
	return 0;
}
