// SPDX-License-Identifier: MIT
/* Character devices: a table from device number to file operations, which device nodes get
 * when they are made (vfs_attach_special), and the memory devices every Unix has: null, zero,
 * full, random, urandom. */
#include "fs/devices.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/random.h"
#include "lib/string.h"

#define DEVICE_SLOTS 32

struct device_entry {
	uint32_t number;
	bool whole_major; /* every minor of number's major (the pseudo-terminals' slaves) */
	const struct file_operations *operations;
};

static struct device_entry devices[DEVICE_SLOTS];
static unsigned device_count;

int device_register(uint32_t number, const struct file_operations *operations)
{
	if (device_count == DEVICE_SLOTS)
		return -ENOSPC;
	devices[device_count++] = (struct device_entry){number, false, operations};
	return 0;
}

int device_register_major(uint32_t major, const struct file_operations *operations)
{
	if (device_count == DEVICE_SLOTS)
		return -ENOSPC;
	devices[device_count++] = (struct device_entry){DEVICE_NUMBER(major, 0), true, operations};
	return 0;
}

void vfs_attach_special(struct inode *inode)
{
	if ((inode->mode & S_IFMT) == S_IFIFO) {
		inode->file_ops = &fifo_file_operations;
		return;
	}
	for (unsigned i = 0; i < device_count; i++)
		if ((devices[i].number == inode->device ||
		     (devices[i].whole_major && devices[i].number >> 8 == inode->device >> 8)) &&
		    ((inode->mode & S_IFMT) == S_IFCHR || (inode->mode & S_IFMT) == S_IFBLK))
			inode->file_ops = devices[i].operations;
}

static long read_nothing(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	(void)file, (void)buffer, (void)count, (void)offset;
	return 0;
}

static long write_everything(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	(void)file, (void)buffer, (void)offset;
	return (long)count;
}

static long read_zeros(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	(void)file, (void)offset;
	memset(buffer, 0, count);
	return (long)count;
}

static long write_full(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	(void)file, (void)buffer, (void)count, (void)offset;
	return -ENOSPC;
}

static long read_random(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	(void)file, (void)offset;
	random_fill(buffer, count);
	return (long)count;
}

static unsigned always_ready(struct file *file, struct poll_table *table)
{
	(void)file, (void)table;
	return POLL_IN | POLL_OUT;
}

static const struct file_operations null_operations = {
    .read = read_nothing,
    .write = write_everything,
    .poll = always_ready,
    .stream = true,
};
static const struct file_operations zero_operations = {
    .read = read_zeros,
    .write = write_everything,
    .poll = always_ready,
    .stream = true,
};
static const struct file_operations full_operations = {
    .read = read_zeros,
    .write = write_full,
    .poll = always_ready,
    .stream = true,
};
static const struct file_operations random_operations = {
    .read = read_random,
    .write = write_everything,
    .poll = always_ready,
    .stream = true,
};

void devices_register_memory(void)
{
	device_register(DEVICE_NUMBER(1, 3), &null_operations);
	device_register(DEVICE_NUMBER(1, 5), &zero_operations);
	device_register(DEVICE_NUMBER(1, 7), &full_operations);
	device_register(DEVICE_NUMBER(1, 8), &random_operations);
	device_register(DEVICE_NUMBER(1, 9), &random_operations);
}
