// SPDX-License-Identifier: MIT
/* virtio-blk: the disk as /dev/vda (a block device node; `yolk run --disk FILE`). Reads and
 * writes at any offset and length go through a 64 KiB bounce buffer in whole 512-byte
 * sectors (a partial sector is read, patched and written back); fsync is a flush.
 * /proc/diskstats counts the requests and sectors that went to the device. */
#include "drivers/virtio/virtio.h"
#include "fs/devices.h"
#include "fs/procfs.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"

#define SECTOR		   512ull
#define BOUNCE_ORDER	   4 /* 64 KiB */
#define BOUNCE_SIZE	   (PAGE_SIZE << BOUNCE_ORDER)
#define REQUEST_READ	   0
#define REQUEST_WRITE	   1
#define REQUEST_FLUSH	   4
#define FEATURE_FLUSH	   (1ull << 9)
#define BLKGETSIZE64	   0x80081272
#define VIRTIO_BLOCK_MAJOR 254

struct request_header {
	uint32_t type, reserved;
	uint64_t sector;
};

struct block_device {
	struct virtio_device *virtio;
	uint64_t bytes;
	bool can_flush;
	unsigned char *bounce;
	struct request_header *header; /* in the direct map, beside the status byte */
	uint8_t *status;
	uint64_t reads, sectors_read, writes, sectors_written; /* /proc/diskstats */
};

static struct block_device *disk; /* /dev/vda: the first disk */

static int transfer(struct block_device *device, uint32_t type, uint64_t sector, size_t bytes)
{
	*device->header = (struct request_header){type, 0, sector};
	*device->status = 0xff;
	struct virtqueue_segment segments[3] = {
	    {device->header, sizeof(*device->header), false},
	    {device->bounce, (uint32_t)bytes, type == REQUEST_READ},
	    {device->status, 1, true},
	};
	long result =
	    bytes ? virtqueue_transfer(&device->virtio->queues[0], segments, 3)
		  : virtqueue_transfer(&device->virtio->queues[0],
				       (struct virtqueue_segment[]){segments[0], segments[2]}, 2);
	if (result < 0)
		return (int)result;
	if (type == REQUEST_READ)
		device->reads++, device->sectors_read += bytes / SECTOR;
	else if (type == REQUEST_WRITE)
		device->writes++, device->sectors_written += bytes / SECTOR;
	return *device->status == 0 ? 0 : -EIO;
}

/* Moves [offset, offset + count) between the disk and `buffer`, one bounce buffer at a time. */
static long block_io(struct file *file, void *buffer, const void *source, size_t count,
		     uint64_t offset)
{
	struct block_device *device = file->inode->private;
	size_t done = 0;

	(void)file;
	if (offset >= device->bytes)
		return source ? -ENOSPC : 0;
	count = MIN(count, device->bytes - offset);
	while (done < count) {
		uint64_t position = offset + done;
		uint64_t first = position / SECTOR * SECTOR;
		size_t span = MIN(ALIGN_UP(position + (count - done), SECTOR) - first, BOUNCE_SIZE);
		size_t chunk = MIN(count - done, first + span - position);
		bool partial = position != first || (position + chunk) % SECTOR;
		int error = 0;
		if (!source || partial)
			error = transfer(device, REQUEST_READ, first / SECTOR, span);
		if (!error && source) {
			memcpy(device->bounce + (position - first), (const char *)source + done,
			       chunk);
			error = transfer(device, REQUEST_WRITE, first / SECTOR, span);
		} else if (!error) {
			memcpy((char *)buffer + done, device->bounce + (position - first), chunk);
		}
		if (error)
			return done ? (long)done : error;
		done += chunk;
	}
	return (long)done;
}

static long block_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	return block_io(file, buffer, NULL, count, offset);
}

static long block_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	return block_io(file, NULL, buffer, count, offset);
}

static int block_fsync(struct file *file)
{
	struct block_device *device = file->inode->private;

	return device->can_flush ? transfer(device, REQUEST_FLUSH, 0, 0) : 0;
}

static long block_ioctl(struct file *file, unsigned long request, void *argument)
{
	struct block_device *device = file->inode->private;

	if (request != BLKGETSIZE64)
		return -ENOTTY;
	memcpy(argument, &device->bytes, sizeof(device->bytes));
	return 0;
}

static int block_open(struct inode *inode, struct file *file)
{
	(void)file;
	if (!disk)
		return -ENXIO;
	inode->private = disk;
	inode->size = disk->bytes;
	return 0;
}

static const struct file_operations block_operations = {
    .open = block_open,
    .read = block_read,
    .write = block_write,
    .fsync = block_fsync,
    .ioctl = block_ioctl,
};

/* Linux's format: major, minor, name, then reads completed, merged, sectors read, ms reading,
 * the same four for writes, and five more; Yolk keeps the counts and sectors, the rest is 0. */
static void generate_diskstats(struct procfs_text *text, void *context)
{
	(void)context;
	if (disk)
		procfs_printf(
		    text, "%4u %7u vda %llu 0 %llu 0 %llu 0 %llu 0 0 0 0\n", VIRTIO_BLOCK_MAJOR, 0,
		    (unsigned long long)disk->reads, (unsigned long long)disk->sectors_read,
		    (unsigned long long)disk->writes, (unsigned long long)disk->sectors_written);
}

void virtio_block_attach(struct virtio_device *virtio)
{
	struct block_device *device = heap_alloc_zeroed(sizeof(*device));
	uint64_t bounce = frame_alloc(BOUNCE_ORDER), small = frame_alloc_zeroed(0);

	if (disk || !device || !bounce || !small) {
		pr_warn("virtio-blk: %s\n", disk ? "only one disk is supported" : "out of memory");
		return;
	}
	uint64_t features = virtio_negotiate(virtio, FEATURE_FLUSH);
	if (!features || virtio_setup_queue(virtio, 0, 64)) {
		pr_warn("virtio-blk: the device refused the driver\n");
		return;
	}
	virtio_start(virtio);
	device->virtio = virtio;
	device->bytes = *(volatile uint64_t *)virtio_config(virtio) * SECTOR;
	device->can_flush = features & FEATURE_FLUSH;
	device->bounce = phys_to_virtual(bounce);
	device->header = phys_to_virtual(small);
	device->status = (uint8_t *)phys_to_virtual(small) + sizeof(struct request_header);
	disk = device;
	procfs_register_file("diskstats", generate_diskstats, NULL);
	device_register(DEVICE_NUMBER(VIRTIO_BLOCK_MAJOR, 0), &block_operations);
	devfs_add_node("vda", S_IFBLK | 0660, DEVICE_NUMBER(VIRTIO_BLOCK_MAJOR, 0));
	pr_info("virtio-blk: /dev/vda, %llu bytes\n", (unsigned long long)device->bytes);
}
