// SPDX-License-Identifier: MIT
/* Tab completion: candidates for the word under the cursor, from the command table or from a
 * directory listing (see completion.h). */
#include "completion.h"
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "commands.h"

static int add_candidate(struct completion *out, const char *prefix, size_t prefix_length,
			 const char *name, bool directory)
{
	char **candidates = realloc(out->candidates, (out->count + 1) * sizeof(char *));
	size_t length = prefix_length + strlen(name);
	char *candidate;

	if (!candidates)
		return -1;
	out->candidates = candidates;
	candidate = malloc(length + 2);
	if (!candidate)
		return -1;
	memcpy(candidate, prefix, prefix_length);
	strcpy(candidate + prefix_length, name);
	if (directory)
		strcpy(candidate + length, "/");
	out->candidates[out->count++] = candidate;
	return 0;
}

static int complete_command(const char *word, size_t length, struct completion *out)
{
	const struct shell_command *command;

	for (size_t i = 0; (command = shell_command_at(i)); i++)
		if (!strncmp(command->name, word, length) &&
		    add_candidate(out, "", 0, command->name, false))
			return -1;
	return 0;
}

static bool is_directory(const char *directory, const char *name)
{
	char path[4096];
	struct stat status;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", directory, name) >= sizeof(path))
		return false;
	return !stat(path, &status) && S_ISDIR(status.st_mode);
}

static int complete_path(const char *word, size_t length, struct completion *out)
{
	const char *slash = memrchr(word, '/', length);
	size_t directory_length = slash ? (size_t)(slash - word) + 1 : 0;
	const char *base = word + directory_length;
	size_t base_length = length - directory_length;
	char directory[4096];
	struct dirent *entry;
	DIR *listing;
	int result = 0;

	if (directory_length >= sizeof(directory))
		return 0;
	memcpy(directory, word, directory_length);
	directory[directory_length] = 0;
	listing = opendir(directory_length ? directory : ".");
	if (!listing)
		return 0;
	while (!result && (entry = readdir(listing))) {
		if (strncmp(entry->d_name, base, base_length) ||
		    (entry->d_name[0] == '.' && base[0] != '.') || !strcmp(entry->d_name, ".") ||
		    !strcmp(entry->d_name, ".."))
			continue;
		result =
		    add_candidate(out, word, directory_length, entry->d_name,
				  is_directory(directory_length ? directory : ".", entry->d_name));
	}
	closedir(listing);
	return result;
}

static int compare_strings(const void *left, const void *right)
{
	return strcmp(*(char *const *)left, *(char *const *)right);
}

/* True when the word starting at START is a command's name: first on the line or after an
 * operator. */
static bool in_command_position(const char *line, size_t start)
{
	while (start > 0 && (line[start - 1] == ' ' || line[start - 1] == '\t'))
		start--;
	return start == 0 || strchr("|&;", line[start - 1]);
}

int completion_find(const char *line, size_t cursor, struct completion *out)
{
	size_t start = cursor;

	memset(out, 0, sizeof(*out));
	while (start > 0 && !strchr(" \t|&;<>", line[start - 1]))
		start--;
	out->word_start = start;
	const char *word = line + start;
	size_t length = cursor - start;
	bool command = in_command_position(line, start) && !memchr(word, '/', length);

	if (command ? complete_command(word, length, out) : complete_path(word, length, out)) {
		completion_free(out);
		return -1;
	}
	if (!out->count)
		return 0;
	qsort(out->candidates, out->count, sizeof(char *), compare_strings);
	out->common_length = strlen(out->candidates[0]);
	for (size_t i = 1; i < out->count; i++) {
		size_t same = 0;

		while (same < out->common_length &&
		       out->candidates[i][same] == out->candidates[0][same])
			same++;
		out->common_length = same;
	}
	return 0;
}

void completion_free(struct completion *completion)
{
	for (size_t i = 0; i < completion->count; i++)
		free(completion->candidates[i]);
	free(completion->candidates);
	memset(completion, 0, sizeof(*completion));
}
