/* SPDX-License-Identifier: MIT */
/* httpd: an HTTP server over CivetWeb (third_party/civetweb) that serves the file tree, the
 * kernel's counters as Prometheus metrics and the threads' stacks. A library: every server is
 * an object (no process-wide state of ours), so one image can run several, from the shell's
 * `httpd` command (apps/shell/commands/httpd.c) or from any C program:
 *
 *     struct httpd_options options;
 *     httpd_options_default(&options);      // port 80, root "/", read-only
 *     options.port = 8080;
 *     char error[256];
 *     struct httpd *server = httpd_start(&options, error, sizeof(error));
 *     if (!server) fprintf(stderr, "httpd: %s\n", error);
 *     ...
 *     httpd_stop(server);
 *
 * What it serves (CivetWeb's own file handling: Range, If-Modified-Since, Content-Type by
 * extension, directory listings, sendfile):
 *   /PATH           the file or directory ROOT/PATH (never outside ROOT: CivetWeb removes the
 *                   dot segments of the decoded path before it is joined to ROOT); read-only
 *                   unless options.writable, which allows PUT (create or replace a file) and
 *                   DELETE
 *   /metrics        the kernel's counters and the server's requests by status code, in the
 *                   Prometheus text exposition format 0.0.4 (apps/httpd/metrics.c)
 *   /debug/threads  every thread's name, state, CPU time and symbolized stack (/proc/stacks) */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct httpd_options {
	int port;	  /* TCP port, IPv4 and IPv6 (default 80) */
	const char *root; /* the folder served (default "/"); copied by httpd_start */
	bool writable;	  /* allow PUT and DELETE under root (default false) */
	int threads;	  /* worker threads: connections served at once (default 16) */
	FILE *log;	  /* CivetWeb's error messages, or NULL for none (default NULL) */
};

struct httpd;

void httpd_options_default(struct httpd_options *options);

/* Parses the command line `httpd [-p PORT] [-r ROOT] [--write] [-t THREADS]` into options
 * (which hold pointers into argv). Returns 0, 1 for --help (usage written to out), or 2 for a
 * bad argument (a message written to err). Keeps no state (no getopt). */
int httpd_parse_arguments(int argc, char **argv, struct httpd_options *options, FILE *out,
			  FILE *err);

/* Starts a server: it listens before this returns, and serves on its own threads. NULL on
 * failure, with the reason in error (a port taken, a root that is no folder, no memory). */
struct httpd *httpd_start(const struct httpd_options *options, char *error, size_t error_size);

/* Stops accepting, waits for the requests in progress and frees the server. */
void httpd_stop(struct httpd *server);

/* The server's count of responses with this status code so far (for tests and /metrics). */
unsigned long httpd_responses(const struct httpd *server, int status);
