// SPDX-License-Identifier: MIT
/* cowsay [WORDS...]: the words (or standard input's first line) said by a cow, as eggos had. */
#include "../command.h"

int cowsay_main(int argc, char **argv)
{
	char message[512] = "";
	size_t length = 0;

	for (int i = 1; i < argc && length < sizeof(message) - 1; i++)
		length += (size_t)snprintf(message + length, sizeof(message) - length, "%s%s",
					   i > 1 ? " " : "", argv[i]);
	if (argc == 1 && fgets(message, sizeof(message), stdin))
		message[strcspn(message, "\n")] = 0;
	if (!message[0])
		strcpy(message, "Moo. (Yolk)");
	length = strlen(message);
	printf(" ");
	for (size_t i = 0; i < length + 2; i++)
		putchar('_');
	printf("\n< %s >\n ", message);
	for (size_t i = 0; i < length + 2; i++)
		putchar('-');
	printf("\n        \\   ^__^\n         \\  (oo)\\_______\n            (__)\\       )\\/\\\n"
	       "                ||----w |\n                ||     ||\n");
	return ferror(stdout) ? 1 : 0;
}
