// SPDX-License-Identifier: MIT
/* ramfs: files, directories and symbolic links kept in memory; the root filesystem.
 * A directory keeps its entries in an AVL tree by cookie (the order they were made, which is
 * also the readdir position, so entries removed during a listing move nothing) and in a hash
 * table by name. A file's data is an array of pages, allocated on first write (holes read as
 * zeros). */
#include "fs/ramfs.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "lib/avl.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"

#define FIRST_COOKIE 2 /* 0 and 1 are "." and ".." */

struct ramfs_entry {
	struct avl_node by_cookie;
	struct ramfs_entry *hash_next;
	struct inode *inode;
	size_t length;
	char name[];
};

struct ramfs_directory {
	struct avl_tree entries;
	struct ramfs_entry **buckets;
	unsigned bucket_count, entry_count;
	uint64_t next_cookie;
};

struct ramfs_file {
	uint64_t *pages; /* physical addresses, 0 for a hole */
	uint64_t page_slots;
};

static const struct inode_operations directory_operations, file_operations_inode, link_operations;
static const struct file_operations regular_file_operations;

static uint32_t hash_name(const char *name, size_t length)
{
	uint32_t hash = 2166136261u;

	for (size_t i = 0; i < length; i++)
		hash = (hash ^ (unsigned char)name[i]) * 16777619u;
	return hash;
}

static struct ramfs_entry **bucket_of(struct ramfs_directory *directory, const char *name,
				      size_t length)
{
	return &directory->buckets[hash_name(name, length) & (directory->bucket_count - 1)];
}

static struct ramfs_entry *find(struct ramfs_directory *directory, const char *name, size_t length)
{
	if (!directory->bucket_count)
		return NULL;
	for (struct ramfs_entry *entry = *bucket_of(directory, name, length); entry;
	     entry = entry->hash_next)
		if (entry->length == length && !memcmp(entry->name, name, length))
			return entry;
	return NULL;
}

static int grow_buckets(struct ramfs_directory *directory)
{
	unsigned count = directory->bucket_count ? directory->bucket_count * 2 : 8;
	struct ramfs_entry **buckets = heap_alloc_zeroed(count * sizeof(*buckets));

	if (!buckets)
		return -ENOMEM;
	struct ramfs_entry **old = directory->buckets;
	unsigned old_count = directory->bucket_count;
	directory->buckets = buckets;
	directory->bucket_count = count;
	for (unsigned i = 0; i < old_count; i++) {
		for (struct ramfs_entry *entry = old[i], *next; entry; entry = next) {
			next = entry->hash_next;
			struct ramfs_entry **bucket =
			    bucket_of(directory, entry->name, entry->length);
			entry->hash_next = *bucket;
			*bucket = entry;
		}
	}
	heap_free(old);
	return 0;
}

/* Links `inode` under `name` (the directory takes a link, not a reference). */
static int add_entry(struct inode *directory_inode, const char *name, size_t length,
		     struct inode *inode)
{
	struct ramfs_directory *directory = directory_inode->private;
	struct ramfs_entry *entry;

	if (directory->entry_count >= directory->bucket_count * 2 && grow_buckets(directory))
		return -ENOMEM;
	entry = heap_alloc(sizeof(*entry) + length + 1);
	if (!entry)
		return -ENOMEM;
	entry->inode = inode;
	entry->length = length;
	memcpy(entry->name, name, length);
	entry->name[length] = 0;
	entry->by_cookie.key = directory->next_cookie++;
	avl_insert(&directory->entries, &entry->by_cookie);
	struct ramfs_entry **bucket = bucket_of(directory, name, length);
	entry->hash_next = *bucket;
	*bucket = entry;
	directory->entry_count++;
	inode->links++;
	if (inode_is_directory(inode)) {
		inode->parent = directory_inode;
		directory_inode->links++;
	}
	inode_touch(directory_inode, false, true);
	return 0;
}

