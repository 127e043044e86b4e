// SPDX-License-Identifier: MIT
/* printf FORMAT [ARGUMENT...]: ARGUMENTs formatted by FORMAT (%s %b %c %d %i %u %o %x %X %e %f %g
 * %%, with flags, width and precision; backslash escapes), the format used again while
 * arguments are left, as coreutils does. */
#include <ctype.h>
#include "../command.h"

/* Prints the escape at *P (after the backslash); advances *P past it. */
static void print_escape(const char **p)
{
	static const char from[] = "\\abefnrtv\"", to[] = "\\\a\b\x1b\f\n\r\t\v\"";
	const char *known = strchr(from, **p);
	int value = 0, digits = 0;

	if (**p && known) {
		putchar(to[known - from]);
		(*p)++;
		return;
	}
	if (**p >= '0' && **p <= '7') {
		while (digits < 3 && **p >= '0' && **p <= '7')
			value = value * 8 + (*(*p)++ - '0'), digits++;
		putchar(value);
		return;
	}
	putchar('\\');
}

static long long integer_argument(const char *text, int *status)
{
	char *end;
	long long value;

	if (text[0] == '\'' || text[0] == '"')
		return (unsigned char)text[1];
	value = strtoll(text, &end, 0);
	if (*end || end == text) {
		if (*text)
			fprintf(stderr, "printf: %s: a number is needed\n", text);
		*status = 1;
	}
	return value;
}

/* One pass over FORMAT; returns how many arguments it took. */
static int format_once(const char *format, char **arguments, int count, int *status)
{
	int used = 0;

	for (const char *p = format; *p; p++) {
		if (*p == '\\') {
			p++;
			print_escape(&p);
			p--;
			continue;
		}
		if (*p != '%') {
			putchar(*p);
			continue;
		}
		if (p[1] == '%') {
			putchar('%');
			p++;
			continue;
		}
		char spec[32] = "%";
		size_t length = 1;

		while (*++p && strchr("-+ #0123456789.", *p) && length < sizeof(spec) - 4)
			spec[length++] = *p;
		const char *argument = used < count ? arguments[used] : "";
		char conversion = *p;

		if (!conversion)
			break;
		used += used < count;
		if (strchr("diouxX", conversion)) {
			spec[length++] = 'l';
			spec[length++] = 'l';
			spec[length++] = conversion;
			printf(spec, integer_argument(argument, status));
		} else if (strchr("eEfgG", conversion)) {
			spec[length++] = conversion;
			printf(spec, strtod(argument, NULL));
		} else if (conversion == 'c') {
			putchar(argument[0]);
		} else if (conversion == 'b') {
			for (const char *q = argument; *q; q++) {
				if (*q != '\\') {
					putchar(*q);
					continue;
				}
				q++;
				print_escape(&q);
				q--;
			}
		} else if (conversion == 's') {
			spec[length++] = 's';
			printf(spec, argument);
		} else {
			fprintf(stderr, "printf: %%%c: unknown conversion\n", conversion);
			*status = 1;
			return -1;
		}
	}
	return used;
}

int printf_main(int argc, char **argv)
{
	int status = 0, at = 2, used;

	if (argc < 2) {
		fprintf(stderr, "printf: usage: printf FORMAT [ARGUMENT...]\n");
		return 2;
	}
	do {
		used = format_once(argv[1], argv + at, argc - at, &status);
		at += used > 0 ? used : 0;
	} while (used > 0 && at < argc);
	return ferror(stdout) ? 1 : status;
}
