/* SPDX-License-Identifier: MIT */
/* qsort_bsearch: qsort sorts 100,000 random integers (a permutation: same sum and xor) and a
 * table of strings; bsearch finds every element that is there and none that is not. */
#include <stdlib.h>
#include "check.h"

#define COUNT 100000

static int compare_ints(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return (x > y) - (x < y);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void check_integers(void)
{
	static unsigned values[COUNT];
	uint64_t state = 7, sum_before = 0, sum_after = 0;
	unsigned xor_before = 0, xor_after = 0, unsorted = 0, missing = 0, phantom = 0;

	for (int i = 0; i < COUNT; i++) {
		/* Even numbers only, so every odd number is known to be absent. */
		values[i] = (unsigned)(test_random(&state) % 1000000000u) & ~1u;
		sum_before += values[i];
		xor_before ^= values[i];
	}
	qsort(values, COUNT, sizeof(values[0]), compare_ints);
	for (int i = 0; i < COUNT; i++) {
		sum_after += values[i];
		xor_after ^= values[i];
		if (i > 0 && values[i - 1] > values[i])
			unsorted++;
	}
	CHECK(unsorted == 0, "%u pairs out of order after qsort", unsorted);
	CHECK(sum_before == sum_after && xor_before == xor_after, "qsort lost or changed elements");

	state = 7;
	for (int i = 0; i < COUNT; i++) {
		unsigned key = (unsigned)(test_random(&state) % 1000000000u) & ~1u;
		unsigned *found = bsearch(&key, values, COUNT, sizeof(values[0]), compare_ints);
		if (!found || *found != key)
			missing++;
		key |= 1;
		if (bsearch(&key, values, COUNT, sizeof(values[0]), compare_ints))
			phantom++;
	}
	CHECK(missing == 0, "bsearch missed %u present keys", missing);
	CHECK(phantom == 0, "bsearch found %u absent keys", phantom);
}

static void check_strings(void)
{
	const char *words[] = {"yolk",	"kernel", "musl", "qemu",  "apple", "zebra", "",
			       "Zebra", "kern",	  "a",	  "yolks", "mmap",  "brk"};
	const size_t count = sizeof(words) / sizeof(words[0]);
	const char *sorted[] = {"",	"Zebra", "a",	 "apple", "brk",   "kern", "kernel",
				"mmap", "musl",	 "qemu", "yolk",  "yolks", "zebra"};
	const char *key = "musl", *absent = "mus";

	qsort(words, count, sizeof(words[0]), compare_strings);
	for (size_t i = 0; i < count; i++)
		CHECK(strcmp(words[i], sorted[i]) == 0, "word %zu is \"%s\", expected \"%s\"", i,
		      words[i], sorted[i]);
	const char **found = bsearch(&key, words, count, sizeof(words[0]), compare_strings);
	CHECK(found && strcmp(*found, "musl") == 0, "bsearch did not find \"musl\"");
	CHECK(!bsearch(&absent, words, count, sizeof(words[0]), compare_strings),
	      "bsearch found the absent \"mus\"");
}

int main(void)
{
	check_integers();
	check_strings();
	return test_result();
}
