// SPDX-License-Identifier: MIT
/* Which protocol booted us. qboot on -M microvm enters the PVH entry with EAX = 0x2badb002 (a
 * Multiboot1 value), so the PVH magic at EBX is checked before EAX is trusted. */
#include "boot/boot.h"

uint64_t boot_first_tsc;

int boot_parse(struct bootinfo *info, uint32_t magic, const void *information)
{
	if (information && *(const uint32_t *)information == PVH_START_INFO_MAGIC)
		return pvh_parse(info, information);
	if (magic == MULTIBOOT2_BOOTLOADER_MAGIC)
		return multiboot2_parse(info, information);
	return -1;
}
