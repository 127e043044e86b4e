/* SPDX-License-Identifier: MIT */
/* console_ioctl: the console on fds 0, 1 and 2 is a terminal: isatty (TCGETS) is true,
 * tcgetattr works, TIOCGWINSZ gives a size; a bad fd is EBADF, an unknown request ENOTTY, and a
 * bad pointer EFAULT. Run natively under a pseudo-terminal (`script`) to check it on Linux. */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	struct winsize size = {0};
	struct termios terminal;

	for (int fd = 0; fd <= 2; fd++)
		CHECK(isatty(fd), "isatty(%d) is false, errno %d", fd, errno);
	CHECK(tcgetattr(1, &terminal) == 0, "tcgetattr(1) failed, errno %d", errno);
	CHECK(ioctl(1, TIOCGWINSZ, &size) == 0, "TIOCGWINSZ failed, errno %d", errno);
	printf("window %u rows, %u columns\n", size.ws_row, size.ws_col);
	CHECK(size.ws_row > 0 && size.ws_col > 0, "TIOCGWINSZ gave %ux%u", size.ws_row,
	      size.ws_col);

	errno = 0;
	CHECK(!isatty(99) && errno == EBADF, "isatty(99) did not fail with EBADF (errno %d)",
	      errno);
	errno = 0;
	CHECK(ioctl(99, TIOCGWINSZ, &size) == -1 && errno == EBADF,
	      "TIOCGWINSZ on fd 99 did not fail with EBADF (errno %d)", errno);
	errno = 0;
	CHECK(ioctl(1, 0x5499, &size) == -1 && errno == ENOTTY,
	      "unknown ioctl 0x5499 did not fail with ENOTTY (errno %d)", errno);
	errno = 0;
	CHECK(ioctl(1, TIOCGWINSZ, (void *)1) == -1 && errno == EFAULT,
	      "TIOCGWINSZ to a bad pointer did not fail with EFAULT (errno %d)", errno);
	errno = 0;
	CHECK(ioctl(1, TCGETS, (void *)1) == -1 && errno == EFAULT,
	      "TCGETS to a bad pointer did not fail with EFAULT (errno %d)", errno);
	return test_result();
}
