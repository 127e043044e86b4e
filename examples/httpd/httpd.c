// SPDX-License-Identifier: MIT
/* httpd as a program of its own (an image that is only a web server, or a Linux program: the
 * same source builds for both): `httpd [-p PORT] [-r ROOT] [--write] [-t THREADS]`, serving
 * until SIGINT or SIGTERM, through the library in apps/httpd (httpd.h). */
#include <signal.h>
#include <stdio.h>
#include "../../apps/httpd/httpd.h"

int main(int argc, char **argv)
{
	struct httpd_options options;
	struct httpd *server;
	sigset_t stops;
	char error[256];
	int status, signal_number;

	httpd_options_default(&options);
	if ((status = httpd_parse_arguments(argc, argv, &options, stdout, stderr)))
		return status == 1 ? 0 : status;
	options.log = stderr;
	/* Blocked before the server's threads exist, so they inherit it and sigwait gets them. */
	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	sigprocmask(SIG_BLOCK, &stops, NULL);
	if (!(server = httpd_start(&options, error, sizeof(error)))) {
		fprintf(stderr, "httpd: %s\n", error);
		return 1;
	}
	printf("httpd: serving %s on port %d%s\n", options.root, options.port,
	       options.writable ? " (PUT and DELETE allowed)" : " (read-only)");
	fflush(stdout);
	sigwait(&stops, &signal_number);
	httpd_stop(server);
	return 0;
}
