// SPDX-License-Identifier: MIT
/* strlcpy: kept apart from lib/string.c so host unit tests can link it beside the C library. */
#include "lib/string.h"

size_t strlcpy(char *destination, const char *source, size_t size)
{
	size_t length = strlen(source);

	if (size) {
		size_t copied = length < size - 1 ? length : size - 1;
		memcpy(destination, source, copied);
		destination[copied] = 0;
	}
	return length;
}
