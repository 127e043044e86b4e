// SPDX-License-Identifier: MIT
/* Path resolution: component by component from the root or a starting directory, through mount
 * points (both ways), "." and "..", and symbolic links (at most SYMLINK_MAX_FOLLOW, else
 * ELOOP). Every inode handed back carries a reference for the caller. */
#include "fs/vfs.h"
#include "include/uapi/errno.h"
#include "kernel/thread.h"
#include "lib/string.h"
#include "mm/heap.h"

/* A working directory, shared by the threads made with CLONE_FS (all pthreads); a thread that
 * called unshare(CLONE_FS) has its own. Threads without one share the first. */
struct fs_context {
	unsigned references;
	struct inode *working_directory;
};

static struct fs_context first_context = {1, NULL};

static struct fs_context *current_context(void)
{
	struct thread *current = thread_current();

	return current && current->fs_context ? current->fs_context : &first_context;
}

struct inode *vfs_working_directory(void)
{
	struct inode *directory = current_context()->working_directory;

	return directory ? directory : vfs_root();
}

void vfs_set_working_directory(struct inode *directory)
{
	struct fs_context *context = current_context();

	inode_get(directory);
	inode_put(context->working_directory);
	context->working_directory = directory;
}

void fs_context_share(struct thread *child, const struct thread *parent, bool copy)
{
	struct fs_context *context = parent->fs_context;

	if (copy) {
		struct fs_context *own = heap_alloc(sizeof(*own));
		if (own) {
			own->references = 1;
			own->working_directory = vfs_working_directory();
			inode_get(own->working_directory);
			child->fs_context = own;
			return;
		}
		/* Without memory the child shares its parent's: unshare reports ENOMEM itself. */
	}
	if (context)
		context->references++;
	child->fs_context = context;
}

void fs_context_release(struct thread *thread)
{
	struct fs_context *context = thread->fs_context;

	thread->fs_context = NULL;
	if (!context || --context->references)
		return;
	inode_put(context->working_directory);
	heap_free(context);
}

int fs_context_unshare(void)
{
	struct thread *current = thread_current();
	struct fs_context *old = current->fs_context;

	if (old && old->references == 1)
		return 0;
	struct fs_context *own = heap_alloc(sizeof(*own));
	if (!own)
		return -ENOMEM;
	own->references = 1;
	own->working_directory = vfs_working_directory();
	inode_get(own->working_directory);
	current->fs_context = own;
	if (old)
		old->references--; /* not the last: a thread sharing it still holds it */
	return 0;
}

int vfs_enter_directory(struct inode *directory)
{
	if (!inode_is_directory(directory))
		return -ENOTDIR;
	vfs_set_working_directory(directory);
	return 0;
}

int vfs_change_directory(const char *path)
{
	struct inode *directory;
	int error = vfs_resolve(NULL, path, 0, &directory);

	if (error)
		return error;
	error = vfs_enter_directory(directory);
	inode_put(directory);
	return error;
}

/* The inode one sees at a directory: the root of whatever is mounted there. */
static struct inode *through_mounts(struct inode *inode)
{
	while (inode->mounted) {
		struct inode *root = inode->mounted;
		inode_get(root);
		inode_put(inode);
		inode = root;
	}
	return inode;
}

static struct inode *parent_of(struct inode *directory)
{
	while (directory->covered) /* a mounted root: ".." is above the mount point */
		directory = directory->covered;
	if (directory == vfs_root() || !directory->parent)
		return directory;
	return directory->parent;
}

static int walk(struct inode *start, const char *path, unsigned flags, int depth,
		struct inode **result);

static int follow_link(struct inode *directory, struct inode *link, int depth,
		       struct inode **result)
{
	char *target = heap_alloc(PATH_MAX);
	long length;
	int error;

	if (depth >= SYMLINK_MAX_FOLLOW)
		return -ELOOP;
	if (!target)
		return -ENOMEM;
	length = link->ops->readlink(link, target, PATH_MAX - 1);
	if (length < 0) {
		heap_free(target);
		return (int)length;
	}
	target[length] = 0;
	error = walk(directory, target, 0, depth + 1, result);
	heap_free(target);
	return error;
}

static int step(struct inode **current, const char *name, size_t length, bool last, unsigned flags,
		int depth)
{
	struct inode *directory = *current, *child;
	int error;

	if (!inode_is_directory(directory))
		return -ENOTDIR;
	if (length == 1 && name[0] == '.')
		return 0;
	if (length == 2 && name[0] == '.' && name[1] == '.') {
		child = parent_of(directory);
		inode_get(child);
	} else {
		if (!directory->ops || !directory->ops->lookup)
			return -ENOENT;
		error = directory->ops->lookup(directory, name, length, &child);
		if (error)
			return error;
		child = through_mounts(child);
		if ((child->mode & S_IFMT) == S_IFLNK && (!last || !(flags & RESOLVE_NOFOLLOW))) {
			struct inode *target;
			error = follow_link(directory, child, depth, &target);
			inode_put(child);
			if (error)
				return error;
			child = target;
		}
	}
	inode_put(directory);
	*current = child;
	return 0;
}

