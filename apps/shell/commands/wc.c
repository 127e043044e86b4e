// SPDX-License-Identifier: MIT
/* wc [-l] [-w] [-c] [FILE...]: lines, words and bytes of each file (all three by default),
 * and a total line for several. */
#include <ctype.h>
#include "../command.h"
#include "common.h"

struct counts {
	unsigned long long lines, words, bytes;
};

static int count_file(FILE *file, struct counts *counts)
{
	char buffer[8192];
	bool in_word = false;
	ssize_t got;

	while ((got = read(fileno(file), buffer, sizeof(buffer))) != 0) {
		if (got < 0) {
			if (errno == EINTR && !command_interrupted())
				continue;
			return -1;
		}
		counts->bytes += (unsigned long long)got;
		for (ssize_t i = 0; i < got; i++) {
			bool space = isspace((unsigned char)buffer[i]);

			counts->lines += buffer[i] == '\n';
			counts->words += in_word && space;
			in_word = !space;
		}
	}
	counts->words += in_word;
	return 0;
}

static void print_counts(const struct counts *counts, const bool shown[3], const char *name)
{
	const unsigned long long values[3] = {counts->lines, counts->words, counts->bytes};
	/* Columns line up when there are several, or names; one count alone is just the number. */
	int width = name || shown[0] + shown[1] + shown[2] > 1 ? 7 : 0;
	bool first = true;

	for (int i = 0; i < 3; i++)
		if (shown[i]) {
			printf(first ? "%*llu" : " %*llu", width, values[i]);
			first = false;
		}
	printf(name ? " %s\n" : "\n", name);
}

int wc_main(int argc, char **argv)
{
	bool shown[3] = {false, false, false};
	struct counts total = {0};
	int option, status = 0;

	while ((option = getopt(argc, argv, "lwc")) != -1) {
		if (option == '?')
			return 2;
		shown[option == 'l' ? 0 : option == 'w' ? 1 : 2] = true;
	}
	if (!shown[0] && !shown[1] && !shown[2])
		shown[0] = shown[1] = shown[2] = true;
	int files = argc - optind;

	for (int i = files ? optind : optind - 1; i < argc; i++) {
		const char *path = files ? argv[i] : "-";
		FILE *file = common_open_input(path);
		struct counts counts = {0};

		if (!file || count_file(file, &counts)) {
			fprintf(stderr, "wc: %s: %s\n", path, strerror(errno));
			status = 1;
			common_close_input(file);
			continue;
		}
		common_close_input(file);
		print_counts(&counts, shown, files ? path : NULL);
		total.lines += counts.lines;
		total.words += counts.words;
		total.bytes += counts.bytes;
	}
	if (files > 1)
		print_counts(&total, shown, "total");
	return status;
}
