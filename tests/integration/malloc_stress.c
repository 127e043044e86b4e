/* SPDX-License-Identifier: MIT */
/* malloc_stress: 100,000 malloc/free operations of random sizes up to 1 MiB with a fixed seed,
 * over a table of live blocks. Each block gets a pattern at its start, its end and every 4 KiB,
 * checked when it is freed, so a block that overlaps another, or memory that the kernel hands
 * out twice (brk, mmap, munmap, mremap under musl's malloc) shows up as a wrong byte. Only a few
 * bytes per page are touched, so the test stays fast under TCG. */
#include <stdlib.h>
#include "check.h"

#define OPERATIONS 100000
#define SLOTS	   256
#define MAX_SIZE   (1u << 20)
#define STRIDE	   4096

struct block {
	unsigned char *data;
	size_t size;
	unsigned char tag;
};

static size_t random_size(uint64_t *state)
{
	/* Log-uniform: as many blocks of a few bytes as of a few hundred KiB. */
	uint64_t r = test_random(state);
	unsigned bits = (unsigned)(r % 21); /* 0..20: sizes up to 1 MiB */

	return 1 + (size_t)((r >> 8) & ((1ull << bits) - 1));
}

static void fill(struct block *block)
{
	for (size_t offset = 0; offset < block->size; offset += STRIDE)
		block->data[offset] = (unsigned char)(block->tag + offset / STRIDE);
	block->data[block->size - 1] = (unsigned char)~block->tag;
}

static int verify(const struct block *block)
{
	for (size_t offset = 0; offset < block->size - 1; offset += STRIDE)
		if (block->data[offset] != (unsigned char)(block->tag + offset / STRIDE))
			return 0;
	return block->data[block->size - 1] == (unsigned char)~block->tag;
}

int main(void)
{
	static struct block blocks[SLOTS];
	uint64_t state = 42;
	unsigned long allocations = 0, frees = 0, corrupt = 0, failed = 0;
	size_t peak_bytes = 0, live_bytes = 0;

	for (unsigned long i = 0; i < OPERATIONS; i++) {
		struct block *block = &blocks[test_random(&state) % SLOTS];
		if (block->data) {
			if (!verify(block) && corrupt++ < 5)
				CHECK(0, "block of %zu bytes at %p corrupt at operation %lu",
				      block->size, (void *)block->data, i);
			live_bytes -= block->size;
			free(block->data);
			block->data = NULL;
			frees++;
			continue;
		}
		block->size = random_size(&state);
		block->tag = (unsigned char)i;
		block->data = malloc(block->size);
		if (!block->data) {
			if (failed++ < 5)
				CHECK(0, "malloc(%zu) failed at operation %lu", block->size, i);
			continue;
		}
		CHECK(((uintptr_t)block->data & 15) == 0, "malloc(%zu) returned unaligned %p",
		      block->size, (void *)block->data);
		fill(block);
		allocations++;
		live_bytes += block->size;
		if (live_bytes > peak_bytes)
			peak_bytes = live_bytes;
	}
	for (int i = 0; i < SLOTS; i++) {
		if (!blocks[i].data)
			continue;
		CHECK(verify(&blocks[i]), "block %d of %zu bytes corrupt at the end", i,
		      blocks[i].size);
		free(blocks[i].data);
	}
	printf("%lu allocations, %lu frees, %lu corrupt, %lu failed, peak %zu KiB live\n",
	       allocations, frees, corrupt, failed, peak_bytes / 1024);
	return test_result();
}
