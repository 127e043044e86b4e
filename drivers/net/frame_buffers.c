// SPDX-License-Identifier: MIT
/* The frame buffers both NIC drivers give their rings (see net/interface.h): 2 KiB each, two to
 * a page, in the direct map (a buffer's physical address is virtual_to_phys of it). */
#include "mm/frame.h"
#include "mm/layout.h"
#include "net/interface.h"

#define BUFFERS_PER_PAGE (PAGE_SIZE / NIC_BUFFER_SIZE)

bool nic_allocate_buffers(uint8_t **buffers, unsigned count)
{
	for (unsigned i = 0; i < count; i += BUFFERS_PER_PAGE) {
		uint64_t page = frame_alloc(0);
		if (!page)
			return false;
		for (unsigned j = 0; j < BUFFERS_PER_PAGE && i + j < count; j++)
			buffers[i + j] = (uint8_t *)phys_to_virtual(page) + j * NIC_BUFFER_SIZE;
	}
	return true;
}
