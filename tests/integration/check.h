/* SPDX-License-Identifier: MIT */
/* Helpers shared by the integration tests (header-only: `yolk build` compiles each test alone).
 * CHECK() records a failed condition and prints where it failed; test_result() prints the one
 * machine-readable line that tests/integration/run.sh reads, "RESULT PASS" or
 * "RESULT FAIL <first failure>", and returns the exit status for main. The tests are ordinary
 * Linux programs too: built with `musl-gcc -static` they must pass on the host. */
#ifndef TESTS_INTEGRATION_CHECK_H
#define TESTS_INTEGRATION_CHECK_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

static char check_first_failure[256];
static unsigned check_failures;

__attribute__((format(printf, 2, 3))) static void check_failed(int line, const char *format, ...)
{
	char message[200];
	va_list arguments;

	va_start(arguments, format);
	vsnprintf(message, sizeof(message), format, arguments);
	va_end(arguments);
	printf("check failed at line %d: %s\n", line, message);
	if (check_failures++ == 0)
		snprintf(check_first_failure, sizeof(check_first_failure), "line %d: %s", line,
			 message);
}

/* CHECK(condition, "printf format", ...): the message says what was expected and what came. */
#define CHECK(condition, ...)                                                                      \
	do {                                                                                       \
		if (!(condition))                                                                  \
			check_failed(__LINE__, __VA_ARGS__);                                       \
	} while (0)

static inline int test_result(void)
{
	if (check_failures == 0) {
		printf("RESULT PASS\n");
		fflush(stdout);
		return 0;
	}
	printf("RESULT FAIL %s (%u failed checks)\n", check_first_failure, check_failures);
	fflush(stdout);
	return 1;
}

/* A deterministic PRNG (splitmix64), so every run does the same work. */
static inline uint64_t test_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* True on the host, where a few checks must allow Linux's own (equally valid) behaviour. */
static inline int test_on_linux(void)
{
	struct utsname name;

	return uname(&name) == 0 && strcmp(name.sysname, "Linux") == 0;
}

#endif
