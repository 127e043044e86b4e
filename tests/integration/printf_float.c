/* SPDX-License-Identifier: MIT */
/* printf_float: %f %g %e %a %La against exact strings. musl formats floating point with SSE
 * and x87 arithmetic, so this is the first test that the kernel left the FPU usable. The
 * values go through volatile variables so the compiler cannot fold the arithmetic. */
#include <math.h>
#include "check.h"

static volatile double one = 1.0, three = 3.0, tenth = 0.1;
static volatile long double long_one = 1.0L, long_three = 3.0L;

static void expect(const char *got, const char *expected, const char *what)
{
	CHECK(strcmp(got, expected) == 0, "%s gave \"%s\", expected \"%s\"", what, got, expected);
}

#define EXPECT(expected, format, ...)                                                              \
	do {                                                                                       \
		char text[128];                                                                    \
		snprintf(text, sizeof(text), format, __VA_ARGS__);                                 \
		expect(text, expected, #format " of " #__VA_ARGS__);                               \
	} while (0)

int main(void)
{
	double third = one / three;
	long double long_third = long_one / long_three;

	EXPECT("3.141593", "%f", 3.14159265358979);
	EXPECT("0.333333", "%f", third);
	EXPECT("-2.500000", "%f", -2.5);
	EXPECT("100000000000000000000.000000", "%f", 1e20);
	EXPECT("0.10000000000000000555", "%.20f", (double)tenth);
	EXPECT("0.3333333333", "%.10f", third);
	EXPECT("2", "%.0f", 2.5);
	EXPECT("4", "%.0f", 3.5);
	EXPECT("inf -inf nan", "%f %f %f", INFINITY, -INFINITY, NAN);
	EXPECT("0.0001", "%g", 0.0001);
	EXPECT("1e-05", "%g", 0.00001);
	EXPECT("100000", "%g", 100000.0);
	EXPECT("1e+06", "%g", 1e6);
	EXPECT("1.23457e+08", "%g", 123456789.0);
	EXPECT("0.33333333333333331", "%.17g", third);
	EXPECT("1.500000e+00", "%e", 1.5);
	EXPECT("-0.000000e+00", "%e", -0.0);
	EXPECT("6.022141e+23", "%e", 6.02214076e23);
	EXPECT("1.797693e+308", "%e", 1.7976931348623157e308);
	EXPECT("4.940656e-324", "%e", 4.9406564584124654e-324);
	EXPECT("0x1p+0", "%a", 1.0);
	EXPECT("0x1.5555555555555p-2", "%a", third);
	EXPECT("0x1p+0", "%La", 1.0L);
	EXPECT("0x1.8p+1", "%La", 3.0L);
	EXPECT("0x1.5555555555555556p-2", "%La", long_third);
	EXPECT("0.333333", "%Lf", long_third);
	EXPECT("3.33333333333333333342e-01", "%.20Le", long_third);
	EXPECT("[   3.14] [3.14   ] [+3.14] [003.14]", "[%7.2f] [%-7.2f] [%+.2f] [%06.2f]", 3.14159,
	       3.14159, 3.14159, 3.14159);
	printf("sample: %f %g %e %La\n", third, third, third, long_third);
	return test_result();
}
