// SPDX-License-Identifier: MIT
/* A session's variables: a growing array of "NAME=VALUE" strings (see variables.h). */
#include "variables.h"
#include <stdlib.h>
#include <string.h>

static char **find(const struct shell_variables *variables, const char *name, size_t length)
{
	for (size_t i = 0; i < variables->count; i++)
		if (!strncmp(variables->entries[i], name, length) &&
		    variables->entries[i][length] == '=')
			return &variables->entries[i];
	return NULL;
}

static int add(struct shell_variables *variables, char *entry)
{
	if (variables->count + 1 >= variables->capacity) {
		size_t capacity = variables->capacity * 2 + 16;
		char **bigger = realloc(variables->entries, capacity * sizeof(*bigger));

		if (!bigger)
			return -1;
		variables->entries = bigger;
		variables->capacity = capacity;
	}
	variables->entries[variables->count++] = entry;
	variables->entries[variables->count] = NULL;
	return 0;
}

static int set_entry(struct shell_variables *variables, const char *entry)
{
	const char *equals = strchr(entry, '=');

	if (!equals || equals == entry)
		return 0; /* not a variable: ignored, as a shell ignores it in its environment */
	return variables_set(variables, entry, (size_t)(equals - entry), equals + 1);
}

int variables_init(struct shell_variables *variables, char *const *from, char *const *extra)
{
	*variables = (struct shell_variables){0};
	if (add(variables, NULL))
		return -1;
	variables->count = 0;
	for (; from && *from; from++)
		if (set_entry(variables, *from))
			return -1;
	for (; extra && *extra; extra++)
		if (set_entry(variables, *extra))
			return -1;
	return 0;
}

void variables_free(struct shell_variables *variables)
{
	for (size_t i = 0; i < variables->count; i++)
		free(variables->entries[i]);
	free(variables->entries);
	*variables = (struct shell_variables){0};
}

const char *variables_get(const struct shell_variables *variables, const char *name)
{
	size_t length = strlen(name);
	char **entry = find(variables, name, length);

	return entry ? *entry + length + 1 : NULL;
}

int variables_set(struct shell_variables *variables, const char *name, size_t length,
		  const char *value)
{
	char *entry = malloc(length + strlen(value) + 2);
	char **slot = find(variables, name, length);

	if (!entry)
		return -1;
	memcpy(entry, name, length);
	entry[length] = '=';
	strcpy(entry + length + 1, value);
	if (slot) {
		free(*slot);
		*slot = entry;
		return 0;
	}
	if (add(variables, entry)) {
		free(entry);
		return -1;
	}
	return 0;
}

void variables_unset(struct shell_variables *variables, const char *name)
{
	char **slot = find(variables, name, strlen(name));

	if (!slot)
		return;
	free(*slot);
	size_t index = (size_t)(slot - variables->entries);
	memmove(slot, slot + 1, (variables->count - index) * sizeof(*slot)); /* with the NULL */
	variables->count--;
}
