/* SPDX-License-Identifier: MIT */
/* invalid_opcode: an undefined instruction (ud2, #UD) is reported with the exception and the
 * function (execute_ud2), and ends the program with status 132 (128 + SIGILL), as on Linux. */
#include <stdio.h>

__attribute__((noinline)) void execute_ud2(void)
{
	__asm__ volatile("ud2");
}

int main(void)
{
	printf("executing ud2\n");
	fflush(stdout);
	execute_ud2();
	printf("RESULT FAIL ud2 did not trap\n");
	return 1;
}
