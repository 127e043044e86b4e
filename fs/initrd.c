// SPDX-License-Identifier: MIT
/* The initrd: a cpio newc archive, built into the image by `yolk build --fs DIR` or passed as a
 * boot module (`yolk run --initrd FILE`), unpacked into the root at boot. A corrupt or
 * truncated archive is reported with the entry where it went wrong, and boot goes on with what
 * came before it. */
#include "fs/initrd.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "lib/cpio.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/layout.h"

extern const char __initrd_start[], __initrd_end[];

struct unpack_state {
	unsigned files, failed;
};

static int write_data(struct inode *inode, const struct cpio_entry *entry)
{
	int error;
	struct file *file = file_open_inode(inode, O_WRONLY, &error);

	if (!file)
		return error;
	long written = entry->size ? file->ops->write(file, entry->data, entry->size, 0) : 0;
	file_put(file);
	return written == (long)entry->size ? 0 : -ENOSPC;
}

static int create_entry(struct inode *directory, const char *name, size_t length,
			const struct cpio_entry *entry, struct inode **result)
{
	uint32_t type = entry->mode & S_IFMT;

	if (type == S_IFLNK) {
		char *target = heap_alloc(entry->size + 1);
		if (!target)
			return -ENOMEM;
		memcpy(target, entry->data, entry->size);
		target[entry->size] = 0;
		int error = directory->ops->symlink(directory, name, length, target);
		heap_free(target);
		return error ? error : directory->ops->lookup(directory, name, length, result);
	}
	int error = directory->ops->lookup(directory, name, length, result);
	if (!error) {
		if (type == S_IFREG && (*result)->ops->truncate)
			(*result)->ops->truncate(*result, 0);
		return 0;
	}
	uint32_t device = entry->device_major << 8 | entry->device_minor;
	return directory->ops->create(directory, name, length, entry->mode, device, result);
}

static void unpack_entry(const struct cpio_entry *cpio, void *context)
{
	struct unpack_state *state = context;
	const char *path = cpio->name;
	struct inode *directory, *inode = NULL;
	const char *name;
	size_t length;

	while (*path == '.' && path[1] == '/')
		path += 2;
	while (*path == '/')
		path++;
	if (!*path || !strcmp(path, "."))
		return;
	const char *last_slash = strrchr(path, '/');
	int error = last_slash ? vfs_make_directories(path, last_slash - path) : 0;
	if (!error)
		error = vfs_resolve_parent(vfs_root(), path, &directory, &name, &length);
	if (!error) {
		error = create_entry(directory, name, length, cpio, &inode);
		inode_put(directory);
	}
	if (!error && (cpio->mode & S_IFMT) == S_IFREG)
		error = write_data(inode, cpio);
	if (!error) {
		if ((cpio->mode & S_IFMT) != S_IFLNK)
			inode->mode = (inode->mode & S_IFMT) | (cpio->mode & 07777);
		inode->uid = cpio->uid;
		inode->gid = cpio->gid;
		inode->modified = inode->changed = (struct timestamp){cpio->modified, 0};
		state->files++;
	} else {
		state->failed++;
		pr_warn("initrd: %s: cannot unpack (error %d)\n", cpio->name, error);
	}
	inode_put(inode);
}

static void unpack(const char *what, const void *archive, size_t size)
{
	struct unpack_state state = {0, 0};
	const char *error, *bad_name;
	long bad_entry;

	if (cpio_parse(archive, size, unpack_entry, &state, &error, &bad_entry, &bad_name) < 0)
		pr_error(
		    "initrd (%s): %s at entry %ld%s%s; booting with the %u entries before it\n",
		    what, error, bad_entry, bad_name ? ", " : "", bad_name ? bad_name : "",
		    state.files);
	pr_info("initrd (%s): %u entries unpacked, %u failed\n", what, state.files, state.failed);
}

void initrd_unpack(const struct bootinfo *info)
{
	size_t built_in = (size_t)(__initrd_end - __initrd_start);

	if (built_in)
		unpack("built in", __initrd_start, built_in);
	for (unsigned i = 0; i < info->module_count; i++)
		if (!info->modules[i].arguments)
			unpack("boot module", phys_to_virtual(info->modules[i].start),
			       info->modules[i].length);
}
