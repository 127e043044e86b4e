/* SPDX-License-Identifier: MIT */
/* stack_deep: a program may use most of its stack: 6 MiB of recursion (below the 8 MiB
 * RLIMIT_STACK that Linux and Yolk give the main thread) and a 1 MiB array on the stack work,
 * with every frame's contents intact on the way back up. */
#include <sys/resource.h>
#include "check.h"

#define FRAME 1024
#define DEPTH (6 * 1024 * 1024 / (FRAME + 64))

__attribute__((noinline)) static unsigned long descend(unsigned long depth)
{
	volatile unsigned char frame[FRAME];
	unsigned long sum;

	for (int i = 0; i < FRAME; i += 64)
		frame[i] = (unsigned char)(depth + i);
	sum = depth ? descend(depth - 1) : 0;
	for (int i = 0; i < FRAME; i += 64)
		if (frame[i] != (unsigned char)(depth + i))
			sum += 1ul << 40; /* a frame was overwritten */
	return sum + depth;
}

__attribute__((noinline)) static int big_array(void)
{
	volatile unsigned char array[1 << 20];
	int bad = 0;

	for (unsigned i = 0; i < sizeof(array); i += 512)
		array[i] = (unsigned char)(i >> 9);
	for (unsigned i = 0; i < sizeof(array); i += 512)
		bad += array[i] != (unsigned char)(i >> 9);
	return bad;
}

int main(void)
{
	struct rlimit limit;
	unsigned long expected = (unsigned long)DEPTH * (DEPTH + 1) / 2;

	CHECK(getrlimit(RLIMIT_STACK, &limit) == 0, "getrlimit(RLIMIT_STACK) failed");
	CHECK(limit.rlim_cur >= 8u << 20, "the stack limit is %llu bytes, below 8 MiB",
	      (unsigned long long)limit.rlim_cur);
	unsigned long sum = descend(DEPTH);
	CHECK(sum == expected, "recursion %d deep gave %lu, expected %lu (frames overwritten: %lu)",
	      DEPTH, sum, expected, sum >> 40);
	CHECK(big_array() == 0, "a 1 MiB array on the stack lost writes");
	printf("recursed %d frames of %d bytes\n", DEPTH, FRAME);
	return test_result();
}
