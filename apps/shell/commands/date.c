// SPDX-License-Identifier: MIT
/* date [-u] [+FORMAT]: the date and time (UTC: the machine's clock; FORMAT as strftime's). */
#include <time.h>
#include "../command.h"

int date_main(int argc, char **argv)
{
	const char *format = "%a %b %e %H:%M:%S UTC %Y";
	char text[256];
	time_t now = time(NULL);

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '+')
			format = argv[i] + 1;
		else if (strcmp(argv[i], "-u")) {
			fprintf(stderr, "date: unknown argument %s (only -u and +FORMAT)\n",
				argv[i]);
			return 2;
		}
	}
	if (!strftime(text, sizeof(text), format, gmtime(&now)) && *format) {
		fprintf(stderr, "date: the format gives more than %zu characters\n", sizeof(text));
		return 1;
	}
	puts(text);
	return 0;
}
