/* Symbol lookup in the embedded table layout (lib/symbol_table.c). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "lib/symbol_table.h"
#include "tests/unit/unit.h"

struct test_table {
	uint64_t count, base;
	struct {
		uint32_t address, name_offset;
	} entries[3];
	char names[32];
};

static struct test_table make_table(void)
{
	struct test_table table = {
	    3, 0x800, {{0x800, 0}, {0x810, 0}, {0x1800, 0}}, "alpha\0beta\0gamma"};
	uint32_t base = offsetof(struct test_table, names);

	table.entries[0].name_offset = base;
	table.entries[1].name_offset = base + 6;
	table.entries[2].name_offset = base + 11;
	return table;
}

TEST(symbol_table_finds_containing_function)
{
	struct test_table table = make_table();
	uint64_t offset = 99;

	CHECK(
	    !strcmp(symbol_table_lookup((char *)&table, sizeof(table), 0x1000, &offset), "alpha"));
	CHECK_EQ(offset, 0u);
	CHECK(
	    !strcmp(symbol_table_lookup((char *)&table, sizeof(table), 0x100f, &offset), "alpha"));
	CHECK_EQ(offset, 0xfu);
	CHECK(!strcmp(symbol_table_lookup((char *)&table, sizeof(table), 0x1fff, &offset), "beta"));
	CHECK(
	    !strcmp(symbol_table_lookup((char *)&table, sizeof(table), 0x9999, &offset), "gamma"));
	CHECK_EQ(offset, 0x7999u);
}

TEST(symbol_table_rejects_below_first_empty_and_malformed)
{
	struct test_table table = make_table();
	uint64_t offset;

	CHECK(symbol_table_lookup((char *)&table, sizeof(table), 0xfff, &offset) == NULL);
	CHECK(symbol_table_lookup((char *)&table, 4, 0x1000, &offset) == NULL);
	table.count = 1000; /* claims more entries than the table holds */
	CHECK(symbol_table_lookup((char *)&table, sizeof(table), 0x1000, &offset) == NULL);
}
