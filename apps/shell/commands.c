// SPDX-License-Identifier: MIT
/* The table of everything the shell can run, built from commands/list.h and builtins.h and
 * kept in name order (see commands.h). */
#include "commands.h"
#include <stdlib.h>
#include <string.h>

#define COMMAND(name, usage, summary) int name##_main(int argc, char **argv);
#define COMMAND_ALIAS(alias, name)
#define SHELL_BUILTIN(name, usage, summary) int name##_main(int argc, char **argv);
#include "builtins.h"
#include "commands/list.h"
#undef COMMAND
#undef COMMAND_ALIAS
#undef SHELL_BUILTIN

static struct shell_command table[] = {
#define COMMAND(name, usage, summary)	    {#name, name##_main, usage, summary, false},
#define COMMAND_ALIAS(alias, name)	    {alias, name##_main, NULL, NULL, false},
#define SHELL_BUILTIN(name, usage, summary) {#name, name##_main, usage, summary, true},
#include "builtins.h"
#include "commands/list.h"
#undef COMMAND
#undef COMMAND_ALIAS
#undef SHELL_BUILTIN
};
#define TABLE_SIZE (sizeof(table) / sizeof(table[0]))

static int compare_names(const void *left, const void *right)
{
	return strcmp(((const struct shell_command *)left)->name,
		      ((const struct shell_command *)right)->name);
}

static void sort_once(void)
{
	static bool sorted;

	if (sorted)
		return;
	qsort(table, TABLE_SIZE, sizeof(table[0]), compare_names);
	/* An alias shows its command's usage. */
	for (size_t i = 0; i < TABLE_SIZE; i++)
		for (size_t j = 0; !table[i].usage && j < TABLE_SIZE; j++)
			if (table[j].usage && table[j].main == table[i].main) {
				table[i].usage = table[j].usage;
				table[i].summary = table[j].summary;
			}
	sorted = true;
}

const struct shell_command *shell_command_find(const char *name)
{
	struct shell_command key = {.name = name};

	sort_once();
	return bsearch(&key, table, TABLE_SIZE, sizeof(table[0]), compare_names);
}

const struct shell_command *shell_command_at(size_t index)
{
	sort_once();
	return index < TABLE_SIZE ? &table[index] : NULL;
}
