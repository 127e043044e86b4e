/* A minimal host unit-test framework: TEST(name) { ... } registers a test; CHECK and CHECK_EQ
 * record failures with file and line and let the test go on. tests/unit/unit.c runs them all
 * and ends with the line "N passed, N failed". */
#pragma once
#include <stdio.h>

struct unit_test {
	const char *name;
	void (*function)(void);
	struct unit_test *next;
};

void unit_register(struct unit_test *test);
void unit_fail(const char *file, int line, const char *expression, const char *detail);

#define TEST(name)                                                                                 \
	static void test_##name(void);                                                             \
	static struct unit_test unit_test_##name = {#name, test_##name, 0};                        \
	__attribute__((constructor)) static void register_##name(void)                             \
	{                                                                                          \
		unit_register(&unit_test_##name);                                                  \
	}                                                                                          \
	static void test_##name(void)

#define CHECK(condition)                                                                           \
	do {                                                                                       \
		if (!(condition))                                                                  \
			unit_fail(__FILE__, __LINE__, #condition, NULL);                           \
	} while (0)

#define CHECK_EQ(actual, expected)                                                                 \
	do {                                                                                       \
		unsigned long long actual_ = (unsigned long long)(actual);                         \
		unsigned long long expected_ = (unsigned long long)(expected);                     \
		if (actual_ != expected_) {                                                        \
			char detail_[96];                                                          \
			snprintf(detail_, sizeof(detail_), "%#llx != %#llx", actual_, expected_);  \
			unit_fail(__FILE__, __LINE__, #actual " == " #expected, detail_);          \
		}                                                                                  \
	} while (0)
