/* The CMake test project's program: the Adler-32 of each argument, and what configuring found. */
#include "checksum.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		printf("%s %08" PRIx32 "\n", argv[i], adler32(argv[i], strlen(argv[i])));
	printf("try_run said: %s\n", PROBE_SAID);
#ifdef HAVE_EPOLL_CREATE1
	int epoll = epoll_create1(0);
	printf("epoll_create1: %s\n", epoll >= 0 ? "works" : "fails");
	if (epoll >= 0)
		close(epoll);
#endif
	return 0;
}
