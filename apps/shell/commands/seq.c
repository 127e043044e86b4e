// SPDX-License-Identifier: MIT
/* seq [FIRST [STEP]] LAST: whole numbers from FIRST (1) by STEP (1) up to LAST. */
#include "../command.h"

static bool parse(const char *text, long *value)
{
	char *end;

	errno = 0;
	*value = strtol(text, &end, 10);
	return *text && !*end && !errno;
}

int seq_main(int argc, char **argv)
{
	long first = 1, step = 1, last;

	if (argc < 2 || argc > 4 || !parse(argv[argc - 1], &last) ||
	    (argc > 2 && !parse(argv[1], &first)) || (argc == 4 && !parse(argv[2], &step)) ||
	    !step) {
		fprintf(stderr,
			"seq: usage: seq [FIRST [STEP]] LAST (whole numbers, STEP not 0)\n");
		return 2;
	}
	for (long n = first; step > 0 ? n <= last : n >= last; n += step)
		if (printf("%ld\n", n) < 0 || command_interrupted())
			return 1;
	return 0;
}
