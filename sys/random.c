// SPDX-License-Identifier: MIT
/* getrandom: never blocks (the generator is seeded before the program starts). */
#include "sys/syscalls.h"
#include "kernel/random.h"
#include "sys/user_memory.h"

#define GRND_NONBLOCK 1
#define GRND_RANDOM   2
#define GRND_INSECURE 4
#define GETRANDOM_MAX 33554431 /* Linux returns at most this much per call */

long sys_getrandom(void *buffer, size_t length, unsigned flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_RANDOM) && (flags & GRND_INSECURE))
		return -EINVAL;
	if (length > GETRANDOM_MAX)
		length = GETRANDOM_MAX;
	if (!user_writable(buffer, length))
		return -EFAULT;
	random_fill(buffer, length);
	return (long)length;
}
