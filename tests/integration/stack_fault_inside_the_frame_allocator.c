/* SPDX-License-Identifier: MIT */
/* Regression: system calls run on the program's demand-paged stack, and a page fault of that
 * stack in the middle of the frame allocator (a deep path walk: 40 symbolic links, a heap
 * buffer each) used to re-enter it with its free lists half updated and corrupt them
 * (files_posix crashed in unlink_block once the default environment moved its stack). Each
 * thread here starts on a fresh stack at another depth, so the faults land all over the
 * kernel's code. */
#include <alloca.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>
#include "check.h"

static void *walk_loop(void *argument)
{
	volatile char *padding = alloca((size_t)argument * 24 + 1);

	padding[0] = 0;
	int fd = open("/tmp/loop1", O_RDONLY);
	return (void *)(long)(fd < 0 && errno == ELOOP);
}

int main(void)
{
	pthread_attr_t attributes;
	int wrong = 0;

	CHECK(symlink("/tmp/loop2", "/tmp/loop1") == 0 && symlink("/tmp/loop1", "/tmp/loop2") == 0,
	      "loop links");
	pthread_attr_init(&attributes);
	pthread_attr_setstacksize(&attributes, 256 * 1024);
	for (long i = 0; i < 400; i++) {
		pthread_t thread;
		void *result = NULL;
		if (pthread_create(&thread, &attributes, walk_loop, (void *)i) ||
		    pthread_join(thread, &result) || !result)
			wrong++;
	}
	CHECK(wrong == 0, "%d of 400 walks did not end in ELOOP", wrong);
	printf("400 walks at 400 stack depths\n");
	return test_result();
}
