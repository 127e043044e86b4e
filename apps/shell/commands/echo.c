// SPDX-License-Identifier: MIT
/* echo [-n] [-e] [WORD...]: the words, separated by spaces; -n: no newline; -e: backslash
 * escapes (\n \t \\ \a \b \e \f \r \v \0NNN \xHH, \c stops all output). */
#include "../command.h"

/* Prints WORD with its escapes; false after \c. */
static bool print_escaped(const char *word)
{
	for (const char *p = word; *p; p++) {
		if (*p != '\\' || !p[1]) {
			putchar(*p);
			continue;
		}
		static const char from[] = "ntabefrv\\", to[] = "\n\t\a\b\x1b\f\r\v\\";
		const char *escape = strchr(from, *++p);
		int value = 0, digits = 0;

		if (escape) {
			putchar(to[escape - from]);
		} else if (*p == 'c') {
			return false;
		} else if (*p == '0') {
			while (digits < 3 && p[1] >= '0' && p[1] <= '7')
				value = value * 8 + (*++p - '0'), digits++;
			putchar(value);
		} else if (*p == 'x' && strchr("0123456789abcdefABCDEF", p[1]) && p[1]) {
			while (digits < 2 && p[1] && strchr("0123456789abcdefABCDEF", p[1])) {
				char c = *++p;
				value = value * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
				digits++;
			}
			putchar(value);
		} else {
			putchar('\\');
			putchar(*p);
		}
	}
	return true;
}

int echo_main(int argc, char **argv)
{
	bool newline = true, escapes = false;
	int i = 1;

	/* Options only as the leading words, and only -n/-e combinations (like coreutils). */
	for (; i < argc && argv[i][0] == '-' && argv[i][1] &&
	       strspn(argv[i] + 1, "neE") == strlen(argv[i] + 1);
	     i++)
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'n')
				newline = false;
			else
				escapes = *o == 'e';
		}
	for (int first = i; i < argc; i++) {
		if (i > first)
			putchar(' ');
		if (!escapes)
			fputs(argv[i], stdout);
		else if (!print_escaped(argv[i]))
			return ferror(stdout) ? 1 : 0;
	}
	if (newline)
		putchar('\n');
	return ferror(stdout) ? 1 : 0;
}
