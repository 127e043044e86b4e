// SPDX-License-Identifier: MIT
/* httpd [-p PORT] [-r ROOT] [--write] [-t THREADS]: the HTTP server of apps/httpd, until
 * Ctrl-C (or `kill %N` when started with &). */
#include <time.h>
#include "../../httpd/httpd.h"
#include "../command.h"

int httpd_main(int argc, char **argv)
{
	struct httpd_options options;
	struct httpd *server;
	char error[256];
	int status;

	httpd_options_default(&options);
	if ((status = httpd_parse_arguments(argc, argv, &options, stdout, stderr)))
		return status == 1 ? 0 : status;
	options.log = stderr;
	if (!(server = httpd_start(&options, error, sizeof(error)))) {
		fprintf(stderr, "httpd: %s\n", error);
		return 1;
	}
	printf("httpd: serving %s on port %d%s\n", options.root, options.port,
	       options.writable ? " (PUT and DELETE allowed)" : " (read-only)");
	fflush(stdout);
	while (!command_interrupted()) {
		struct timespec second = {1, 0};
		nanosleep(&second, NULL);
	}
	httpd_stop(server);
	return 130;
}
