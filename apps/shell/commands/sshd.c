// SPDX-License-Identifier: MIT
/* sshd [-p PORT] [-k DIRECTORY] [-a FILE] [--password-file FILE] [-g SECONDS] [-v]: the SSH
 * server (apps/sshd) in the foreground (`sshd &` for the background), each login a shell
 * session of its own. `sshd --hash-password` reads a password from standard input and prints
 * the line for a password file. docs/sshd.md has the details. */
#include "../../sshd/sshd.h"
#include "../session.h"
#include "../command.h"

/* A login: a ysh session on the login's terminal or pipes, interactive for a shell request,
 * as `ysh -c` for an exec. */
static int run_shell_session(const struct sshd_session *session)
{
	struct shell_session_options options = {
	    .input = session->input,
	    .output = session->output,
	    .error = session->error,
	    .command = session->command,
	    .environment = session->environment,
	    .banner = session->command == NULL,
	};

	return shell_session_run(&options);
}

static int usage(void)
{
	fprintf(stderr, "sshd: usage: sshd [-p PORT] [-k HOST-KEY-DIRECTORY] [-a AUTHORIZED-KEYS] "
			"[--password-file FILE] [-g LOGIN-GRACE-SECONDS] [-v], or sshd "
			"--hash-password\n");
	return 2;
}

static int print_hash(void)
{
	char password[1024], hash[256];
	size_t length;

	if (!fgets(password, sizeof(password), stdin)) {
		fprintf(stderr, "sshd: --hash-password: no password on standard input\n");
		return 1;
	}
	length = strlen(password);
	if (length && password[length - 1] == '\n')
		password[--length] = '\0';
	if (!length) {
		fprintf(stderr, "sshd: --hash-password: the password is empty\n");
		return 1;
	}
	int result = sshd_password_hash(password, hash, sizeof(hash));

	if (result) {
		fprintf(stderr, "sshd: --hash-password: %s\n", strerror(-result));
		return 1;
	}
	printf("%s\n", hash);
	return 0;
}

static bool parse_number(const char *text, int low, int high, int *value)
{
	char *end;
	long number = strtol(text, &end, 10);

	if (!*text || *end || number < low || number > high)
		return false;
	*value = (int)number;
	return true;
}

/* The value of the option at ARGV[*INDEX], moving past it; NULL (reported) when missing. */
static const char *value_of(int argc, char **argv, int *index)
{
	if (*index + 1 >= argc) {
		fprintf(stderr, "sshd: %s needs a value\n", argv[*index]);
		return NULL;
	}
	return argv[++*index];
}

static bool is_valued_option(const char *option)
{
	static const char *const names[] = {"-p", "-k", "-a", "-g", "--password-file"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(option, names[i]) == 0)
			return true;
	return false;
}

static int parse_options(int argc, char **argv, struct sshd_options *options)
{
	for (int i = 1; i < argc; i++) {
		const char *option = argv[i], *value = NULL;

		if (strcmp(option, "-v") == 0) {
			options->verbose = true;
			continue;
		}
		if (strcmp(option, "--hash-password") == 0)
			return argc == 2 ? 1 : usage();
		if (!is_valued_option(option))
			return usage();
		if (!(value = value_of(argc, argv, &i)))
			return 2;
		if (strcmp(option, "-p") == 0 && !parse_number(value, 1, 65535, &options->port))
			return fprintf(stderr, "sshd: invalid port '%s'\n", value), 2;
		else if (strcmp(option, "-g") == 0 &&
			 !parse_number(value, 1, 3600, &options->login_grace_seconds))
			return fprintf(stderr, "sshd: invalid login grace '%s'\n", value), 2;
		else if (strcmp(option, "-k") == 0)
			options->host_key_directory = value;
		else if (strcmp(option, "-a") == 0)
			options->authorized_keys = value;
		else if (strcmp(option, "--password-file") == 0)
			options->password_file = value;
	}
	return 0;
}

int sshd_main(int argc, char **argv)
{
	struct sshd_options options = {.run_session = run_shell_session, .log = stderr};
	int result = parse_options(argc, argv, &options);

	if (result == 1)
		return print_hash();
	if (result)
		return result;
	return sshd_serve(&options) ? 1 : 0;
}
