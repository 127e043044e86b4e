/* SPDX-License-Identifier: MIT */
/* calloc_realloc: calloc returns zeroed memory even where freed memory was dirty (small blocks
 * from musl's heap, large ones straight from mmap), calloc refuses an overflowing size, and
 * realloc keeps the contents while a block grows from bytes to megabytes and shrinks again. */
#include <errno.h>
#include <stdlib.h>
#include "check.h"

static int all_zero(const unsigned char *p, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (p[i])
			return 0;
	return 1;
}

static void check_calloc(size_t count, size_t size)
{
	/* Dirty memory of the same size first, so calloc has dirty memory to reuse. */
	for (int round = 0; round < 3; round++) {
		unsigned char *dirty = malloc(count * size);
		CHECK(dirty != NULL, "malloc(%zu) failed", count * size);
		if (dirty)
			memset(dirty, 0xa5, count * size);
		free(dirty);
		unsigned char *p = calloc(count, size);
		CHECK(p != NULL, "calloc(%zu, %zu) failed", count, size);
		if (p)
			CHECK(all_zero(p, count * size), "calloc(%zu, %zu) is not zeroed", count,
			      size);
		free(p);
	}
}

static void fill(unsigned char *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		p[i] = (unsigned char)(i * 7 + (i >> 12));
}

static int same(const unsigned char *p, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (p[i] != (unsigned char)(i * 7 + (i >> 12)))
			return 0;
	return 1;
}

static void check_realloc(void)
{
	static const size_t sizes[] = {1,	15,	 100,	 4096, 10000, 200000,
				       2 << 20, 5 << 20, 300000, 5000, 64,    3};
	size_t previous = 0;
	unsigned char *p = NULL;

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t size = sizes[i];
		unsigned char *q = realloc(p, size);
		CHECK(q != NULL, "realloc(%p, %zu) failed", (void *)p, size);
		if (!q)
			break;
		size_t kept = previous < size ? previous : size;
		CHECK(same(q, kept), "realloc from %zu to %zu bytes lost contents", previous, size);
		fill(q, 0, size);
		p = q;
		previous = size;
	}
	free(p);
}

/* Volatile, so the compiler neither warns about nor folds the impossible requests. */
static volatile size_t half_of_everything = SIZE_MAX / 2, nearly_everything = SIZE_MAX - 4096;

int main(void)
{
	static const size_t sizes[] = {1, 16, 100, 1000, 4096, 65536, 131072, 1 << 20, 4 << 20};

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		check_calloc(1, sizes[i]);
	check_calloc(1000, 24);
	check_calloc(3, 1 << 20);

	errno = 0;
	void *p = calloc(half_of_everything, 4);
	CHECK(p == NULL && errno == ENOMEM, "calloc(SIZE_MAX / 2, 4) gave %p, errno %d", p, errno);
	free(p);
	errno = 0;
	p = malloc(nearly_everything);
	CHECK(p == NULL && errno == ENOMEM, "malloc(SIZE_MAX - 4096) gave %p, errno %d", p, errno);
	free(p);

	check_realloc();
	p = realloc(NULL, 100);
	CHECK(p != NULL, "realloc(NULL, 100) failed");
	free(p);
	return test_result();
}
