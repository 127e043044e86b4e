// SPDX-License-Identifier: MIT
/* sort [-r] [-n] [-u] [FILE...]: the lines of the files (or standard input) in order: bytewise,
 * or numerically with -n; -r reverses, -u keeps one of equal lines. */
#include "../command.h"
#include "common.h"

struct sort_order {
	bool numeric, reverse;
};

static int compare_lines(const char *left, const char *right, const struct sort_order *order)
{
	int result;

	if (order->numeric) {
		double a = strtod(left, NULL), b = strtod(right, NULL);

		result = a < b ? -1 : a > b;
		if (!result)
			result = strcmp(left, right);
	} else {
		result = strcmp(left, right);
	}
	return order->reverse ? -result : result;
}

/* qsort's comparison has no context argument: the order is this thread's (commands run side
 * by side in pipelines). */
static __thread const struct sort_order *thread_order;

static int compare_for_qsort(const void *left, const void *right)
{
	return compare_lines(*(char *const *)left, *(char *const *)right, thread_order);
}

static int read_lines(FILE *file, char ***lines, size_t *count, size_t *capacity)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t length;

	while (!command_interrupted() && (length = getline(&line, &size, file)) >= 0) {
		if (length && line[length - 1] == '\n')
			line[length - 1] = 0;
		if (*count == *capacity) {
			size_t bigger = *capacity ? *capacity * 2 : 256;
			char **grown = realloc(*lines, bigger * sizeof(char *));

			if (!grown) {
				free(line);
				return -1;
			}
			*lines = grown;
			*capacity = bigger;
		}
		(*lines)[(*count)++] = line;
		line = NULL;
		size = 0;
	}
	free(line);
	return 0;
}

int sort_main(int argc, char **argv)
{
	struct sort_order order = {false, false};
	bool unique = false;
	char **lines = NULL;
	size_t count = 0, capacity = 0;
	int option, status = 0;

	while ((option = getopt(argc, argv, "rnu")) != -1) {
		if (option == '?')
			return 2;
		order.reverse |= option == 'r';
		order.numeric |= option == 'n';
		unique |= option == 'u';
	}
	int files = argc - optind;

	for (int i = files ? optind : optind - 1; i < argc; i++) {
		const char *path = files ? argv[i] : "-";
		FILE *file = common_open_input(path);

		if (!file || read_lines(file, &lines, &count, &capacity)) {
			fprintf(stderr, "sort: %s: %s\n", path, strerror(errno));
			status = 2;
		}
		common_close_input(file);
	}
	thread_order = &order;
	qsort(lines, count, sizeof(char *), compare_for_qsort);
	for (size_t i = 0; i < count; i++) {
		if (!unique || !i || compare_lines(lines[i - 1], lines[i], &order))
			if (puts(lines[i]) == EOF)
				status = 2;
	}
	for (size_t i = 0; i < count; i++)
		free(lines[i]);
	free(lines);
	return status;
}
