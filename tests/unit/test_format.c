/* The kernel's printf-style formatting (lib/format.c), checked against the C library's. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "lib/format.h"
#include "tests/unit/unit.h"

#define CHECK_FORMAT(...)                                                                          \
	do {                                                                                       \
		char ours[128], theirs[128];                                                       \
		int our_length = format_snprintf(ours, sizeof(ours), __VA_ARGS__);                 \
		int their_length = snprintf(theirs, sizeof(theirs), __VA_ARGS__);                  \
		CHECK(!strcmp(ours, theirs));                                                      \
		CHECK_EQ(our_length, their_length);                                                \
	} while (0)

TEST(format_integers)
{
	CHECK_FORMAT("%d %i %u", -42, 7, 4000000000u);
	CHECK_FORMAT("%ld %lld %llu", -1234567890123l, (long long)INT64_MIN,
		     (unsigned long long)UINT64_MAX);
	CHECK_FORMAT("%x %X %#x %#o %o", 0xbeefu, 0xbeefu, 0x1234u, 8u, 0u);
	CHECK_FORMAT("%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42);
	CHECK_FORMAT("%.3d|%8.3d|%-8.3d|%.0d", 7, 7, 7, 0);
	CHECK_FORMAT("%hhd %hd %zu %zd", 300, 70000, (size_t)12345, (ssize_t)-3);
	CHECK_FORMAT("%016llx", 0xffffffff80100000ull);
}

TEST(format_strings_characters_pointers)
{
	CHECK_FORMAT("%s|%10s|%-10s|%.2s|%c|%%", "yolk", "yolk", "yolk", "yolk", 'x');
	CHECK_FORMAT("%*d|%-*d|%.*s", 6, 1, 6, 2, 3, "abcdef");
	CHECK_FORMAT("%p", (void *)0xdeadbeef);
}

TEST(format_truncates_and_terminates)
{
	char small[8];

	CHECK_EQ(format_snprintf(small, sizeof(small), "%s", "0123456789"), 10);
	CHECK(!strcmp(small, "0123456"));
	CHECK_EQ(format_snprintf(NULL, 0, "%d", 12345), 5);
}
