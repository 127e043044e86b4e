/* Boot-protocol parsing (boot/pvh.c, boot/multiboot2.c) on synthetic boot information. On the
 * host, "physical addresses" are simply the pointers, as under the boot page tables' identity
 * map. */
#include <stdint.h>
#include <string.h>
#include "boot/boot.h"
#include "tests/unit/unit.h"

TEST(pvh_start_info_with_memory_map_and_module)
{
	static struct {
		uint64_t address, size;
		uint32_t type, reserved;
	} map[] = {{0, 0x9fc00, 1, 0}, {0x100000, 0x7f00000, 1, 0}, {0xfeffc000, 0x4000, 2, 0}};
	static struct {
		uint64_t address, size, command_line, reserved;
	} module = {0x2000000, 0x1234, 0, 0};
	static char command_line[] = "loglevel=7 -- app";
	static struct {
		uint32_t magic, version, flags, module_count;
		uint64_t module_list, command_line, rsdp, memory_map;
		uint32_t memory_map_entries, reserved;
	} start = {PVH_START_INFO_MAGIC, 1, 0, 1, 0, 0, 0xf5a40, 0, 3, 0};
	static struct bootinfo info;

	start.module_list = (uintptr_t)&module;
	start.command_line = (uintptr_t)command_line;
	start.memory_map = (uintptr_t)map;
	CHECK_EQ(boot_parse(&info, 0x2badb002, &start), 0);
	CHECK(!strcmp(info.protocol, "pvh"));
	CHECK(!strcmp(info.command_line, command_line));
	CHECK_EQ(info.module_count, 1u);
	CHECK_EQ(info.modules[0].start, 0x2000000u);
	CHECK_EQ(info.modules[0].length, 0x1234u);
	CHECK_EQ(info.rsdp, 0xf5a40u);
	CHECK_EQ(info.memory_count, 3u);
	CHECK_EQ(info.memory[1].start, 0x100000u);
	CHECK_EQ(info.memory[1].type, (uint32_t)MEMORY_USABLE);
}

TEST(multiboot2_tags)
{
	static uint8_t buffer[256] __attribute__((aligned(8)));
	static struct bootinfo info;
	uint32_t *words = (uint32_t *)buffer;
	unsigned at = 2;

	/* command line tag */
	words[at] = 1;
	words[at + 1] = 8 + 8;
	memcpy(&words[at + 2], "-- x y", 7);
	at += 4;
	/* memory map tag: two entries of 24 bytes */
	words[at] = 6;
	words[at + 1] = 16 + 2 * 24;
	words[at + 2] = 24;
	words[at + 3] = 0;
	uint64_t *entries = (uint64_t *)&words[at + 4];
	entries[0] = 0;
	entries[1] = 0x9f000;
	entries[2] = 1;
	entries[3] = 0x100000;
	entries[4] = 0x1000000;
	entries[5] = 1;
	at += (16 + 48) / 4;
	/* end tag */
	words[at] = 0;
	words[at + 1] = 8;
	at += 2;
	words[0] = at * 4;
	CHECK_EQ(boot_parse(&info, MULTIBOOT2_BOOTLOADER_MAGIC, buffer), 0);
	CHECK(!strcmp(info.protocol, "multiboot2"));
	CHECK(!strcmp(info.command_line, "-- x y"));
	CHECK_EQ(info.memory_count, 2u);
	CHECK_EQ(info.memory[1].length, 0x1000000u);
}

/* The boot information itself is taken out of RAM: the ACPI tag's RSDP copy is read later. */
TEST(multiboot2_information_is_reserved)
{
	static uint8_t buffer[64] __attribute__((aligned(8)));
	static struct bootinfo info;
	uint32_t *words = (uint32_t *)buffer;
	uint64_t here = (uint64_t)(uintptr_t)buffer;

	words[0] = 8 + 40 + 8;
	words[2] = 6; /* memory map: one usable region around the information */
	words[3] = 16 + 24;
	words[4] = 24;
	words[5] = 0;
	uint64_t *entry = (uint64_t *)&words[6];
	entry[0] = (here & ~0xfffull) - 0x10000;
	entry[1] = 0x100000;
	entry[2] = 1;
	words[12] = 0; /* end tag */
	words[13] = 8;
	CHECK_EQ(boot_parse(&info, MULTIBOOT2_BOOTLOADER_MAGIC, buffer), 0);
	for (unsigned i = 0; i < info.memory_count; i++)
		if (info.memory[i].type == MEMORY_USABLE)
			CHECK(here + words[0] <= info.memory[i].start ||
			      here >= info.memory[i].start + info.memory[i].length);
	CHECK(info.memory_count >= 2u);
}

TEST(unknown_protocol_is_rejected)
{
	static struct bootinfo info;
	uint32_t nothing[4] = {0};

	CHECK(boot_parse(&info, 0x12345678, nothing) != 0);
}
