// SPDX-License-Identifier: MIT
/* /debug/threads: every thread's name, state, CPU time and symbolized stack, as text (what
 * eggos's pprof goroutine dump showed), from the kernel's /proc/stacks: a header line per
 * thread ("TID STATE CPU_NS NAME"), its frames, and an empty line. */
#include <civetweb.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "httpd_internal.h"

static void write_threads(FILE *out, FILE *stacks)
{
	char line[512], state, name[64];
	unsigned long long cpu_ns;
	int id, threads = 0;

	while (fgets(line, sizeof(line), stacks)) {
		if (line[0] == ' ' || line[0] == '\n') { /* a frame, or the end of a thread */
			fputs(line, out);
			continue;
		}
		name[0] = 0;
		if (sscanf(line, "%d %c %llu %63[^\n]", &id, &state, &cpu_ns, name) < 3)
			continue;
		threads++;
		fprintf(out, "thread %d \"%s\" %s, CPU time %.3f s:\n", id, name,
			state == 'R'   ? "runnable"
			: state == 'S' ? "sleeping"
				       : "dead",
			(double)cpu_ns / 1e9);
	}
	fprintf(out, "%d threads\n", threads);
}

int httpd_serve_threads(struct mg_connection *connection)
{
	char *text = NULL;
	size_t length = 0;
	FILE *stacks = fopen("/proc/stacks", "r"), *out;

	if (!stacks) {
		mg_send_http_error(connection, 404, "/proc/stacks: %s", strerror(errno));
		return 404;
	}
	if (!(out = open_memstream(&text, &length))) {
		fclose(stacks);
		mg_send_http_error(connection, 503, "out of memory");
		return 503;
	}
	write_threads(out, stacks);
	fclose(stacks);
	return httpd_send_memstream(connection, out, &text, &length, "text/plain; charset=utf-8");
}
