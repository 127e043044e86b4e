// SPDX-License-Identifier: MIT
/* Writing an fw_cfg file (see drivers/platform/fw_cfg.h): writes through the data port have been
 * ignored since QEMU 2.4, so a write is a DMA request: a big-endian { control, length, address }
 * record in guest memory whose physical address, written to the DMA register (0x514, high half
 * first; the low half at 0x518 starts it), QEMU carries out at once, clearing the control word
 * when done. Only ramfb uses it (drivers/video/ramfb.c), once at boot and at a mode change. */
#include "arch/x86_64/cpu.h"
#include "drivers/platform/fw_cfg.h"
#include "include/uapi/errno.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/layout.h"

#define SELECTOR_PORT	   0x510
#define DATA_PORT	   0x511
#define DMA_PORT_HIGH	   0x514
#define DMA_PORT_LOW	   0x518
#define ITEM_ID		   0x0001
#define FEATURE_DMA	   0x02
#define DMA_CONTROL_ERROR  0x01
#define DMA_CONTROL_SELECT 0x08
#define DMA_CONTROL_WRITE  0x10

struct dma_access {
	uint32_t control, length; /* big-endian, as the address */
	uint64_t address;
};

static bool has_dma(void)
{
	uint32_t features = 0;

	outw(SELECTOR_PORT, ITEM_ID);
	for (unsigned i = 0; i < sizeof(features); i++)
		features |= (uint32_t)inb(DATA_PORT) << (8 * i);
	return features & FEATURE_DMA;
}

int fw_cfg_write_file(const char *name, const void *data, size_t length)
{
	uint16_t select;
	uint32_t size;
	int error = fw_cfg_find_file(name, &select, &size);

	if (error)
		return error;
	if (length > size || length > PAGE_SIZE - sizeof(struct dma_access))
		return -EINVAL;
	if (!has_dma())
		return -ENODEV;
	/* One page: the request, then the bytes it points at. */
	uint64_t page = frame_alloc_zeroed(0);
	if (!page)
		return -ENOMEM;
	volatile struct dma_access *access = phys_to_virtual(page);
	memcpy((uint8_t *)phys_to_virtual(page) + sizeof(*access), data, length);
	access->control =
	    __builtin_bswap32((uint32_t)select << 16 | DMA_CONTROL_SELECT | DMA_CONTROL_WRITE);
	access->length = __builtin_bswap32((uint32_t)length);
	access->address = __builtin_bswap64(page + sizeof(*access));
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	outl(DMA_PORT_HIGH, __builtin_bswap32((uint32_t)(page >> 32)));
	outl(DMA_PORT_LOW, __builtin_bswap32((uint32_t)page));
	/* QEMU has done it when the port write returns; a device that queues is waited for. */
	for (int spin = 0;
	     spin < 1000000 && (__builtin_bswap32(access->control) & ~(uint32_t)DMA_CONTROL_ERROR);
	     spin++)
		cpu_pause();
	uint32_t control = __builtin_bswap32(access->control);
	if (control & ~(uint32_t)DMA_CONTROL_ERROR)
		return -EIO; /* still busy: the page stays the device's (leaked, not reused) */
	frame_free(page, 0);
	return control ? -EIO : 0;
}
