// SPDX-License-Identifier: MIT
/* ns per 1-byte write() to /dev/null: descriptor lookup, the file's write operation and the
 * return, with no device behind it. Fails (rather than measuring an error path) if /dev/null
 * cannot be opened or a write does not take the byte. */
#include <fcntl.h>
#include <unistd.h>
#include "bench.h"

int main(void)
{
	int sink = open("/dev/null", O_WRONLY);
	char byte = 'x';

	if (sink < 0) {
		perror("/dev/null");
		return 1;
	}
	if (write(sink, &byte, 1) != 1) {
		perror("write /dev/null");
		return 1;
	}
	BENCH_LOOP("write_devnull", write(sink, &byte, 1));
	return 0;
}
