/* The boot memory map: kept sorted, adjacent regions of one type merged (boot/bootinfo.c). */
#include "boot/bootinfo.h"
#include "tests/unit/unit.h"

TEST(bootinfo_sorts_and_merges)
{
	static struct bootinfo info;

	CHECK_EQ(bootinfo_add_memory(&info, 0x100000, 0x100000, MEMORY_USABLE), 0);
	CHECK_EQ(bootinfo_add_memory(&info, 0, 0x9f000, MEMORY_USABLE), 0);
	CHECK_EQ(bootinfo_add_memory(&info, 0x300000, 0x100000, MEMORY_USABLE), 0);
	CHECK_EQ(bootinfo_add_memory(&info, 0x200000, 0x100000, MEMORY_USABLE), 0);
	CHECK_EQ(bootinfo_add_memory(&info, 0xfec00000, 0x1000, MEMORY_RESERVED), 0);
	CHECK_EQ(bootinfo_add_memory(&info, 0x400000, 0, MEMORY_USABLE), 0);
	CHECK_EQ(info.memory_count, 3);
	CHECK_EQ(info.memory[0].start, 0);
	CHECK_EQ(info.memory[1].start, 0x100000);
	CHECK_EQ(info.memory[1].length, 0x300000);
	CHECK_EQ(info.memory[2].type, MEMORY_RESERVED);
	CHECK_EQ(info.highest_physical, 0x400000);
}

TEST(bootinfo_full_table_drops_with_error)
{
	static struct bootinfo info;

	for (unsigned i = 0; i < BOOTINFO_MAX_MEMORY_REGIONS; i++)
		CHECK_EQ(bootinfo_add_memory(&info, i * 0x10000, 0x1000, MEMORY_USABLE), 0);
	CHECK_EQ(bootinfo_add_memory(&info, 0x10000000, 0x1000, MEMORY_USABLE), -1);
	CHECK_EQ(info.memory_count, BOOTINFO_MAX_MEMORY_REGIONS);
}

TEST(bootinfo_reserve_carves_a_module_out)
{
	static struct bootinfo info;

	bootinfo_add_memory(&info, 0, 0x9f000, MEMORY_USABLE);
	bootinfo_add_memory(&info, 0x100000, 0x7f00000, MEMORY_USABLE);
	CHECK_EQ(bootinfo_reserve(&info, 0x7000000, 0x200000), 0);
	CHECK_EQ(info.memory_count, 4);
	CHECK_EQ(info.memory[1].start, 0x100000);
	CHECK_EQ(info.memory[1].length, 0x6f00000);
	CHECK_EQ(info.memory[2].start, 0x7000000);
	CHECK_EQ(info.memory[2].type, MEMORY_RESERVED);
	CHECK_EQ(info.memory[3].start, 0x7200000);
	CHECK_EQ(info.memory[3].length, 0xe00000);
	CHECK_EQ(info.highest_physical, 0x8000000);
}

TEST(bootinfo_merges_overlapping_and_bridged_regions)
{
	static struct bootinfo info;

	CHECK_EQ(bootinfo_add_memory(&info, 0x1000, 0x2000, MEMORY_USABLE), 0);
	CHECK_EQ(bootinfo_add_memory(&info, 0x2000, 0x3000, MEMORY_USABLE), 0);
	CHECK_EQ(info.memory_count, 1);
	CHECK_EQ(info.memory[0].start, 0x1000);
	CHECK_EQ(info.memory[0].length, 0x4000);
	CHECK_EQ(bootinfo_add_memory(&info, 0, 0x10000, MEMORY_USABLE), 0); /* covers it */
	CHECK_EQ(bootinfo_add_memory(&info, 0x20000, 0x1000, MEMORY_USABLE), 0);
	CHECK_EQ(bootinfo_add_memory(&info, 0x23000, 0x1000, MEMORY_USABLE), 0);
	CHECK_EQ(info.memory_count, 3);
	CHECK_EQ(bootinfo_add_memory(&info, 0x21000, 0x2000, MEMORY_USABLE), 0); /* bridges two */
	CHECK_EQ(info.memory_count, 2);
	CHECK_EQ(info.memory[0].start, 0);
	CHECK_EQ(info.memory[0].length, 0x10000);
	CHECK_EQ(info.memory[1].start, 0x20000);
	CHECK_EQ(info.memory[1].length, 0x4000);
	CHECK_EQ(info.highest_physical, 0x24000);
}

TEST(bootinfo_keeps_other_types_apart_and_sorted)
{
	static struct bootinfo info;

	CHECK_EQ(bootinfo_add_memory(&info, 0, 0x10000, MEMORY_USABLE), 0);
	CHECK_EQ(bootinfo_add_memory(&info, 0x8000, 0x1000, MEMORY_RESERVED), 0);
	CHECK_EQ(bootinfo_add_memory(&info, 0x10000, 0x1000, MEMORY_ACPI_NVS), 0);
	CHECK_EQ(bootinfo_add_memory(&info, 0x9000, 0x1000, MEMORY_RESERVED), 0);
	CHECK_EQ(info.memory_count, 3);
	CHECK_EQ(info.memory[0].type, MEMORY_USABLE);
	CHECK_EQ(info.memory[1].start, 0x8000);
	CHECK_EQ(info.memory[1].length, 0x2000);
	CHECK_EQ(info.memory[1].type, MEMORY_RESERVED);
	CHECK_EQ(info.memory[2].type, MEMORY_ACPI_NVS);
	CHECK_EQ(info.highest_physical, 0x10000); /* only usable memory counts */
}

TEST(bootinfo_full_table_still_merges_and_clamps_the_top)
{
	static struct bootinfo info;

	for (unsigned i = 0; i < BOOTINFO_MAX_MEMORY_REGIONS - 1; i++)
		CHECK_EQ(bootinfo_add_memory(&info, i * 0x10000, 0x1000, MEMORY_USABLE), 0);
	CHECK_EQ(bootinfo_add_memory(&info, UINT64_MAX - 0xfff, 0x2000, MEMORY_RESERVED), 0);
	CHECK_EQ(info.memory[BOOTINFO_MAX_MEMORY_REGIONS - 1].length, 0xfff);
	CHECK_EQ(bootinfo_add_memory(&info, 0x1000, 0x1000, MEMORY_USABLE), 0); /* merges */
	CHECK_EQ(info.memory_count, BOOTINFO_MAX_MEMORY_REGIONS);
	CHECK_EQ(info.memory[0].length, 0x2000);
	CHECK_EQ(bootinfo_add_memory(&info, 0x8000, 0x1000, MEMORY_RESERVED), -1);
	CHECK_EQ(info.memory_count, BOOTINFO_MAX_MEMORY_REGIONS);
}
