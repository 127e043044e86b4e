/* SPDX-License-Identifier: MIT */
/* null_dereference: a store through a NULL pointer crashes the program with a report that
 * names the faulting address (0x0) and the function (store_through_null), and a non-zero exit
 * status. On Linux it dies of SIGSEGV. */
#include <stdio.h>

/* Volatile, so the compiler cannot see the NULL and replace the store with a trap. */
static int *volatile target;

__attribute__((noinline)) void store_through_null(int value)
{
	*target = value;
}

int main(void)
{
	printf("storing through NULL\n");
	fflush(stdout);
	store_through_null(42);
	printf("RESULT FAIL the store through NULL did not fault\n");
	return 1;
}
