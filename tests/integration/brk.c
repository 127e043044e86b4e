/* SPDX-License-Identifier: MIT */
/* brk: the program break grows and shrinks. musl's sbrk() accepts only 0 and its brk() always
 * fails, so this uses the brk system call directly, as musl's malloc does: it returns the new
 * break, or the old one when the request cannot be met. Grown memory is zero, also after a
 * shrink and a regrow. Nothing here calls malloc, which keeps its own use of brk apart. */
#include <errno.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

#define PAGE 4096ul

static uintptr_t set_break(uintptr_t address)
{
	return (uintptr_t)syscall(SYS_brk, address);
}

static int zero(const unsigned char *p, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (p[i])
			return 0;
	return 1;
}

int main(void)
{
	uintptr_t start = set_break(0);
	unsigned char *memory = (unsigned char *)start;

	printf("initial break %#lx\n", (unsigned long)start);
	CHECK(start != 0, "brk(0) returned 0");
	CHECK((uintptr_t)sbrk(0) == start, "sbrk(0) %p differs from brk(0)", sbrk(0));

	CHECK(set_break(start + 64 * 1024) == start + 64 * 1024, "growing by 64 KiB failed");
	CHECK(set_break(0) == start + 64 * 1024, "brk(0) does not show the grown break");
	CHECK(zero(memory, 64 * 1024), "grown break memory is not zero");
	memset(memory, 0xab, 64 * 1024);

	CHECK(set_break(start + 32 * 1024) == start + 32 * 1024, "shrinking to 32 KiB failed");
	CHECK(set_break(0) == start + 32 * 1024, "brk(0) does not show the shrunk break");
	CHECK(memory[0] == 0xab && memory[32 * 1024 - 1] == 0xab, "shrinking lost kept memory");

	/* Pages given back and grown again must come back zeroed. */
	CHECK(set_break(start + 1024 * 1024) == start + 1024 * 1024, "growing by 1 MiB failed");
	CHECK(zero(memory + 36 * 1024, 1024 * 1024 - 36 * 1024),
	      "memory regrown after a shrink is not zero");
	memset(memory, 0xcd, 1024 * 1024);

	/* An impossible break leaves the break where it was. */
	CHECK(set_break(start + (64ul << 40)) == start + 1024 * 1024,
	      "a 64 TiB break did not leave the old break");
	CHECK(set_break(1) == start + 1024 * 1024, "a break below the start did not fail");
	CHECK(memory[1024 * 1024 - 1] == 0xcd, "a failed brk changed memory");

	CHECK(set_break(start) == start, "shrinking back to the start failed");
	CHECK((uintptr_t)sbrk(0) == start, "sbrk(0) is not back at the start");
	errno = 0;
	CHECK(sbrk(4096) == (void *)-1 && errno == ENOMEM, "musl's sbrk(4096) changed behaviour");
	return test_result();
}
