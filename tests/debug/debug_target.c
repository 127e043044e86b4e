/* SPDX-License-Identifier: MIT */
/* debug_target: what tests/debug/debug.sh drives under `yolk debug`: a function to stop in, with
 * an argument and a result gdb can read, and console output before it. */
#include <stdio.h>

__attribute__((noinline)) int compute(int value)
{
	return value * 2 + 1;
}

int main(void)
{
	printf("before compute\n");
	fflush(stdout);
	int result = compute(42);
	printf("result %d\n", result);
	return result == 85 ? 0 : 1;
}
