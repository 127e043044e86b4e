// SPDX-License-Identifier: MIT
/* The shell's command history: a bounded list of lines, mirrored to a file (see history.h). */
#include "history.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void remember(struct shell_history *history, const char *line)
{
	char *copy = strdup(line);

	if (!copy)
		return;
	if (history->count == HISTORY_LIMIT) {
		free(history->lines[0]);
		memmove(history->lines, history->lines + 1,
			(HISTORY_LIMIT - 1) * sizeof(history->lines[0]));
		history->count--;
	}
	history->lines[history->count++] = copy;
}

void history_load(struct shell_history *history, const char *path)
{
	FILE *file = fopen(path, "r");
	char *line = NULL;
	size_t size = 0;
	ssize_t length;

	free(history->file_path);
	history->file_path = strdup(path);
	if (!file)
		return;
	while ((length = getline(&line, &size, file)) > 0) {
		if (line[length - 1] == '\n')
			line[length - 1] = 0;
		if (line[0])
			remember(history, line);
	}
	free(line);
	fclose(file);
}

void history_add(struct shell_history *history, const char *line)
{
	if (!line[strspn(line, " \t")] ||
	    (history->count && !strcmp(history->lines[history->count - 1], line)))
		return;
	remember(history, line);
	if (!history->file_path)
		return;
	/* Appending each line as it comes keeps the file whole whichever way the session ends. */
	FILE *file = fopen(history->file_path, "a");

	if (file) {
		fprintf(file, "%s\n", line);
		fclose(file);
	}
}

size_t history_count(const struct shell_history *history)
{
	return history->count;
}

const char *history_line(const struct shell_history *history, size_t index)
{
	return index < history->count ? history->lines[index] : NULL;
}

void history_free(struct shell_history *history)
{
	for (size_t i = 0; i < history->count; i++)
		free(history->lines[i]);
	free(history->file_path);
	*history = (struct shell_history){0};
}
