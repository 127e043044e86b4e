/* SPDX-License-Identifier: MIT */
/* exit_status: exit(42) from a function below main ends the program with status 42, after
 * stdio has flushed output that was still buffered (no newline, no fflush). */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static void leave(int status)
{
	printf("exiting with %d; this line has no newline and is flushed by exit", status);
	exit(status);
}

int main(void)
{
	leave(42);
	printf("RESULT FAIL exit returned\n");
	return 1;
}
