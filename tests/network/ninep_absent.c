// SPDX-License-Identifier: MIT
/* A program that makes no socket call gets the kernel without the network stack: a 9p mount
 * over TCP then says EPROTONOSUPPORT (net/absent.c), at once. */
#include <errno.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "../integration/check.h"

int main(void)
{
	mkdir("/mnt/9p", 0755);
	errno = 0;
	CHECK(mount("10.0.2.2", "/mnt/9p", "9p", 0, "trans=tcp,port=564") &&
		  errno == EPROTONOSUPPORT,
	      "mount without a network stack: %s", strerror(errno));
	return test_result();
}
