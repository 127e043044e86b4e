// SPDX-License-Identifier: MIT
/* The boot-to-exit benchmark: print one line and exit 0. */
#include <stdio.h>

int main(void)
{
	puts("hello");
	return 0;
}
