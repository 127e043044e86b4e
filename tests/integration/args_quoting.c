/* SPDX-License-Identifier: MIT */
/* args_quoting: arguments and environment values that the kernel command line has to quote
 * arrive unchanged: an empty argument, "--" (only the first "--" separates kernel options from
 * the program's arguments), "=", quotes, backslashes, a tab, leading and trailing spaces,
 * UTF-8, and an environment value holding '=' and spaces. run.sh starts it as
 *   yolk run args_quoting.elf --env 'QUOTING=a=b c' -- '' -- x=y 'quote"d' "it's" 'back\slash'
 *       "tab<TAB>here" '  lead and trail  ' 'ünïcødé' */
#include <stdlib.h>
#include "check.h"

int main(int argc, char **argv)
{
	static const char *const expected[] = {
	    "",	       "--",	      "x=y",	   "quote\"d",
	    "it's",    "back\\slash", "tab\there", "  lead and trail  ",
	    "ünïcødé",
	};
	const int count = sizeof(expected) / sizeof(expected[0]);
	const char *value = getenv("QUOTING");

	for (int i = 0; i < argc; i++)
		printf("argv[%d] = [%s]\n", i, argv[i]);
	CHECK(argc == count + 1, "argc is %d, expected %d", argc, count + 1);
	for (int i = 1; i < argc && i <= count; i++)
		CHECK(strcmp(argv[i], expected[i - 1]) == 0, "argv[%d] is [%s], expected [%s]", i,
		      argv[i], expected[i - 1]);
	CHECK(value && strcmp(value, "a=b c") == 0, "QUOTING is [%s], expected [a=b c]",
	      value ? value : "(unset)");
	return test_result();
}
