/* SPDX-License-Identifier: MIT */
/* write_efault: write(1, (void *)1, 10) returns -1 with EFAULT instead of faulting in the
 * kernel, and the console still works afterwards. */
#include <errno.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	errno = 0;
	ssize_t result = write(1, (void *)1, 10);
	CHECK(result == -1 && errno == EFAULT, "write(1, (void *)1, 10) returned %zd, errno %d",
	      result, errno);
	errno = 0;
	result = write(1, NULL, 10);
	CHECK(result == -1 && errno == EFAULT, "write(1, NULL, 10) returned %zd, errno %d", result,
	      errno);
	CHECK(write(1, NULL, 0) == 0, "write of 0 bytes from NULL did not return 0");
	CHECK(write(1, "console still works\n", 20) == 20, "a good write after EFAULT failed");
	return test_result();
}
