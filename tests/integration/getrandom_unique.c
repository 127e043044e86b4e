/* SPDX-License-Identifier: MIT */
/* getrandom_unique: 10,000 16-byte values from getrandom, half with flags 0 and half with
 * GRND_NONBLOCK, are all distinct; large requests are filled; the bits are balanced; unknown
 * flags are refused with EINVAL. */
#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>
#include "check.h"

#define VALUES 10000

struct value {
	uint64_t half[2];
};

static int compare_values(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(struct value));
}

static void fill(void *buffer, size_t size, unsigned flags)
{
	unsigned char *p = buffer;

	while (size) {
		ssize_t got = getrandom(p, size, flags);
		if (got < 0 && errno == EINTR)
			continue;
		CHECK(got > 0, "getrandom(%zu, %#x) returned %zd, errno %d", size, flags, got,
		      errno);
		if (got <= 0)
			return;
		p += got;
		size -= (size_t)got;
	}
}

static void check_unique(void)
{
	static struct value values[VALUES];
	unsigned repeats = 0;

	for (int i = 0; i < VALUES; i++) {
		ssize_t got = getrandom(&values[i], sizeof(values[i]), i & 1 ? GRND_NONBLOCK : 0);
		CHECK(got == (ssize_t)sizeof(values[i]) || i > 10,
		      "getrandom of 16 bytes returned %zd, errno %d", got, errno);
		if (got != (ssize_t)sizeof(values[i]))
			fill(&values[i], sizeof(values[i]), 0);
	}
	qsort(values, VALUES, sizeof(values[0]), compare_values);
	for (int i = 1; i < VALUES; i++)
		if (memcmp(&values[i - 1], &values[i], sizeof(values[i])) == 0)
			repeats++;
	CHECK(repeats == 0, "%u of %d 16-byte values repeated", repeats, VALUES);
}

static void check_balance(void)
{
	static uint64_t words[1 << 14]; /* 128 KiB */
	unsigned long ones = 0, total = sizeof(words) * 8;

	fill(words, sizeof(words), 0);
	for (size_t i = 0; i < sizeof(words) / 8; i++)
		ones += (unsigned long)__builtin_popcountll(words[i]);
	/* The standard deviation is about 512 bits; allow far more. */
	CHECK(ones > total / 2 - 10000 && ones < total / 2 + 10000, "%lu of %lu bits are one", ones,
	      total);
}

int main(void)
{
	unsigned char block[4096];

	check_unique();
	check_balance();
	CHECK(getrandom(block, sizeof(block), GRND_NONBLOCK) > 0, "GRND_NONBLOCK read failed");
	CHECK(getrandom(block, 0, 0) == 0, "getrandom of 0 bytes did not return 0");
	CHECK(getrandom(block, 16, GRND_RANDOM | GRND_NONBLOCK) > 0 || errno == EAGAIN,
	      "GRND_RANDOM failed, errno %d", errno);
	errno = 0;
	CHECK(getrandom(block, 16, 0x80) == -1 && errno == EINVAL,
	      "unknown flag 0x80 was not refused with EINVAL (errno %d)", errno);
	return test_result();
}
