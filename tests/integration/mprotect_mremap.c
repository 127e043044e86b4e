/* SPDX-License-Identifier: MIT */
/* mprotect_mremap: the memory calls under musl's malloc behave like Linux: mmap gives zeroed,
 * page-aligned memory; mprotect changes access and keeps contents; mremap grows a mapping (with
 * MREMAP_MAYMOVE) keeping its contents and shrinks it in place; madvise(MADV_DONTNEED) makes
 * anonymous pages read as zero again; MAP_FIXED replaces part of a mapping; munmap frees (the
 * kernel then answers EFAULT for the range); bad arguments get EINVAL. */
#define _GNU_SOURCE /* mremap */
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

#define PAGE 4096ul

static void fill(unsigned char *p, size_t size, unsigned seed)
{
	for (size_t i = 0; i < size; i += 64)
		p[i] = (unsigned char)(seed + i / 64);
}

static int filled(const unsigned char *p, size_t size, unsigned seed)
{
	for (size_t i = 0; i < size; i += 64)
		if (p[i] != (unsigned char)(seed + i / 64))
			return 0;
	return 1;
}

static int zero(const unsigned char *p, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (p[i])
			return 0;
	return 1;
}

static unsigned char *map(size_t size, int protection)
{
	void *p = mmap(NULL, size, protection, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap of %zu bytes failed, errno %d", size, errno);
	return p == MAP_FAILED ? NULL : p;
}

static void check_mprotect(void)
{
	unsigned char *p = map(4 * PAGE, PROT_READ | PROT_WRITE);

	if (!p)
		return;
	CHECK(zero(p, 4 * PAGE), "a fresh mapping is not zero");
	fill(p, 4 * PAGE, 1);
	CHECK(mprotect(p, 4 * PAGE, PROT_READ) == 0, "mprotect to PROT_READ failed, errno %d",
	      errno);
	CHECK(filled(p, 4 * PAGE, 1), "contents changed after mprotect(PROT_READ)");
	CHECK(mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE) == 0,
	      "mprotect of one page in the middle failed, errno %d", errno);
	p[PAGE] = 0x5a;
	CHECK(mprotect(p, 4 * PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect back to RW failed");
	p[0] = 0x5b;
	p[4 * PAGE - 1] = 0x5c;
	CHECK(p[PAGE] == 0x5a && p[0] == 0x5b && p[4 * PAGE - 1] == 0x5c,
	      "writes after mprotect were lost");
	errno = 0; /* A raw call: musl's mprotect rounds the address down itself. */
	CHECK(syscall(SYS_mprotect, p + 1, PAGE, PROT_READ) == -1 && errno == EINVAL,
	      "mprotect of an unaligned address did not fail with EINVAL (errno %d)", errno);
	CHECK(munmap(p, 4 * PAGE) == 0, "munmap failed, errno %d", errno);

	/* PROT_NONE first, then made accessible. */
	p = map(2 * PAGE, PROT_NONE);
	if (!p)
		return;
	CHECK(mprotect(p, 2 * PAGE, PROT_READ | PROT_WRITE) == 0,
	      "mprotect of a PROT_NONE mapping failed, errno %d", errno);
	p[0] = 1;
	p[2 * PAGE - 1] = 2;
	CHECK(p[0] == 1 && p[2 * PAGE - 1] == 2, "a PROT_NONE mapping made RW lost a write");
	munmap(p, 2 * PAGE);
}

static void check_mremap(void)
{
	unsigned char *p = map(4 * PAGE, PROT_READ | PROT_WRITE);

	if (!p)
		return;
	fill(p, 4 * PAGE, 2);
	/* A neighbour right after it, so growing in place may be impossible. */
	unsigned char *q = mremap(p, 4 * PAGE, 256 * PAGE, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED, "mremap from 4 to 256 pages failed, errno %d", errno);
	if (q == MAP_FAILED) {
		munmap(p, 4 * PAGE);
		return;
	}
	CHECK(filled(q, 4 * PAGE, 2), "mremap lost the contents (moved from %p to %p)", (void *)p,
	      (void *)q);
	CHECK(zero(q + 4 * PAGE, 252 * PAGE), "the grown part of the mapping is not zero");
	fill(q, 256 * PAGE, 3);
	CHECK(filled(q, 256 * PAGE, 3), "the grown mapping did not keep writes");

	unsigned char *r = mremap(q, 256 * PAGE, 8 * PAGE, 0);
	CHECK(r == q, "shrinking mremap moved the mapping or failed (errno %d)", errno);
	if (r != MAP_FAILED)
		CHECK(filled(r, 8 * PAGE, 3), "shrinking mremap lost the contents");
	errno = 0;
	CHECK(mremap(q + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL,
	      "mremap of an unaligned address did not fail with EINVAL (errno %d)", errno);
	CHECK(munmap(r != MAP_FAILED ? r : q, 8 * PAGE) == 0, "munmap after mremap failed");
}

static void check_madvise_and_fixed(void)
{
	unsigned char *p = map(8 * PAGE, PROT_READ | PROT_WRITE);

	if (!p)
		return;
	fill(p, 8 * PAGE, 4);
	CHECK(madvise(p + 2 * PAGE, 2 * PAGE, MADV_DONTNEED) == 0, "madvise failed, errno %d",
	      errno);
	CHECK(filled(p, 2 * PAGE, 4), "MADV_DONTNEED touched pages before the range");
	CHECK(zero(p + 2 * PAGE, 2 * PAGE), "MADV_DONTNEED pages do not read as zero");
	CHECK(filled(p + 4 * PAGE, 4 * PAGE, 4 + 4 * PAGE / 64),
	      "MADV_DONTNEED touched pages after the range");
	p[2 * PAGE] = 9;
	CHECK(p[2 * PAGE] == 9, "a MADV_DONTNEED page is not writable again");
	CHECK(madvise(p, 8 * PAGE, MADV_WILLNEED) == 0, "madvise(MADV_WILLNEED) failed");

	unsigned char *fixed = mmap(p + 6 * PAGE, PAGE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(fixed == p + 6 * PAGE, "MAP_FIXED mapped at %p, not %p", (void *)fixed,
	      (void *)(p + 6 * PAGE));
	CHECK(zero(p + 6 * PAGE, PAGE), "a MAP_FIXED page replacing old memory is not zero");
	CHECK(filled(p + 7 * PAGE, PAGE, 4 + 7 * PAGE / 64), "MAP_FIXED touched the next page");

	CHECK(munmap(p + PAGE, PAGE) == 0, "munmap of one page in the middle failed");
	errno = 0;
	CHECK(write(1, p + PAGE, 1) == -1 && errno == EFAULT,
	      "write from an unmapped page did not fail with EFAULT (errno %d)", errno);
	CHECK(filled(p, PAGE, 4), "munmap of the next page changed the first");
	CHECK(munmap(p, 8 * PAGE) == 0, "munmap over a hole failed, errno %d", errno);
	errno = 0;
	CHECK(munmap(p + 1, PAGE) == -1 && errno == EINVAL,
	      "munmap of an unaligned address did not fail with EINVAL (errno %d)", errno);
	errno = 0;
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
		  errno == EINVAL,
	      "mmap of 0 bytes did not fail with EINVAL (errno %d)", errno);
}

int main(void)
{
	check_mprotect();
	check_mremap();
	check_madvise_and_fixed();
	return test_result();
}
