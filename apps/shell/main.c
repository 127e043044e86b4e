// SPDX-License-Identifier: MIT
/* ysh, the shell of Yolk's default image: `ysh` reads commands from the terminal with line
 * editing and history, `ysh -c TEXT` runs TEXT, `ysh FILE [ARGUMENT...]` runs a script. Its
 * exit status is the image's: `exit 3` powers the machine off with status 3. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "commands.h"
#include "history.h"
#include "jobs.h"
#include "line_editor.h"
#include "shell.h"

#define HOME	     "/root"
#define HISTORY_FILE HOME "/.history"

static void set_default_environment(void)
{
	setenv("HOME", HOME, 0);
	setenv("USER", "root", 0);
	setenv("SHELL", "ysh", 0);
	setenv("TERM", "vt100", 0);
	mkdir(HOME, 0700);
	if (chdir(getenv("HOME")))
		chdir("/");
	char path[PATH_MAX];

	if (getcwd(path, sizeof(path)))
		setenv("PWD", path, 1);
}

static void print_banner(void)
{
	struct utsname name;

	uname(&name);
	printf("\n%s %s (%s) - ysh, the Yolk shell. Type 'help' for the commands.\n", name.sysname,
	       name.release, name.machine);
}

static void format_prompt(char *prompt, size_t size)
{
	char path[PATH_MAX];

	if (!getcwd(path, sizeof(path)))
		strcpy(path, "?");
	snprintf(prompt, size, "root@yolk:%s# ", path);
}

static int interact(void)
{
	char prompt[PATH_MAX + 32];
	bool interrupted;
	char *line;

	history_load(HISTORY_FILE);
	print_banner();
	while (!shell.exit_requested) {
		jobs_report_finished();
		format_prompt(prompt, sizeof(prompt));
		fflush(stdout);
		line = line_editor_read(prompt, &interrupted);
		if (!line) {
			printf("exit\n");
			break;
		}
		if (interrupted)
			shell.last_status = 130;
		history_add(line);
		shell_run_line(line);
		free(line);
	}
	return shell.exit_requested ? shell.exit_status : shell.last_status;
}

int main(int argc, char **argv)
{
	set_default_environment();
	shell_command_find(""); /* sorts the table before any thread looks at it */
	if (jobs_init()) {
		fprintf(stderr, "ysh: cannot set up job control: %s\n", strerror(errno));
		return 1;
	}
	if (argc > 2 && !strcmp(argv[1], "-c")) {
		shell.positional = argv + 3;
		shell.positional_count = argc - 3;
		shell_run_line(argv[2]);
	} else if (argc > 1) {
		shell_run_file(argv[1], argc - 2, argv + 2);
	} else {
		return interact();
	}
	fflush(stdout);
	return shell.exit_requested ? shell.exit_status : shell.last_status;
}
