// SPDX-License-Identifier: MIT
/* The file-descriptor table (see fs/descriptors.h): an array grown on demand up to the limit. */
#include "fs/descriptors.h"
#include "include/uapi/errno.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "sys/limits.h"

#define FD_CLOEXEC 1

struct descriptor {
	struct file *file;
	bool close_on_exec;
};

static struct descriptor *table;
static unsigned capacity;

unsigned descriptor_limit(void)
{
	uint64_t limit = resource_limit_current(RESOURCE_OPEN_FILES);

	return limit > (1u << 20) ? (1u << 20) : (unsigned)limit;
}

static int grow(unsigned needed)
{
	unsigned new_capacity = capacity ? capacity : 64;

	while (new_capacity <= needed)
		new_capacity *= 2;
	struct descriptor *bigger = heap_alloc_zeroed(new_capacity * sizeof(*bigger));
	if (!bigger)
		return -ENOMEM;
	if (table)
		memcpy(bigger, table, capacity * sizeof(*table));
	heap_free(table);
	table = bigger;
	capacity = new_capacity;
	return 0;
}

int descriptor_install(struct file *file, int minimum, bool close_on_exec)
{
	unsigned limit = descriptor_limit();
	unsigned fd = minimum < 0 ? 0 : (unsigned)minimum;

	while (fd < capacity && table[fd].file)
		fd++;
	if (fd >= limit)
		return -EMFILE;
	if (fd >= capacity && grow(fd))
		return -ENOMEM;
	table[fd] = (struct descriptor){file, close_on_exec};
	return (int)fd;
}

int descriptor_install_new(struct file *file, bool close_on_exec)
{
	int fd = descriptor_install(file, 0, close_on_exec);

	if (fd < 0)
		file_put(file);
	return fd;
}

struct file *descriptor_get(int fd)
{
	if (fd < 0 || (unsigned)fd >= capacity || !table[fd].file)
		return NULL;
	file_get(table[fd].file);
	return table[fd].file;
}

int descriptor_close(int fd)
{
	if (fd < 0 || (unsigned)fd >= capacity || !table[fd].file)
		return -EBADF;
	struct file *file = table[fd].file;
	table[fd].file = NULL;
	file_put(file);
	return 0;
}

int descriptor_duplicate_to(int old_fd, int new_fd, bool close_on_exec)
{
	struct file *file = descriptor_get(old_fd);

	if (!file)
		return -EBADF;
	if (new_fd < 0 || (unsigned)new_fd >= descriptor_limit()) {
		file_put(file);
		return -EBADF;
	}
	if ((unsigned)new_fd >= capacity && grow(new_fd)) {
		file_put(file);
		return -ENOMEM;
	}
	struct file *replaced = table[new_fd].file;
	table[new_fd] = (struct descriptor){file, close_on_exec};
	file_put(replaced);
	return new_fd;
}

int descriptor_get_flags(int fd)
{
	if (fd < 0 || (unsigned)fd >= capacity || !table[fd].file)
		return -EBADF;
	return table[fd].close_on_exec ? FD_CLOEXEC : 0;
}

int descriptor_set_flags(int fd, int flags)
{
	if (fd < 0 || (unsigned)fd >= capacity || !table[fd].file)
		return -EBADF;
	table[fd].close_on_exec = flags & FD_CLOEXEC;
	return 0;
}

int descriptor_close_range(unsigned first, unsigned last, bool mark_only)
{
	if (first > last)
		return -EINVAL;
	for (unsigned fd = first; fd <= last && fd < capacity; fd++) {
		if (!table[fd].file)
			continue;
		if (mark_only)
			table[fd].close_on_exec = true;
		else
			descriptor_close((int)fd);
	}
	return 0;
}
