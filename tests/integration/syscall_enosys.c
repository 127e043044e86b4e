/* SPDX-License-Identifier: MIT */
/* syscall_enosys: a system call number that does not exist returns -1 with errno ENOSYS, the
 * same call a second time as well (the kernel logs it only once), and the program goes on. */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

static void check_missing(long number)
{
	errno = 0;
	long result = syscall(number, 1, 2, 3, 4, 5, 6);
	CHECK(result == -1 && errno == ENOSYS, "syscall(%ld) returned %ld, errno %d", number,
	      result, errno);
}

int main(void)
{
	check_missing(999);
	check_missing(999);
	check_missing(100000);
	check_missing(-1);
	/* Still alive, and ordinary calls still work. */
	CHECK(getpid() > 0, "getpid failed after the missing calls");
	printf("still running after syscall(999)\n");
	return test_result();
}
