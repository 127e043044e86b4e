/* SPDX-License-Identifier: MIT */
/* strtod_roundtrip: printing a double with %.17g and reading it back with strtod gives the
 * same bits, for special values and for random bit patterns of every exponent; likewise
 * float with %.9g and strtof, and a few decimal strings have known exact bits. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include "check.h"

#define RANDOM_VALUES 10000

static uint64_t bits_of(double value)
{
	uint64_t bits;

	memcpy(&bits, &value, sizeof(bits));
	return bits;
}

static double double_of(uint64_t bits)
{
	double value;

	memcpy(&value, &bits, sizeof(value));
	return value;
}

static int round_trip(double value)
{
	char text[64];
	char *end;

	snprintf(text, sizeof(text), "%.17g", value);
	double back = strtod(text, &end);
	CHECK(*end == '\0', "strtod stopped early in \"%s\"", text);
	CHECK(bits_of(back) == bits_of(value), "%016llx -> \"%s\" -> %016llx",
	      (unsigned long long)bits_of(value), text, (unsigned long long)bits_of(back));
	return bits_of(back) == bits_of(value);
}

static int round_trip_float(float value)
{
	char text[64];
	float back;
	uint32_t before, after;

	snprintf(text, sizeof(text), "%.9g", value);
	back = strtof(text, NULL);
	memcpy(&before, &value, 4);
	memcpy(&after, &back, 4);
	CHECK(before == after, "float %08x -> \"%s\" -> %08x", before, text, after);
	return before == after;
}

static void check_known(const char *text, uint64_t expected)
{
	uint64_t got = bits_of(strtod(text, NULL));

	CHECK(got == expected, "strtod(\"%s\") is %016llx, expected %016llx", text,
	      (unsigned long long)got, (unsigned long long)expected);
}

int main(void)
{
	static const double specials[] = {0.0,
					  -0.0,
					  1.0,
					  -1.0,
					  0.1,
					  1.0 / 3.0,
					  DBL_MIN,
					  DBL_MAX,
					  DBL_EPSILON,
					  4.9406564584124654e-324,
					  2.2250738585072009e-308,
					  1e23,
					  9007199254740993.0,
					  123456789012345678.0,
					  5e-324,
					  1.7976931348623157e308,
					  INFINITY,
					  -INFINITY};
	uint64_t state = 12345;
	unsigned done = 0, good = 0;

	for (size_t i = 0; i < sizeof(specials) / sizeof(specials[0]); i++, done++)
		good += round_trip(specials[i]);
	for (int i = 0; i < RANDOM_VALUES; i++) {
		double value = double_of(test_random(&state));
		if (isnan(value))
			continue;
		good += round_trip(value);
		done++;
	}
	/* Ordinary magnitudes too: the random bit patterns are mostly huge or tiny. */
	for (int i = 0; i < RANDOM_VALUES / 4; i++, done++)
		good += round_trip((double)(test_random(&state) >> 11) / 1e6);
	for (int i = 0; i < RANDOM_VALUES / 4; i++, done++) {
		uint32_t bits = (uint32_t)test_random(&state);
		float value;
		memcpy(&value, &bits, 4);
		if (isnan(value))
			value = 1.5f;
		good += round_trip_float(value);
	}
	check_known("0.1", 0x3fb999999999999aull);
	check_known("1e23", 0x44b52d02c7e14af6ull);
	check_known("2.2250738585072011e-308", 0x000fffffffffffffull);
	check_known("4.9e-324", 0x0000000000000001ull);
	check_known("1e-400", 0x0000000000000000ull);
	check_known("-0", 0x8000000000000000ull);
	check_known("0x1.8p1", 0x4008000000000000ull);
	check_known("9007199254740993", 0x4340000000000000ull);
	check_known("1.00000000000000011102230246251565404236316680908203125",
		    0x3ff0000000000000ull);
	check_known("1.00000000000000011102230246251565404236316680908203126",
		    0x3ff0000000000001ull);
	printf("%u of %u values round-tripped\n", good, done);
	return test_result();
}
