/* SPDX-License-Identifier: MIT */
/* Checking and copying the application's pointers. A pointer is good when the memory areas
 * (mm/vm.h) say so; nothing is touched to find out, so a bad pointer is -EFAULT and never a
 * kernel fault. Pages not yet touched are filled in by the page-fault handler while copying. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "include/uapi/errno.h"
#include "lib/string.h"
#include "mm/vm.h"

#define PAGE_SIZE_FOR_USER 4096ul

static inline bool user_readable(const void *pointer, size_t length)
{
	return vm_range_allowed((uint64_t)pointer, length, PROT_READ);
}

static inline bool user_writable(void *pointer, size_t length)
{
	return vm_range_allowed((uint64_t)pointer, length, PROT_READ | PROT_WRITE);
}

/* __builtin_memcpy: a structure of known size is copied inline, not by a call (the kernel is
 * freestanding, so plain memcpy is always a call). */
static inline int copy_to_user(void *destination, const void *source, size_t length)
{
	if (!user_writable(destination, length))
		return -EFAULT;
	__builtin_memcpy(destination, source, length);
	return 0;
}

static inline int copy_from_user(void *destination, const void *source, size_t length)
{
	if (!user_readable(source, length))
		return -EFAULT;
	__builtin_memcpy(destination, source, length);
	return 0;
}

/* Copies a NUL-terminated path of at most `size` bytes (PATH_MAX): 0, -EFAULT, -ENAMETOOLONG,
 * or -ENOENT for an empty path. Checks each page before reading it. */
static inline int copy_path_from_user(char *destination, const char *source, size_t size)
{
	size_t copied = 0;

	while (copied < size) {
		uint64_t address = (uint64_t)source + copied;
		size_t chunk = PAGE_SIZE_FOR_USER - (address & (PAGE_SIZE_FOR_USER - 1));
		if (chunk > size - copied)
			chunk = size - copied;
		if (!user_readable((const void *)address, chunk))
			return -EFAULT;
		for (size_t i = 0; i < chunk; i++) {
			destination[copied] = source[copied];
			if (!destination[copied])
				return copied ? 0 : -ENOENT;
			copied++;
		}
	}
	return -ENAMETOOLONG;
}
