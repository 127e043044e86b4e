/* SPDX-License-Identifier: MIT */
/* mmap_large: run with --mem 512M. A 256 MiB anonymous mapping is usable in full (every page
 * written, then read back), an mmap larger than RAM fails cleanly with ENOMEM instead of
 * hanging or crashing, and the program goes on allocating afterwards. */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include "check.h"

#define PAGE  4096ul
#define LARGE (256ul << 20)

static void check_large_mapping(void)
{
	unsigned char *p =
	    mmap(NULL, LARGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long bad = 0;

	CHECK(p != MAP_FAILED, "mmap of 256 MiB failed, errno %d", errno);
	if (p == MAP_FAILED)
		return;
	CHECK(((uintptr_t)p & (PAGE - 1)) == 0, "mmap returned unaligned %p", (void *)p);
	for (unsigned long page = 0; page < LARGE / PAGE; page++) {
		uint64_t *word = (uint64_t *)(p + page * PAGE);
		CHECK(page > 16 || *word == 0, "page %lu of a fresh mapping is not zero", page);
		word[0] = page * 0x9e3779b97f4a7c15ull;
		word[PAGE / 8 - 1] = ~page;
	}
	for (unsigned long page = 0; page < LARGE / PAGE; page++) {
		const uint64_t *word = (const uint64_t *)(p + page * PAGE);
		if (word[0] != page * 0x9e3779b97f4a7c15ull || word[PAGE / 8 - 1] != ~page)
			bad++;
	}
	CHECK(bad == 0, "%lu of %lu pages lost what was written", bad, LARGE / PAGE);
	CHECK(munmap(p, LARGE) == 0, "munmap of 256 MiB failed, errno %d", errno);
	printf("256 MiB mapped, %lu pages written and read back\n", LARGE / PAGE);
}

static void check_too_large(size_t size)
{
	errno = 0;
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p == MAP_FAILED, "mmap of %zu MiB (more than RAM) succeeded", size >> 20);
	CHECK(errno == ENOMEM, "mmap of %zu MiB set errno %d, expected ENOMEM", size >> 20, errno);
	if (p != MAP_FAILED)
		munmap(p, size);
}

int main(void)
{
	struct sysinfo info;

	CHECK(sysinfo(&info) == 0, "sysinfo failed, errno %d", errno);
	size_t memory = (size_t)(info.totalram + info.totalswap) * info.mem_unit;
	printf("RAM and swap: %zu MiB\n", memory >> 20);

	check_large_mapping();
	/* Again: munmap must have given the memory back. */
	check_large_mapping();
	check_too_large(2 * memory + (1ul << 30));
	check_too_large(1ul << 46);

	void *after = malloc(1 << 20);
	CHECK(after != NULL, "malloc after the failed mmap failed");
	if (after)
		memset(after, 1, 1 << 20);
	free(after);
	return test_result();
}
