/* Run by CMake's try_run at configure time, on the host: says which libc it was built with. */
#include <stdio.h>

int main(void)
{
#ifdef __GLIBC__
	puts("glibc");
#else
	puts("musl");
#endif
	return 0;
}