/* Unlinks an entry; the inode goes when nothing else holds it. */
static void remove_entry(struct inode *directory_inode, struct ramfs_entry *entry)
{
	struct ramfs_directory *directory = directory_inode->private;
	struct ramfs_entry **link = bucket_of(directory, entry->name, entry->length);
	struct inode *inode = entry->inode;

	while (*link != entry)
		link = &(*link)->hash_next;
	*link = entry->hash_next;
	avl_remove(&directory->entries, &entry->by_cookie);
	directory->entry_count--;
	heap_free(entry);
	if (inode_is_directory(inode)) {
		directory_inode->links--;
		inode->links = 0; /* its "." goes with it */
	} else {
		inode->links--;
	}
	inode->changed = vfs_now();
	inode_touch(directory_inode, false, true);
	inode_get(inode);
	inode_put(inode); /* frees it if unused */
}

static void free_inode(struct inode *inode)
{
	if (inode_is_directory(inode)) {
		struct ramfs_directory *directory = inode->private;
		if (directory)
			heap_free(directory->buckets);
	} else if ((inode->mode & S_IFMT) == S_IFREG && inode->private) {
		struct ramfs_file *file = inode->private;
		for (uint64_t i = 0; i < file->page_slots; i++)
			if (file->pages[i])
				frame_free(file->pages[i], 0);
		heap_free(file->pages);
	}
	heap_free(inode->private);
}

struct inode *ramfs_new_inode(struct superblock *superblock, uint32_t mode, uint32_t device)
{
	struct inode *inode = inode_create(superblock, mode);
	size_t private_size = 0;

	if (!inode)
		return NULL;
	inode->device = device;
	switch (mode & S_IFMT) {
	case S_IFDIR:
		inode->ops = &directory_operations;
		private_size = sizeof(struct ramfs_directory);
		break;
	case S_IFREG:
		inode->ops = &file_operations_inode;
		inode->file_ops = &regular_file_operations;
		private_size = sizeof(struct ramfs_file);
		break;
	case S_IFLNK:
		inode->ops = &link_operations; /* the target is set by ramfs_symlink */
		break;
	default:
		vfs_attach_special(inode); /* devices and fifos */
		break;
	}
	if (private_size && !(inode->private = heap_alloc_zeroed(private_size))) {
		heap_free(inode);
		return NULL;
	}
	if (inode_is_directory(inode))
		((struct ramfs_directory *)inode->private)->next_cookie = FIRST_COOKIE;
	return inode;
}

static int ramfs_lookup(struct inode *directory, const char *name, size_t length,
			struct inode **result)
{
	struct ramfs_entry *entry = find(directory->private, name, length);

	if (!entry)
		return -ENOENT;
	inode_get(entry->inode);
	*result = entry->inode;
	return 0;
}

static int ramfs_create(struct inode *directory, const char *name, size_t length, uint32_t mode,
			uint32_t device, struct inode **result)
{
	if (find(directory->private, name, length))
		return -EEXIST;
	if (!directory->links)
		return -ENOENT; /* removed while we held it */
	struct inode *inode = ramfs_new_inode(directory->superblock, mode, device);
	if (!inode)
		return -ENOMEM;
	int error = add_entry(directory, name, length, inode);
	if (error) {
		inode_put(inode);
		return error;
	}
	if (result)
		*result = inode;
	else
		inode_put(inode);
	return 0;
}

static int ramfs_symlink(struct inode *directory, const char *name, size_t length,
			 const char *target)
{
	struct inode *inode;
	size_t target_length = strlen(target);
	char *copy = heap_alloc(target_length + 1);

	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, target_length + 1);
	int error = ramfs_create(directory, name, length, S_IFLNK | 0777, 0, &inode);
	if (error) {
		heap_free(copy);
		return error;
	}
	inode->private = copy;
	inode->size = target_length;
	inode_put(inode);
	return 0;
}

static int ramfs_link(struct inode *directory, const char *name, size_t length,
		      struct inode *target)
{
	if (inode_is_directory(target))
		return -EPERM;
	if (target->superblock != directory->superblock)
		return -EXDEV;
	if (find(directory->private, name, length))
		return -EEXIST;
	target->changed = vfs_now();
	return add_entry(directory, name, length, target);
}

