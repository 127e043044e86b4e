// SPDX-License-Identifier: MIT
/* sleep SECONDS...: waits for their sum (fractions allowed); Ctrl-C ends it early (130). */
#include <math.h>
#include <time.h>
#include "../command.h"

int sleep_main(int argc, char **argv)
{
	double total = 0;

	if (argc < 2) {
		fprintf(stderr, "sleep: missing operand\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		char *end;
		double seconds = strtod(argv[i], &end);

		if (end == argv[i] || *end || seconds < 0 || !isfinite(seconds)) {
			fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[i]);
			return 2;
		}
		total += seconds;
	}
	struct timespec left = {(time_t)total, (long)((total - floor(total)) * 1e9)};

	while (nanosleep(&left, &left))
		if (errno != EINTR || command_interrupted())
			return 130;
	return 0;
}
