/* SPDX-License-Identifier: MIT */
/* malloc_until_enomem: run with --mem 64M. Allocating (and touching) 1 MiB blocks until malloc
 * fails ends with malloc returning NULL and errno ENOMEM, not with a hang or a crash; after
 * everything is freed, the memory can be allocated again. On Linux an address-space limit of
 * 256 MiB stands in for the small machine (Yolk may refuse setrlimit: then RAM is the limit). */
#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>
#include "check.h"

#define BLOCK	   (1 << 20)
#define MAX_BLOCKS 4096

static void *blocks[MAX_BLOCKS];

static int allocate_all(void)
{
	int count = 0;

	errno = 0;
	while (count < MAX_BLOCKS) {
		unsigned char *p = malloc(BLOCK);
		if (!p)
			break;
		for (int i = 0; i < BLOCK; i += 4096)
			p[i] = (unsigned char)(count + i);
		blocks[count++] = p;
	}
	CHECK(count < MAX_BLOCKS, "%d MiB were allocated without failing", count);
	CHECK(errno == ENOMEM, "malloc failed with errno %d, expected ENOMEM", errno);
	return count;
}

static void free_all(int count)
{
	int bad = 0;

	for (int n = 0; n < count; n++) {
		unsigned char *p = blocks[n];
		for (int i = 0; i < BLOCK; i += 4096)
			bad += p[i] != (unsigned char)(n + i);
		free(p);
	}
	CHECK(bad == 0, "%d pages lost their contents", bad);
}

int main(void)
{
	struct rlimit limit = {256 << 20, 256 << 20};

	setrlimit(RLIMIT_AS, &limit);
	int first = allocate_all();
	printf("first round: %d MiB before malloc failed\n", first);
	free_all(first);
	int second = allocate_all();
	printf("second round: %d MiB before malloc failed\n", second);
	CHECK(second >= first - 2, "only %d MiB the second time, %d the first", second, first);
	free_all(second);
	void *small = malloc(100);
	CHECK(small != NULL, "a small malloc after freeing everything failed");
	free(small);
	return test_result();
}
