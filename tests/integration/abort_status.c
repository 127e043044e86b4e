/* SPDX-License-Identifier: MIT */
/* abort_status: abort() ends the program with exit status 134 (128 + SIGABRT), after output
 * written before it has reached the console. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("calling abort\n");
	fflush(stdout);
	abort();
}
