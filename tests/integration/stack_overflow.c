/* SPDX-License-Identifier: MIT */
/* stack_overflow: unbounded recursion runs into the guard page below the stack and is reported
 * as a stack overflow (naming the function), with a non-zero exit status. On Linux it dies of
 * SIGSEGV. */
#include <stdio.h>

static volatile unsigned long depth;

/* Not inlined and not a tail call: every level keeps a frame with a buffer in use. */
__attribute__((noinline)) unsigned long recurse_forever(unsigned long n)
{
	volatile char frame[256];

	frame[n & 255] = (char)n;
	depth = n;
	if (n == ~0ul) /* never: only here so the compiler does not call the recursion infinite */
		return 0;
	return recurse_forever(n + 1) + frame[(n * 7) & 255];
}

int main(void)
{
	printf("recursing without end\n");
	fflush(stdout);
	unsigned long result = recurse_forever(0);
	printf("RESULT FAIL the recursion returned %lu\n", result);
	return 1;
}
