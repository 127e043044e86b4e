/* cpio newc parsing (lib/cpio.c): real archives made here, then truncated and corrupted. */
#include <stdio.h>
#include <string.h>
#include "lib/cpio.h"
#include "tests/unit/unit.h"

static size_t add(char *out, size_t at, const char *name, unsigned mode, const char *data)
{
	size_t name_size = strlen(name) + 1, size = strlen(data);

	at += sprintf(out + at, "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X", 1,
		      mode, 0, 0, 1, 1700000000, size, 0, 0, 0, 0, name_size, 0);
	memcpy(out + at, name, name_size);
	at = (at + name_size + 3) & ~(size_t)3;
	memcpy(out + at, data, size);
	return (at + size + 3) & ~(size_t)3;
}

static int seen;
static char names[8][32];

static void remember(const struct cpio_entry *entry, void *context)
{
	(void)context;
	if (seen < 8)
		snprintf(names[seen], sizeof(names[0]), "%s:%zu:%o", entry->name, entry->size,
			 entry->mode);
	seen++;
}

TEST(cpio_reads_entries_until_the_trailer)
{
	static char archive[2048];
	size_t size = add(archive, 0, "etc", 040755, "");
	size = add(archive, size, "etc/motd", 0100644, "hello\n");
	size = add(archive, size, "link", 0120777, "etc/motd");
	size = add(archive, size, "TRAILER!!!", 0, "");
	const char *error = NULL, *name;
	long bad;

	seen = 0;
	CHECK_EQ(cpio_parse(archive, size, remember, NULL, &error, &bad, &name), 3);
	CHECK_EQ(seen, 3);
	CHECK(!strcmp(names[0], "etc:0:40755"));
	CHECK(!strcmp(names[1], "etc/motd:6:100644"));
	CHECK(!strcmp(names[2], "link:8:120777"));
}

TEST(cpio_reports_truncation_and_corruption)
{
	static char archive[2048];
	size_t size = add(archive, 0, "a", 0100644, "data");
	size = add(archive, size, "b", 0100644, "more data");
	size = add(archive, size, "TRAILER!!!", 0, "");
	const char *error = NULL, *name;
	long bad;

	seen = 0;
	CHECK_EQ(cpio_parse(archive, size - 40, remember, NULL, &error, &bad, &name), -1);
	CHECK(error != NULL);
	CHECK_EQ(bad, 2); /* a and b were good */
	CHECK_EQ(seen, 2);
	seen = 0;
	CHECK_EQ(cpio_parse(archive, 130, remember, NULL, &error, &bad, &name), -1);
	CHECK(!strcmp(error, "truncated header"));
	CHECK_EQ(bad, 1);
	CHECK_EQ(cpio_parse(archive, 114, remember, NULL, &error, &bad, &name), -1);
	CHECK(!strcmp(error, "truncated data"));
	CHECK(!strcmp(name, "a"));
	archive[0] = 'X';
	CHECK_EQ(cpio_parse(archive, size, remember, NULL, &error, &bad, &name), -1);
	CHECK_EQ(bad, 0);
	archive[0] = '0';
	archive[20] = 'z'; /* a header field */
	CHECK_EQ(cpio_parse(archive, size, remember, NULL, &error, &bad, &name), -1);
	CHECK(!strcmp(error, "bad header field"));
}
