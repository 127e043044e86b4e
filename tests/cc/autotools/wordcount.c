/* The autotools test project's program: counts the words of its arguments and prints what
 * configure found, so the test sees the configuration and the library at work. */
#include "config.h"
#include "words.h"

#include <stdio.h>

int main(int argc, char **argv)
{
	int words = 0;
	for (int i = 1; i < argc; i++)
		words += count_words(argv[i]);
	printf("words: %d\n", words);
	printf("sizeof long: %d\n", SIZEOF_LONG);
#if defined(HAVE_GETRANDOM) && defined(HAVE_ACCEPT4) && defined(HAVE_SYS_EPOLL_H)
	printf("getrandom, accept4, epoll: found\n");
#endif
#ifdef RUNS_ON_MUSL
	printf("configure's test programs ran on musl\n");
#endif
#ifdef __GLIBC__
	printf("glibc headers leaked in\n");
#endif
	return words == 0 ? 3 : 0;
}
