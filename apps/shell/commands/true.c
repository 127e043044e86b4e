// SPDX-License-Identifier: MIT
/* true and false: a status and nothing else. */
#include "../command.h"

int true_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	return 0;
}

int false_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	return 1;
}
