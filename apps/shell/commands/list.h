// SPDX-License-Identifier: MIT
/* Every shell command, once: COMMAND(name, usage, summary). The shell's table, its `help`, each
 * command's --help and tab completion come from this list. The commands that need the shell's
 * own state (cd, export, jobs, ...) are in apps/shell/ itself; the rest in commands/NAME.c. */
COMMAND(true, "", "do nothing, successfully")
COMMAND(false, "", "do nothing, unsuccessfully")
COMMAND(echo, "[WORD...]", "print words")
COMMAND(sleep, "SECONDS", "wait")
COMMAND(cat, "[FILE...]", "print files")
COMMAND(wc, "[-c]", "count")