static int ramfs_unlink(struct inode *directory, const char *name, size_t length,
			bool directory_expected)
{
	struct ramfs_entry *entry = find(directory->private, name, length);

	if (!entry)
		return -ENOENT;
	struct inode *inode = entry->inode;
	if (directory_expected && !inode_is_directory(inode))
		return -ENOTDIR;
	if (!directory_expected && inode_is_directory(inode))
		return -EISDIR;
	if (inode->mounted)
		return -EBUSY;
	if (directory_expected && ((struct ramfs_directory *)inode->private)->entry_count)
		return -ENOTEMPTY;
	remove_entry(directory, entry);
	return 0;
}

static bool is_ancestor(struct inode *ancestor, struct inode *inode)
{
	for (; inode; inode = inode->parent)
		if (inode == ancestor)
			return true;
	return false;
}

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE	 2

static int ramfs_rename(struct inode *old_directory, const char *old_name, size_t old_length,
			struct inode *new_directory, const char *new_name, size_t new_length,
			unsigned flags)
{
	struct ramfs_entry *source = find(old_directory->private, old_name, old_length);
	struct ramfs_entry *target = find(new_directory->private, new_name, new_length);

	if (!source)
		return -ENOENT;
	if (new_directory->superblock != old_directory->superblock)
		return -EXDEV;
	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE) ||
	    (flags & RENAME_NOREPLACE && flags & RENAME_EXCHANGE))
		return -EINVAL;
	if (source == target)
		return 0;
	struct inode *moving = source->inode;
	if (inode_is_directory(moving) && is_ancestor(moving, new_directory))
		return -EINVAL;
	if (flags & RENAME_EXCHANGE) {
		if (!target)
			return -ENOENT;
		source->inode = target->inode;
		target->inode = moving;
		if (inode_is_directory(source->inode))
			source->inode->parent = old_directory;
		if (inode_is_directory(moving))
			moving->parent = new_directory;
		return 0;
	}
	if (target) {
		if (flags & RENAME_NOREPLACE)
			return -EEXIST;
		int error =
		    ramfs_unlink(new_directory, new_name, new_length, inode_is_directory(moving));
		if (error)
			return error == -ENOTDIR && !inode_is_directory(target->inode) ? -ENOTDIR
										       : error;
	}
	inode_get(moving);
	int error = add_entry(new_directory, new_name, new_length, moving);
	if (!error)
		remove_entry(old_directory, find(old_directory->private, old_name, old_length));
	inode_put(moving);
	return error;
}

static long ramfs_readlink(struct inode *link, char *buffer, size_t size)
{
	size_t length = MIN((size_t)link->size, size);

	memcpy(buffer, link->private, length);
	return (long)length;
}

static const char *ramfs_name_of(struct inode *directory, struct inode *child, size_t *length)
{
	struct ramfs_directory *entries = directory->private;

	for (struct avl_node *node = avl_first(&entries->entries); node; node = avl_next(node)) {
		struct ramfs_entry *entry = container_of(node, struct ramfs_entry, by_cookie);
		if (entry->inode == child) {
			*length = entry->length;
			return entry->name;
		}
	}
	return NULL;
}

static unsigned directory_type(const struct inode *inode)
{
	return (inode->mode & S_IFMT) >> 12; /* DT_* values are the S_IFMT bits shifted */
}

static int ramfs_readdir(struct inode *directory, uint64_t *position, struct directory_sink *sink)
{
	struct ramfs_directory *entries = directory->private;
	struct inode *parent = directory->covered ? directory->covered : directory->parent;

	if (*position == 0) {
		if (!sink->emit(sink, ".", 1, directory->number, 4, 1))
			return 0;
		*position = 1;
	}
	if (*position == 1) {
		if (!sink->emit(sink, "..", 2, (parent ? parent : directory)->number, 4, 2))
			return 0;
		*position = 2;
	}
	for (struct avl_node *node = avl_ceiling(&entries->entries, *position); node;
	     node = avl_next(node)) {
		struct ramfs_entry *entry = container_of(node, struct ramfs_entry, by_cookie);
		if (!sink->emit(sink, entry->name, entry->length, entry->inode->number,
				directory_type(entry->inode), node->key + 1))
			return 0;
		*position = node->key + 1;
	}
	return 0;
}

/* Regular files. */

