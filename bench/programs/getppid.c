// SPDX-License-Identifier: MIT
/* ns per getppid(): the cheapest system call, so mostly the cost of entering and leaving the
 * kernel (a trap on Linux and with Debian's libc.a on Yolk; a function call on Yolk's direct path).
 */
#include <unistd.h>
#include "bench.h"

int main(void)
{
	BENCH_LOOP("getppid", getppid());
	return 0;
}