static int walk(struct inode *start, const char *path, unsigned flags, int depth,
		struct inode **result)
{
	struct inode *current = path[0] == '/' ? vfs_root()
				: start	       ? start
					       : vfs_working_directory();
	const char *cursor = path;

	if (!*path)
		return -ENOENT;
	inode_get(current);
	for (;;) {
		while (*cursor == '/')
			cursor++;
		if (!*cursor)
			break;
		const char *end = cursor;
		while (*end && *end != '/')
			end++;
		if ((size_t)(end - cursor) > NAME_MAX) {
			inode_put(current);
			return -ENAMETOOLONG;
		}
		const char *rest = end;
		while (*rest == '/')
			rest++;
		int error = step(&current, cursor, end - cursor, !*rest, flags, depth);
		if (error) {
			inode_put(current);
			return error;
		}
		cursor = end;
	}
	if (cursor > path && cursor[-1] == '/' && !inode_is_directory(current)) {
		inode_put(current);
		return -ENOTDIR;
	}
	*result = current;
	return 0;
}

int vfs_resolve(struct inode *start, const char *path, unsigned flags, struct inode **result)
{
	if (strnlen(path, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	return walk(start, path, flags, 0, result);
}

int vfs_resolve_parent(struct inode *start, const char *path, struct inode **directory,
		       const char **name, size_t *length)
{
	size_t total = strnlen(path, PATH_MAX);
	char *head;
	int error;

	if (total >= PATH_MAX)
		return -ENAMETOOLONG;
	if (!total)
		return -ENOENT;
	while (total > 1 && path[total - 1] == '/')
		total--; /* "a/b/" names b */
	size_t last = total;
	while (last > 0 && path[last - 1] != '/')
		last--;
	*name = path + last;
	*length = total - last;
	if (*length > NAME_MAX)
		return -ENAMETOOLONG;
	if (!*length) /* "/" itself */
		return -EEXIST;
	head = heap_alloc(last + 2);
	if (!head)
		return -ENOMEM;
	memcpy(head, path, last);
	head[last] = 0;
	if (!last)
		strlcpy(head, ".", 2);
	error = walk(start, head, 0, 0, directory);
	heap_free(head);
	if (!error && !inode_is_directory(*directory)) {
		inode_put(*directory);
		return -ENOTDIR;
	}
	return error;
}

long vfs_path_of(struct inode *directory, char *buffer, size_t size)
{
	size_t used = 0;
	char *scratch = heap_alloc(PATH_MAX);

	if (!scratch)
		return -ENOMEM;
	/* Build the path backwards, name by name, from this directory up to the root. */
	scratch[PATH_MAX - 1] = 0;
	size_t at = PATH_MAX - 1;
	for (struct inode *node = directory; node != vfs_root();) {
		while (node->covered)
			node = node->covered;
		if (node == vfs_root() || !node->parent)
			break;
		struct inode *parent = node->parent;
		const char *name = NULL;
		size_t length = 0;
		if (parent->ops && parent->ops->name_of)
			name = parent->ops->name_of(parent, node, &length);
		if (!name || length + 1 > at) {
			heap_free(scratch);
			return name ? -ENAMETOOLONG : -ENOENT;
		}
		at -= length;
		memcpy(scratch + at, name, length);
		scratch[--at] = '/';
		node = parent;
	}
	if (at == PATH_MAX - 1)
		scratch[--at] = '/';
	used = PATH_MAX - 1 - at;
	if (used + 1 > size) {
		heap_free(scratch);
		return -ERANGE;
	}
	memcpy(buffer, scratch + at, used + 1);
	heap_free(scratch);
	return (long)used;
}

int vfs_make_directories(const char *path, size_t length)
{
	char *partial = heap_alloc(PATH_MAX);
	int error = 0;

	if (!partial)
		return -ENOMEM;
	if (length >= PATH_MAX)
		error = -ENAMETOOLONG;
	for (size_t i = 1; !error && i <= length; i++) {
		if (i < length && path[i] != '/')
			continue;
		memcpy(partial, path, i);
		partial[i] = 0;
		struct inode *directory, *existing;
		const char *name;
		size_t name_length;
		if (!vfs_resolve(vfs_root(), partial, 0, &existing)) {
			inode_put(existing);
			continue;
		}
		error = vfs_resolve_parent(vfs_root(), partial, &directory, &name, &name_length);
		if (error)
			break;
		error = directory->ops->create
			    ? directory->ops->create(directory, name, name_length, S_IFDIR | 0755,
						     0, NULL)
			    : -EROFS;
		inode_put(directory);
		if (error == -EEXIST)
			error = 0;
	}
	heap_free(partial);
	return error;
}