static uint64_t *page_slot(struct ramfs_file *file, uint64_t index, bool create)
{
	if (index >= file->page_slots) {
		if (!create)
			return NULL;
		uint64_t slots = MAX(file->page_slots * 2, 8);
		while (slots <= index)
			slots *= 2;
		uint64_t *pages = heap_alloc_zeroed(slots * sizeof(*pages));
		if (!pages)
			return NULL;
		if (file->pages)
			memcpy(pages, file->pages, file->page_slots * sizeof(*pages));
		heap_free(file->pages);
		file->pages = pages;
		file->page_slots = slots;
	}
	return &file->pages[index];
}

static int ramfs_truncate(struct inode *inode, uint64_t size)
{
	struct ramfs_file *file = inode->private;

	if ((inode->mode & S_IFMT) != S_IFREG)
		return -EINVAL;
	uint64_t first_gone = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	for (uint64_t index = first_gone; index < file->page_slots; index++) {
		if (file->pages[index]) {
			frame_free(file->pages[index], 0);
			file->pages[index] = 0;
		}
	}
	/* Zero the tail of the last page, so growing again reads zeros. */
	uint64_t *last = size % PAGE_SIZE ? page_slot(file, size / PAGE_SIZE, false) : NULL;
	if (last && *last)
		memset((char *)phys_to_virtual(*last) + size % PAGE_SIZE, 0,
		       PAGE_SIZE - size % PAGE_SIZE);
	inode->size = size;
	inode_touch(inode, false, true);
	return 0;
}

static long ramfs_read(struct file *open_file, void *buffer, size_t count, uint64_t offset)
{
	struct inode *inode = open_file->inode;
	struct ramfs_file *file = inode->private;
	size_t done = 0;

	if (offset >= inode->size)
		return 0;
	count = MIN(count, inode->size - offset);
	while (done < count) {
		uint64_t position = offset + done;
		size_t chunk = MIN(count - done, PAGE_SIZE - position % PAGE_SIZE);
		uint64_t *slot = page_slot(file, position / PAGE_SIZE, false);
		if (slot && *slot)
			memcpy((char *)buffer + done,
			       (char *)phys_to_virtual(*slot) + position % PAGE_SIZE, chunk);
		else
			memset((char *)buffer + done, 0, chunk);
		done += chunk;
	}
	inode_touch(inode, true, false);
	return (long)done;
}

static long ramfs_write(struct file *open_file, const void *buffer, size_t count, uint64_t offset)
{
	struct inode *inode = open_file->inode;
	struct ramfs_file *file = inode->private;
	size_t done = 0;

	if (offset + count < offset)
		return -EFBIG;
	while (done < count) {
		uint64_t position = offset + done;
		size_t chunk = MIN(count - done, PAGE_SIZE - position % PAGE_SIZE);
		uint64_t *slot = page_slot(file, position / PAGE_SIZE, true);
		if (slot && !*slot)
			*slot = frame_alloc_zeroed(0);
		if (!slot || !*slot)
			break;
		memcpy((char *)phys_to_virtual(*slot) + position % PAGE_SIZE,
		       (const char *)buffer + done, chunk);
		done += chunk;
	}
	if (!done && count)
		return -ENOSPC;
	inode->size = MAX(inode->size, offset + done);
	inode_touch(inode, false, true);
	return (long)done;
}

static const struct inode_operations directory_operations = {
    .lookup = ramfs_lookup,
    .create = ramfs_create,
    .symlink = ramfs_symlink,
    .link = ramfs_link,
    .unlink = ramfs_unlink,
    .rename = ramfs_rename,
    .name_of = ramfs_name_of,
    .readdir = ramfs_readdir,
};

static const struct inode_operations file_operations_inode = {
    .truncate = ramfs_truncate,
};

static const struct inode_operations link_operations = {
    .readlink = ramfs_readlink,
};

static const struct file_operations regular_file_operations = {
    .read = ramfs_read,
    .write = ramfs_write,
};

struct inode *ramfs_create_filesystem(const char *type, uint32_t device)
{
	struct superblock *superblock = heap_alloc_zeroed(sizeof(*superblock));

	if (!superblock)
		return NULL;
	superblock->type = type;
	superblock->device = device;
	superblock->free_inode = free_inode;
	struct inode *root = ramfs_new_inode(superblock, S_IFDIR | 0755, 0);
	if (root)
		root->links = 2;
	return root;
}
