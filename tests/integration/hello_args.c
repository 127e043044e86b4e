/* SPDX-License-Identifier: MIT */
/* hello_args: argv and envp reach main. run.sh starts it as
 *   yolk run hello_args.elf --env YOLK_TEST=yes --env "YOLK_SPACED=two words" -- a b "c d"
 * and checks the greeting, a line written to stderr and the result line. */
#include <stdlib.h>
#include "check.h"

static int environment_has(char **envp, const char *entry)
{
	for (char **e = envp; *e; e++)
		if (strcmp(*e, entry) == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv, char **envp)
{
	static const char *const expected[] = {"a", "b", "c d"};
	extern char **environ;

	printf("hello, %s\n", argc > 1 ? argv[1] : "(no argument)");
	fprintf(stderr, "stderr reaches the console too\n");
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	CHECK(argc == 4, "argc is %d, expected 4", argc);
	CHECK(argv[0] && strstr(argv[0], "hello_args"), "argv[0] is \"%s\"",
	      argv[0] ? argv[0] : "(null)");
	for (int i = 1; i < argc && i <= 3; i++)
		CHECK(strcmp(argv[i], expected[i - 1]) == 0, "argv[%d] is \"%s\", expected \"%s\"",
		      i, argv[i], expected[i - 1]);
	CHECK(argv[argc] == NULL, "argv[argc] is not NULL");
	CHECK(envp == environ, "envp %p differs from environ %p", (void *)envp, (void *)environ);
	CHECK(environment_has(envp, "YOLK_TEST=yes"), "YOLK_TEST=yes is not in envp");
	CHECK(environment_has(envp, "YOLK_SPACED=two words"), "YOLK_SPACED=two words not in envp");
	const char *value = getenv("YOLK_TEST");
	CHECK(value && strcmp(value, "yes") == 0, "getenv(YOLK_TEST) is \"%s\"",
	      value ? value : "(null)");
	value = getenv("YOLK_SPACED");
	CHECK(value && strcmp(value, "two words") == 0, "getenv(YOLK_SPACED) is \"%s\"",
	      value ? value : "(null)");
	CHECK(getenv("YOLK_NOT_SET") == NULL, "getenv of an unset name is not NULL");
	return test_result();
}
