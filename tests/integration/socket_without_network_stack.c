// SPDX-License-Identifier: MIT
/* A program that never calls socket() gets an image without the network stack (yolk build
 * links it only then): a socket system call made some other way says ENOSYS, and the kernel
 * says why, once. */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	long result = syscall(SYS_socket, 2 /* AF_INET */, 1 /* SOCK_STREAM */, 0);
	CHECK(result == -1 && errno == ENOSYS, "socket without the stack: %ld, %s", result,
	      strerror(errno));
	result = syscall(SYS_bind, 3, NULL, 0);
	CHECK(result == -1 && errno == ENOSYS, "bind too: %ld", result);
	return test_result();
}
