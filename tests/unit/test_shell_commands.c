/* The shell's command runtime (apps/shell/command_runtime.c), on the host: getopt's POSIX
 * behaviour with per-command state, exit() ending only the command, and the command's own
 * streams. Commands written against command.h run here as they do in Yolk. */
#include <stdio.h>
#include <string.h>
#include "apps/shell/command_runtime.h"
#include "tests/unit/unit.h"
#include "apps/shell/command.h"

/* A command that records what getopt gives it: "a" "b:" options, then the operands. */
static char seen[128];

static int options_command(int argc, char **argv)
{
	int option;

	seen[0] = 0;
	opterr = 0;
	while ((option = getopt(argc, argv, ":ab:")) != -1) {
		char item[32];

		if (option == 'b')
			snprintf(item, sizeof(item), "b=%s,", optarg);
		else if (option == '?' || option == ':')
			snprintf(item, sizeof(item), "%c%c,", option, optopt);
		else
			snprintf(item, sizeof(item), "%c,", option);
		strcat(seen, item);
	}
	for (int i = optind; i < argc; i++) {
		strcat(seen, "[");
		strcat(seen, argv[i]);
		strcat(seen, "]");
	}
	return 0;
}

static const char *run_options(int argc, char **argv)
{
	struct command_streams streams = {stdin, stdout, stderr};

	command_run(options_command, &streams, argc, argv);
	return seen;
}

#define ARGV(...)    ((char *[]){__VA_ARGS__, NULL})
#define COUNT(...)   ((int)(sizeof((char *[]){__VA_ARGS__}) / sizeof(char *)))
#define OPTIONS(...) run_options(COUNT(__VA_ARGS__), ARGV(__VA_ARGS__))

TEST(command_getopt_follows_posix_and_starts_afresh_each_run)
{
	CHECK(!strcmp(OPTIONS("x", "-a", "-b", "1", "file"), "a,b=1,[file]"));
	/* A second run starts at the first argument again (its own state). */
	CHECK(!strcmp(OPTIONS("x", "-ab2", "--", "-a"), "a,b=2,[-a]"));
	CHECK(!strcmp(OPTIONS("x", "-z", "-b"), "?z,:b,"));
	CHECK(!strcmp(OPTIONS("x", "file", "-a"), "[file][-a]"));
	CHECK(!strcmp(OPTIONS("x", "-", "-a"), "[-][-a]"));
}

static int exits_with_seven(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("before exit\n");
	exit(7);
}

TEST(command_exit_ends_the_command_not_the_process)
{
	char output[64] = "";
	FILE *out = fmemopen(output, sizeof(output), "w");
	struct command_streams streams = {stdin, out, stderr};

	CHECK_EQ(command_run(exits_with_seven, &streams, 1, ARGV("seven")), 7);
	fclose(out);
	CHECK(!strcmp(output, "before exit\n"));
}

static int reports_an_error(int argc, char **argv)
{
	(void)argc, (void)argv;
	errno = ENOENT;
	perror("missing");
	fprintf(stderr, "%s\n", command_interrupted() ? "interrupted" : "not interrupted");
	return 2;
}

TEST(command_streams_are_the_commands_own)
{
	char errors[128] = "";
	FILE *error_stream = fmemopen(errors, sizeof(errors), "w");
	struct command_streams streams = {stdin, stdout, error_stream};

	command_set_interrupted(); /* before the run: command_run starts it afresh */
	CHECK_EQ(command_run(reports_an_error, &streams, 1, ARGV("x")), 2);
	fclose(error_stream);
	CHECK(!strcmp(errors, "missing: No such file or directory\nnot interrupted\n"));
}
