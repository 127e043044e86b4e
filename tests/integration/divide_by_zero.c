/* SPDX-License-Identifier: MIT */
/* divide_by_zero: an integer division by zero (#DE) is reported with the exception and the
 * function (divide_by), and ends the program with status 136 (128 + SIGFPE), as on Linux. */
#include <stdio.h>

static volatile int zero;

__attribute__((noinline)) int divide_by(int divisor)
{
	return 1000 / divisor;
}

int main(void)
{
	printf("dividing by zero\n");
	fflush(stdout);
	int result = divide_by(zero);
	printf("RESULT FAIL the division gave %d\n", result);
	return 1;
}
