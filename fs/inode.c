// SPDX-License-Identifier: MIT
/* Inodes: creation, reference counting, timestamps, attribute changes. An inode lives while a
 * directory entry names it (links) or the kernel holds it (references: open files, the working
 * directory, a path walk in progress). */
#include "fs/vfs.h"
#include "kernel/time.h"
#include "mm/heap.h"

struct timestamp vfs_now(void)
{
	uint64_t ns = time_realtime_ns();

	return (struct timestamp){ns / NANOSECONDS_PER_SECOND, ns % NANOSECONDS_PER_SECOND};
}

int vfs_set_attributes(struct inode *inode, const struct inode_attributes *changes)
{
	if (inode->ops && inode->ops->set_attributes) {
		int error = inode->ops->set_attributes(inode, changes);

		if (error)
			return error;
	}
	if (changes->valid & INODE_MODE)
		inode->mode = (inode->mode & S_IFMT) | (changes->mode & 07777);
	if (changes->valid & INODE_UID)
		inode->uid = changes->uid;
	if (changes->valid & INODE_GID)
		inode->gid = changes->gid;
	if (changes->valid & INODE_ACCESSED)
		inode->accessed = changes->accessed;
	if (changes->valid & INODE_MODIFIED)
		inode->modified = changes->modified;
	inode->changed = vfs_now();
	return 0;
}

struct inode *inode_create(struct superblock *superblock, uint32_t mode)
{
	struct inode *inode = heap_alloc_zeroed(sizeof(*inode));

	if (!inode)
		return NULL;
	inode->number = ++superblock->next_inode;
	inode->mode = mode;
	inode->superblock = superblock;
	inode->references = 1;
	inode->accessed = inode->modified = inode->changed = vfs_now();
	return inode;
}

void inode_get(struct inode *inode)
{
	inode->references++;
}

void inode_put(struct inode *inode)
{
	if (!inode || --inode->references || (inode->links && !inode->superblock->transient_inodes))
		return;
	if (inode->superblock->free_inode)
		inode->superblock->free_inode(inode);
	heap_free(inode);
}

void inode_touch(struct inode *inode, bool accessed, bool modified)
{
	struct timestamp now = vfs_now();

	if (accessed)
		inode->accessed = now;
	if (modified)
		inode->modified = inode->changed = now;
}
