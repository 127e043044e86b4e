// SPDX-License-Identifier: MIT
/* cpio newc: a 110-byte ASCII header ("070701" and thirteen 8-digit hexadecimal fields), the
 * name, padding to 4 bytes, the data, padding to 4 bytes; "TRAILER!!!" ends the archive. */
#include "lib/cpio.h"

#define HEADER_SIZE 110
#define MAGIC	    "070701"

static bool parse_hex(const char *text, uint32_t *value)
{
	*value = 0;
	for (int i = 0; i < 8; i++) {
		char c = text[i];
		unsigned digit;
		if (c >= '0' && c <= '9')
			digit = c - '0';
		else if (c >= 'a' && c <= 'f')
			digit = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			digit = c - 'A' + 10;
		else
			return false;
		*value = *value << 4 | digit;
	}
	return true;
}

static size_t align4(size_t value)
{
	return (value + 3) & ~(size_t)3;
}

static bool same(const char *a, const char *b, size_t length)
{
	for (size_t i = 0; i < length; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

long cpio_parse(const void *archive, size_t size,
		void (*visit)(const struct cpio_entry *entry, void *context), void *context,
		const char **error, long *bad_entry, const char **bad_name)
{
	const char *base = archive;
	size_t offset = 0;
	long index = 0;

	*bad_name = NULL;
	for (;; index++) {
		uint32_t fields[13];
		*bad_entry = index;
		*bad_name = NULL;
		if (offset + HEADER_SIZE > size) {
			*error = "truncated header";
			return -1;
		}
		const char *header = base + offset;
		if (!same(header, MAGIC, 6)) {
			*error = "bad magic (not a newc cpio archive)";
			return -1;
		}
		for (int i = 0; i < 13; i++)
			if (!parse_hex(header + 6 + 8 * i, &fields[i])) {
				*error = "bad header field";
				return -1;
			}
		uint32_t name_size = fields[11], file_size = fields[6];
		if (!name_size || name_size > 4096 || offset + HEADER_SIZE + name_size > size) {
			*error = "bad or truncated name";
			return -1;
		}
		const char *name = header + HEADER_SIZE;
		if (name[name_size - 1]) {
			*error = "name not terminated";
			return -1;
		}
		*bad_name = name;
		size_t data_offset = align4(offset + HEADER_SIZE + name_size);
		if (name_size == 11 && same(name, "TRAILER!!!", 10))
			return index;
		if (data_offset + file_size > size || data_offset + file_size < data_offset) {
			*error = "truncated data";
			return -1;
		}
		struct cpio_entry entry = {
		    .name = name,
		    .name_length = name_size - 1,
		    .mode = fields[1],
		    .uid = fields[2],
		    .gid = fields[3],
		    .modified = fields[5],
		    .device_major = fields[9],
		    .device_minor = fields[10],
		    .data = base + data_offset,
		    .size = file_size,
		};
		visit(&entry, context);
		offset = align4(data_offset + file_size);
	}
}
