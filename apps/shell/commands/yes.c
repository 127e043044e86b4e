// SPDX-License-Identifier: MIT
/* yes [WORD...]: the words (or "y") on a line, again and again, until the reader goes away
 * (EPIPE) or Ctrl-C. */
#include "../command.h"

int yes_main(int argc, char **argv)
{
	while (!command_interrupted()) {
		for (int i = 1; i < argc; i++)
			printf("%s%s", argv[i], i + 1 < argc ? " " : "");
		if (puts(argc > 1 ? "" : "y") == EOF)
			return 1;
	}
	return 130;
}
