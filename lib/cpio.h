/* SPDX-License-Identifier: MIT */
/* Reading cpio "newc" archives (the initrd format): pure code, unit-tested on the host. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
	const char *name; /* NUL-terminated inside the archive */
	size_t name_length;
	uint32_t mode, uid, gid, modified;
	uint32_t device_major, device_minor; /* rdev, for device nodes */
	const void *data;
	size_t size;
};

/* Calls visit() for each entry up to the trailer. Returns the number of entries, or -1 when
 * the archive is corrupt or truncated; then *error says why and *bad_entry which entry (its
 * index; *bad_name its name when known). */
long cpio_parse(const void *archive, size_t size,
		void (*visit)(const struct cpio_entry *entry, void *context), void *context,
		const char **error, long *bad_entry, const char **bad_name);
