/* SPDX-License-Identifier: MIT */
/* What the graphics test programs share: checking that a call failed with the error wanted. */
#pragma once
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int failures;

/* Prints "ok WHAT: error" when RESULT is -1 with errno EXPECTED, else a FAIL line. */
static void expect_error(const char *what, long result, int expected)
{
	if (result == -1 && errno == expected) {
		printf("ok %s: %s\n", what, strerror(errno));
		return;
	}
	printf("FAIL %s: got %ld (%s), wanted %s\n", what, result, result ? strerror(errno) : "-",
	       strerror(expected));
	failures++;
}
