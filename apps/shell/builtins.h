// SPDX-License-Identifier: MIT
/* The builtins that need the shell's own state (apps/shell/builtins.c and jobs.c), once:
 * SHELL_BUILTIN(name, usage, summary). Alone in the foreground they run on the shell's thread,
 * so `cd`, `export` and `exit` act on the shell itself. */
SHELL_BUILTIN(cd, "[DIRECTORY]", "change the working directory (default $HOME)")
SHELL_BUILTIN(pwd, "", "print the working directory")
SHELL_BUILTIN(export, "[NAME[=VALUE]...]", "set environment variables, or list them")
SHELL_BUILTIN(unset, "NAME...", "remove environment variables")
SHELL_BUILTIN(env, "", "print the environment")
SHELL_BUILTIN(exit, "[STATUS]", "leave the shell and power off with STATUS (default $?)")
SHELL_BUILTIN(poweroff, "", "power off (exit status 0)")
SHELL_BUILTIN(reboot, "", "restart the machine")
SHELL_BUILTIN(history, "[-c]", "list the command history (-c: forget it)")
SHELL_BUILTIN(sh, "FILE [ARGUMENT...]", "run the commands in FILE, with $1... set")
SHELL_BUILTIN(time, "COMMAND [ARGUMENT...]", "run COMMAND and print the time it took")
SHELL_BUILTIN(which, "NAME...", "say what each NAME is")
SHELL_BUILTIN(help, "[COMMAND]", "list the commands, or show how to use one")
SHELL_BUILTIN(clear, "", "clear the screen")
SHELL_BUILTIN(jobs, "", "list background jobs")
SHELL_BUILTIN(fg, "[%JOB]", "bring a background job to the foreground")
SHELL_BUILTIN(wait, "[%JOB...]", "wait for background jobs to finish")
SHELL_BUILTIN(kill, "[-SIGNAL] %JOB|TID...", "interrupt a job, or send a signal to a thread")
