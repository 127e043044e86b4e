// SPDX-License-Identifier: MIT
/* The shell's command history: a bounded list of lines, mirrored to a file (see history.h). */
#include "history.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *lines[HISTORY_LIMIT];
static size_t count;
static char *file_path;

static void remember(const char *line)
{
	char *copy = strdup(line);

	if (!copy)
		return;
	if (count == HISTORY_LIMIT) {
		free(lines[0]);
		memmove(lines, lines + 1, (HISTORY_LIMIT - 1) * sizeof(lines[0]));
		count--;
	}
	lines[count++] = copy;
}

void history_load(const char *path)
{
	FILE *file = fopen(path, "r");
	char *line = NULL;
	size_t size = 0;
	ssize_t length;

	free(file_path);
	file_path = strdup(path);
	if (!file)
		return;
	while ((length = getline(&line, &size, file)) > 0) {
		if (line[length - 1] == '\n')
			line[length - 1] = 0;
		if (line[0])
			remember(line);
	}
	free(line);
	fclose(file);
}

void history_add(const char *line)
{
	if (!line[strspn(line, " \t")] || (count && !strcmp(lines[count - 1], line)))
		return;
	remember(line);
	if (!file_path)
		return;
	/* Appending each line as it comes keeps the file whole whichever way the session ends. */
	FILE *file = fopen(file_path, "a");

	if (file) {
		fprintf(file, "%s\n", line);
		fclose(file);
	}
}

size_t history_count(void)
{
	return count;
}

const char *history_line(size_t index)
{
	return index < count ? lines[index] : NULL;
}
