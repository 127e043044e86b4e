/* Runs every registered host unit test (see tests/unit/unit.h). Tests run in name order; a
 * name given on the command line runs only the tests whose names contain it. */
#include "tests/unit/unit.h"
#include <stdlib.h>
#include <string.h>

static struct unit_test *tests;
static int current_failures;

void unit_register(struct unit_test *test)
{
	struct unit_test **link = &tests;

	while (*link && strcmp((*link)->name, test->name) < 0)
		link = &(*link)->next;
	test->next = *link;
	*link = test;
}

void unit_fail(const char *file, int line, const char *expression, const char *detail)
{
	current_failures++;
	printf("  %s:%d: CHECK(%s) failed%s%s\n", file, line, expression, detail ? ": " : "",
	       detail ? detail : "");
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	for (struct unit_test *test = tests; test; test = test->next) {
		if (argc > 1 && !strstr(test->name, argv[1]))
			continue;
		current_failures = 0;
		test->function();
		printf("%s %s\n", current_failures ? "FAIL" : "PASS", test->name);
		if (current_failures)
			failed++;
		else
			passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed || passed == 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
