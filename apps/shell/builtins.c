// SPDX-License-Identifier: MIT
/* The builtins that act on the shell itself (listed in builtins.h; the job builtins are in
 * jobs.c): the working directory, the environment, leaving, history, scripts, timing, and the
 * help over the command table. */
#include <limits.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <time.h>
#include "commands.h"
#include "history.h"
#include "shell.h"
#include "command.h"

int cd_main(int argc, char **argv)
{
	const char *target = argc > 1 ? argv[1] : shell_variable("HOME");
	char path[PATH_MAX];

	if (argc > 2) {
		fprintf(stderr, "cd: too many arguments\n");
		return 2;
	}
	if (!target)
		target = "/";
	if (!strcmp(target, "-"))
		target = shell_variable("OLDPWD") ? shell_variable("OLDPWD") : ".";
	if (chdir(target)) {
		fprintf(stderr, "cd: %s: %s\n", target, strerror(errno));
		return 1;
	}
	if (shell_variable("PWD"))
		shell_set_variable("OLDPWD", shell_variable("PWD"));
	if (getcwd(path, sizeof(path)))
		shell_set_variable("PWD", path);
	return 0;
}

int pwd_main(int argc, char **argv)
{
	char path[PATH_MAX];

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "pwd: too many arguments\n");
		return 2;
	}
	if (!getcwd(path, sizeof(path))) {
		fprintf(stderr, "pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", path);
	return 0;
}

static bool valid_name(const char *name, size_t length)
{
	if (!length || (name[0] >= '0' && name[0] <= '9'))
		return false;
	for (size_t i = 0; i < length; i++)
		if (!(name[i] == '_' || (name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= 'A' && name[i] <= 'Z') || (name[i] >= '0' && name[i] <= '9')))
			return false;
	return true;
}

int env_main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr,
			"env: running a command with a changed environment is not supported\n");
		return 2;
	}
	for (char **variable = shell_session_current()->variables.entries; *variable; variable++)
		printf("%s\n", *variable);
	return 0;
}

int export_main(int argc, char **argv)
{
	int status = 0;

	if (argc == 1) {
		for (char **variable = shell_session_current()->variables.entries; *variable;
		     variable++)
			printf("export %s\n", *variable);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		char *equals = strchr(argv[i], '=');
		size_t length = equals ? (size_t)(equals - argv[i]) : strlen(argv[i]);

		if (!valid_name(argv[i], length)) {
			fprintf(stderr, "export: `%s': not a valid name\n", argv[i]);
			status = 1;
			continue;
		}
		if (!equals) {
			if (!shell_variable(argv[i]))
				shell_set_variable(argv[i], "");
			continue;
		}
		*equals = 0;
		shell_set_variable(argv[i], equals + 1);
		*equals = '=';
	}
	return status;
}

int unset_main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		variables_unset(&shell_session_current()->variables, argv[i]);
	return 0;
}

int exit_main(int argc, char **argv)
{
	char *end;

	if (argc > 2) {
		fprintf(stderr, "exit: too many arguments\n");
		return 2;
	}
	struct shell_state *shell = shell_state();

	shell->exit_requested = true;
	shell->exit_status = shell->last_status;
	if (argc == 2) {
		shell->exit_status = (int)strtol(argv[1], &end, 10) & 255;
		if (*end || end == argv[1]) {
			fprintf(stderr, "exit: %s: a number is needed\n", argv[1]);
			shell->exit_status = 2;
		}
	}
	return shell->exit_status;
}

/* The machine's, from any session: the image ends with status 0. */
int poweroff_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	fflush(NULL);
	sync();
	reboot(RB_POWER_OFF);
	fprintf(stderr, "poweroff: %s\n", strerror(errno));
	return 1;
}

int reboot_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	fflush(NULL);
	sync();
	reboot(RB_AUTOBOOT);
	fprintf(stderr, "reboot: %s\n", strerror(errno));
	return 1;
}

int history_main(int argc, char **argv)
{
	if (argc > 1) {
		fprintf(stderr, "history: %s: unknown option\n", argv[1]);
		return 2;
	}
	const struct shell_history *history = &shell_session_current()->history;

	for (size_t i = 0; i < history_count(history); i++)
		printf("%5zu  %s\n", i + 1, history_line(history, i));
	return 0;
}

int sh_main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "sh: usage: sh FILE [ARGUMENT...]\n");
		return 2;
	}
	return shell_run_file(argv[1], argc - 2, argv + 2);
}

static double seconds(struct timeval time)
{
	return (double)time.tv_sec + (double)time.tv_usec / 1e6;
}

int time_main(int argc, char **argv)
{
	struct timespec start, end;
	struct rusage before, after;
	size_t length = 1;
	char *line;
	int status;

	if (argc < 2) {
		fprintf(stderr, "time: usage: time COMMAND [ARGUMENT...]\n");
		return 2;
	}
	/* The command runs as a line of its own, quoted back word by word. */
	for (int i = 1; i < argc; i++)
		length += strlen(argv[i]) * 4 + 3;
	if (!(line = malloc(length)))
		return 1;
	line[0] = 0;
	for (int i = 1; i < argc; i++) {
		strcat(line, " '");
		for (char *c = argv[i]; *c; c++)
			strcat(line, *c == '\'' ? "'\\''" : (char[2]){*c, 0});
		strcat(line, "'");
	}
	getrusage(RUSAGE_SELF, &before);
	clock_gettime(CLOCK_MONOTONIC, &start);
	status = shell_run_line(line);
	clock_gettime(CLOCK_MONOTONIC, &end);
	getrusage(RUSAGE_SELF, &after);
	free(line);
	fprintf(stderr, "\nreal\t%.3fs\nuser\t%.3fs\nsys\t%.3fs\n",
		(double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9,
		seconds(after.ru_utime) - seconds(before.ru_utime),
		seconds(after.ru_stime) - seconds(before.ru_stime));
	return status;
}

int which_main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		const struct shell_command *command = shell_command_find(argv[i]);

		if (command)
			printf("%s: shell %s\n", argv[i],
			       command->in_shell ? "builtin" : "command");
		else
			status = 1;
	}
	return argc < 2 ? 2 : status;
}

int help_main(int argc, char **argv)
{
	const struct shell_command *command;

	if (argc > 1) {
		if (!(command = shell_command_find(argv[1]))) {
			fprintf(stderr, "help: no command called %s\n", argv[1]);
			return 1;
		}
		printf("usage: %s %s\n%s\n", command->name, command->usage, command->summary);
		return 0;
	}
	printf("Commands (NAME --help tells more):\n");
	for (size_t i = 0; (command = shell_command_at(i)); i++)
		printf("  %-10s %s\n", command->name, command->summary);
	printf(
	    "Line editing: arrows, home/end, ^A ^E ^K ^U ^W ^L, up/down for history, tab to "
	    "complete.\nSyntax: 'quotes' \"$VAR\" ; && || | < > >> 2> 2>&1 &  (^C interrupts)\n");
	return 0;
}

int clear_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("\x1b[H\x1b[2J");
	return 0;
}
