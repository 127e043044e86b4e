// SPDX-License-Identifier: MIT
/* hexdump [-C] [FILE...]: bytes in hexadecimal: 16-bit words by default, or with -C the
 * canonical form: offset, 16 bytes, and the printable ones between bars. */
#include <ctype.h>
#include "../command.h"
#include "common.h"

static void print_canonical(unsigned long offset, const unsigned char *bytes, size_t count)
{
	printf("%08lx ", offset);
	for (size_t i = 0; i < 16; i++) {
		if (i == 8)
			putchar(' ');
		if (i < count)
			printf(" %02x", bytes[i]);
		else
			printf("   ");
	}
	printf("  |");
	for (size_t i = 0; i < count; i++)
		putchar(isprint(bytes[i]) ? bytes[i] : '.');
	printf("|\n");
}

static void print_words(unsigned long offset, const unsigned char *bytes, size_t count)
{
	printf("%07lx", offset);
	for (size_t i = 0; i < count; i += 2)
		printf(" %02x%02x", i + 1 < count ? bytes[i + 1] : 0, bytes[i]);
	printf("\n");
}

int hexdump_main(int argc, char **argv)
{
	bool canonical = false;
	unsigned char line[16];
	unsigned long offset = 0;
	size_t filled = 0;
	int option, status = 0, c;

	while ((option = getopt(argc, argv, "C")) != -1) {
		if (option == '?')
			return 2;
		canonical = true;
	}
	int files = argc - optind;

	/* The files are one stream, as hexdump shows them. */
	for (int i = files ? optind : optind - 1; i < argc && !command_interrupted(); i++) {
		const char *path = files ? argv[i] : "-";
		FILE *file = common_open_input(path);

		if (!file) {
			fprintf(stderr, "hexdump: %s: %s\n", path, strerror(errno));
			status = 1;
			continue;
		}
		while (!command_interrupted() && (c = fgetc(file)) != EOF) {
			line[filled++] = (unsigned char)c;
			if (filled < 16)
				continue;
			(canonical ? print_canonical : print_words)(offset, line, filled);
			offset += filled;
			filled = 0;
		}
		common_close_input(file);
	}
	if (filled)
		(canonical ? print_canonical : print_words)(offset, line, filled);
	offset += filled;
	printf(canonical ? "%08lx\n" : "%07lx\n", offset);
	return ferror(stdout) ? 1 : status;
}
