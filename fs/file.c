// SPDX-License-Identifier: MIT
/* Open files: opening by path (with O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW), and
 * reading and writing at the file's position. */
#include "fs/vfs.h"
#include "fs/epoll.h"
#include "include/uapi/errno.h"
#include "lib/string.h"
#include "mm/heap.h"

static uint32_t creation_mask = 022;

uint32_t vfs_set_creation_mask(uint32_t mask)
{
	uint32_t old = creation_mask;

	creation_mask = mask & 0777;
	return old;
}

uint32_t vfs_creation_mask(void)
{
	return creation_mask;
}

struct file *file_open_inode(struct inode *inode, unsigned flags, int *error)
{
	struct file *file = heap_alloc_zeroed(sizeof(*file));

	if (!file) {
		*error = -ENOMEM;
		return NULL;
	}
	inode_get(inode);
	inode->superblock->open_files++;
	*file =
	    (struct file){.inode = inode, .ops = inode->file_ops, .flags = flags, .references = 1};
	list_init(&file->epoll_interests);
	if (file->ops && file->ops->open && !(flags & O_PATH)) {
		*error = file->ops->open(inode, file);
		if (*error) {
			inode->superblock->open_files--;
			inode_put(inode);
			heap_free(file);
			return NULL;
		}
	}
	*error = 0;
	return file;
}

void file_get(struct file *file)
{
	file->references++;
}

void file_put(struct file *file)
{
	if (!file || --file->references)
		return;
	epoll_forget_file(file);
	if (file->ops && file->ops->release && !(file->flags & O_PATH))
		file->ops->release(file);
	file->inode->superblock->open_files--;
	inode_put(file->inode);
	heap_free(file->path);
	heap_free(file);
}

/* The absolute form of a path opened from `start` (NULL if memory is short): for display. */
static char *absolute_path(struct inode *start, const char *path)
{
	size_t length = strlen(path);
	char *result = heap_alloc(PATH_MAX + length + 2);

	if (!result)
		return NULL;
	if (path[0] == '/') {
		memcpy(result, path, length + 1);
		return result;
	}
	long prefix = vfs_path_of(start ? start : vfs_working_directory(), result, PATH_MAX);
	if (prefix < 0) {
		heap_free(result);
		return NULL;
	}
	if (prefix > 1)
		result[prefix++] = '/';
	memcpy(result + prefix, path, length + 1);
	return result;
}

static bool writable(unsigned flags)
{
	return (flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR;
}

static int create_file(struct inode *start, const char *path, unsigned flags, uint32_t mode,
		       struct inode **result)
{
	struct inode *directory;
	const char *name;
	size_t length;
	int error = vfs_resolve_parent(start, path, &directory, &name, &length);

	if (error)
		return error;
	error = directory->ops && directory->ops->lookup
		    ? directory->ops->lookup(directory, name, length, result)
		    : -ENOENT;
	if (!error && (flags & O_EXCL)) {
		inode_put(*result);
		error = -EEXIST;
	} else if (!error && ((*result)->mode & S_IFMT) == S_IFLNK) {
		inode_put(*result); /* a link: open what it names */
		error =
		    vfs_resolve(start, path, (flags & O_NOFOLLOW) ? RESOLVE_NOFOLLOW : 0, result);
	} else if (error == -ENOENT) {
		error = directory->ops->create
			    ? directory->ops->create(directory, name, length,
						     S_IFREG | (mode & 07777 & ~creation_mask), 0,
						     result)
			    : -EROFS;
	}
	inode_put(directory);
	return error;
}

int vfs_open(struct inode *start, const char *path, unsigned flags, uint32_t mode,
	     struct file **result)
{
	struct inode *inode;
	int error =
	    (flags & O_CREAT)
		? create_file(start, path, flags, mode, &inode)
		: vfs_resolve(start, path, (flags & O_NOFOLLOW) ? RESOLVE_NOFOLLOW : 0, &inode);

	if (error)
		return error;
	if ((inode->mode & S_IFMT) == S_IFLNK && !(flags & O_PATH))
		error = -ELOOP;
	else if ((flags & O_DIRECTORY) && !inode_is_directory(inode))
		error = -ENOTDIR;
	else if (inode_is_directory(inode) && (writable(flags) || (flags & O_CREAT)))
		error = -EISDIR;
	else if ((flags & O_TRUNC) && writable(flags) && (inode->mode & S_IFMT) == S_IFREG)
		error =
		    inode->ops && inode->ops->truncate ? inode->ops->truncate(inode, 0) : -EINVAL;
	if (!error)
		*result = file_open_inode(inode, flags, &error);
	if (!error)
		(*result)->path = absolute_path(start, path);
	inode_put(inode);
	return error;
}

long file_read(struct file *file, void *buffer, size_t count)
{
	if ((file->flags & O_ACCMODE) == O_WRONLY || (file->flags & O_PATH))
		return -EBADF;
	if (inode_is_directory(file->inode))
		return -EISDIR;
	if (!file->ops || !file->ops->read)
		return -EINVAL;
	long result = file->ops->read(file, buffer, count, file->offset);
	if (result > 0 && !file->ops->stream)
		file->offset += result;
	return result;
}

long file_write(struct file *file, const void *buffer, size_t count)
{
	if (!writable(file->flags) || (file->flags & O_PATH))
		return -EBADF;
	if (!file->ops || !file->ops->write)
		return -EINVAL;
	if ((file->flags & O_APPEND) && !file->ops->stream)
		file->offset = file->inode->size;
	long result = file->ops->write(file, buffer, count, file->offset);
	if (result > 0 && !file->ops->stream)
		file->offset += result;
	return result;
}
