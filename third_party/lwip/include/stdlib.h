/* SPDX-License-Identifier: MIT */
/* lwIP includes <stdlib.h> for atoi (netif_find by name, "en0"); the kernel has no libc. */
#pragma once
static inline int atoi(const char *text)
{
	int value = 0;

	while (*text >= '0' && *text <= '9')
		value = value * 10 + (*text++ - '0');
	return value;
}
