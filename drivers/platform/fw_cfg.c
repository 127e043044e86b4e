// SPDX-License-Identifier: MIT
/* fw_cfg through its I/O ports (see drivers/platform/fw_cfg.h): a 16-bit selector, then the
 * item's bytes one port read at a time (rep insb). The file directory (item 0x19) is a
 * big-endian count and 64-byte entries: size, selector, name. Only read at boot, for what
 * the command line cannot carry, so the port interface's speed is enough. */
#include "drivers/platform/fw_cfg.h"
#include "arch/x86_64/cpu.h"
#include "include/uapi/errno.h"
#include "lib/string.h"
#include "mm/heap.h"

#define SELECTOR_PORT  0x510
#define DATA_PORT      0x511
#define ITEM_SIGNATURE 0x0000
#define ITEM_FILE_DIR  0x0019

struct file_entry {
	uint32_t size; /* big-endian, as the selector */
	uint16_t select, reserved;
	char name[56];
};

static void read_item(uint16_t item, void *buffer, size_t length)
{
	outw(SELECTOR_PORT, item);
	__asm__ volatile("rep insb"
			 : "+D"(buffer), "+c"(length)
			 : "d"((uint16_t)DATA_PORT)
			 : "memory");
}

/* Continues reading the item selected last. */
static void read_more(void *buffer, size_t length)
{
	__asm__ volatile("rep insb"
			 : "+D"(buffer), "+c"(length)
			 : "d"((uint16_t)DATA_PORT)
			 : "memory");
}

int fw_cfg_find_file(const char *name, uint16_t *select, uint32_t *size)
{
	char signature[4];
	uint32_t count;
	struct file_entry entry;

	read_item(ITEM_SIGNATURE, signature, sizeof(signature));
	if (memcmp(signature, "QEMU", 4))
		return -ENODEV;
	read_item(ITEM_FILE_DIR, &count, sizeof(count));
	for (uint32_t i = 0; i < __builtin_bswap32(count); i++) {
		read_more(&entry, sizeof(entry));
		entry.name[sizeof(entry.name) - 1] = 0;
		if (strcmp(entry.name, name))
			continue;
		*select = __builtin_bswap16(entry.select);
		*size = __builtin_bswap32(entry.size);
		return 0;
	}
	return -ENOENT;
}

int fw_cfg_read_file(const char *name, char **data, size_t *size)
{
	uint16_t select;
	uint32_t length;
	int error = fw_cfg_find_file(name, &select, &length);

	if (error)
		return error;
	*size = length;
	*data = heap_alloc(*size + 1);
	if (!*data)
		return -ENOMEM;
	read_item(select, *data, *size);
	(*data)[*size] = 0;
	return 0;
}
