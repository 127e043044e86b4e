/* SPDX-License-Identifier: MIT */
/* kernel_log: the kernel's messages are kept in a ring even when the console does not show
 * them (default level: warnings), and syslog(READ_ALL), dmesg's call, reads them without
 * consuming them. The kernel may log between two reads (a timer's report), so the second
 * read starts with what the first one saw. */
#include <sys/klog.h>
#include "check.h"

int main(void)
{
	static char first[16384], second[16384];
	int size = klogctl(10, NULL, 0);
	int length = klogctl(3, first, sizeof(first));
	int second_length = klogctl(3, second, sizeof(second));

	CHECK(size >= 4096, "log buffer of %d bytes", size);
	CHECK(length > 0 && strstr(first, "booted by pvh"), "the boot messages are kept (%d bytes)",
	      length);
	CHECK(second_length >= length && !memcmp(first, second, length),
	      "a second read sees the same (%d then %d bytes)", length, second_length);
	CHECK(klogctl(99, NULL, 0) == -1, "an unknown action is an error");
	return test_result();
}
