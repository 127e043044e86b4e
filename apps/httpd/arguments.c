// SPDX-License-Identifier: MIT
/* httpd's command line (see httpd_parse_arguments in httpd.h), parsed without getopt, whose
 * position is process-wide: two servers may be started at once. */
#include <stdlib.h>
#include <string.h>
#include "httpd.h"

static const char usage[] =
    "Usage: httpd [-p PORT] [-r ROOT] [--write] [-t THREADS]\n"
    "Serves ROOT (default /) over HTTP on PORT (default 80), IPv4 and IPv6, until Ctrl-C:\n"
    "files (Range, If-Modified-Since) and directory listings, /metrics (the kernel's counters,\n"
    "Prometheus text format) and /debug/threads (every thread's stack).\n"
    "  -p PORT      TCP port (1-65535)\n"
    "  -r ROOT      the folder served; paths never leave it\n"
    "  --write      allow PUT (create or replace a file) and DELETE under ROOT\n"
    "  -t THREADS   connections served at once (1-256, default 16)\n";

static bool parse_number(const char *text, long low, long high, int *value)
{
	char *end;
	long number;

	if (!text || !*text)
		return false;
	number = strtol(text, &end, 10);
	if (*end || number < low || number > high)
		return false;
	*value = (int)number;
	return true;
}

int httpd_parse_arguments(int argc, char **argv, struct httpd_options *options, FILE *out,
			  FILE *err)
{
	for (int i = 1; i < argc; i++) {
		const char *argument = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argument, "--help") || !strcmp(argument, "-h")) {
			fputs(usage, out);
			return 1;
		} else if (!strcmp(argument, "--write")) {
			options->writable = true;
		} else if (!strcmp(argument, "-p")) {
			if (!parse_number(value, 1, 65535, &options->port)) {
				fprintf(err, "httpd: -p needs a port from 1 to 65535\n");
				return 2;
			}
			i++;
		} else if (!strcmp(argument, "-t")) {
			if (!parse_number(value, 1, 256, &options->threads)) {
				fprintf(err, "httpd: -t needs a number of threads from 1 to 256\n");
				return 2;
			}
			i++;
		} else if (!strcmp(argument, "-r")) {
			if (!value || !*value) {
				fprintf(err, "httpd: -r needs a folder\n");
				return 2;
			}
			options->root = value;
			i++;
		} else {
			fprintf(err, "httpd: unknown argument '%s'\n%s", argument, usage);
			return 2;
		}
	}
	return 0;
}
