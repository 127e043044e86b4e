// SPDX-License-Identifier: MIT
/* exit-qemu STATUS: ends QEMU at once by writing STATUS to the isa-debug-exit port (0x501, as
 * `yolk run` configures it); QEMU then exits with (STATUS << 1) | 1. The Linux VM's /init calls
 * it instead of poweroff, which on microvm without ACPI only halts. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/io.h>

#define DEBUG_EXIT_PORT 0x501

int main(int argc, char **argv)
{
	int status = argc > 1 ? atoi(argv[1]) : 0;

	if (ioperm(DEBUG_EXIT_PORT, 1, 1)) {
		perror("exit-qemu: ioperm");
		return 1;
	}
	outb(status, DEBUG_EXIT_PORT);
	fprintf(stderr, "exit-qemu: no isa-debug-exit device at %#x\n", DEBUG_EXIT_PORT);
	return 1;
}
