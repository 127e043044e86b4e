/* SPDX-License-Identifier: MIT */
/* Between the parts of httpd (apps/httpd): the server (httpd.c), its /metrics (metrics.c,
 * whose text comes from /proc files through an opener, so the host's unit test can give it
 * fixtures: tests/unit/test_httpd_metrics.c) and its /debug/threads (threads.c). */
#pragma once
#include <stddef.h>
#include <stdio.h>

struct mg_connection;
struct httpd;

/* Opens /proc/PATH (PATH without "/proc/") for reading; NULL when there is none. */
typedef FILE *(*httpd_proc_opener)(const char *path, void *context);

/* Writes the kernel's metrics in the Prometheus text format (families whose /proc file is
 * absent, such as the network's in an image without it, are left out). */
void httpd_write_kernel_metrics(FILE *out, httpd_proc_opener open_proc, void *context);
/* Writes a family's HELP and TYPE lines. */
void httpd_write_family(FILE *out, const char *name, const char *type, const char *help);
/* Writes a label value with the format's escapes (backslash, double quote, newline). */
void httpd_write_label_value(FILE *out, const char *value);

int httpd_send_response(struct mg_connection *connection, int status, const char *content_type,
			const char *extra_headers, const char *body, size_t length);
void httpd_send_text(struct mg_connection *connection, int status, const char *content_type,
		     const char *body, size_t length);
/* Closes OUT, an open_memstream over *text and *length, sends what it holds as a 200 (a 503
 * when memory ran out) and frees it; returns the status. */
int httpd_send_memstream(struct mg_connection *connection, FILE *out, char **text, size_t *length,
			 const char *content_type);
/* The handler of /debug/threads; returns the status it sent. */
int httpd_serve_threads(struct mg_connection *connection);
