// SPDX-License-Identifier: MIT
/* The server object (see httpd.h): CivetWeb's context configured from the options, the
 * handlers of /metrics and /debug/threads, the methods that change files (PUT, DELETE: only
 * with options.writable, else 405), and the count of responses by status code. */
#include "httpd.h"
#include <civetweb.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "httpd_internal.h"

#define STATUS_CODES 600

struct httpd {
	struct mg_context *context;
	bool writable;
	FILE *log;
	char root[PATH_MAX];
	atomic_ulong responses[STATUS_CODES]; /* by status code; [0] counts codes out of range */
};

void httpd_options_default(struct httpd_options *options)
{
	*options = (struct httpd_options){.port = 80, .root = "/", .threads = 16};
}

unsigned long httpd_responses(const struct httpd *server, int status)
{
	return status > 0 && status < STATUS_CODES ? atomic_load(&server->responses[status]) : 0;
}

static struct httpd *server_of(const struct mg_connection *connection)
{
	return mg_get_user_data(mg_get_context(connection));
}

static void end_request(const struct mg_connection *connection, int status)
{
	struct httpd *server = server_of(connection);

	atomic_fetch_add(&server->responses[status > 0 && status < STATUS_CODES ? status : 0], 1);
}

static int log_message(const struct mg_connection *connection, const char *message)
{
	struct httpd *server = connection ? server_of(connection) : NULL;

	if (server && server->log)
		fprintf(server->log, "httpd: %s\n", message);
	return 1; /* handled: CivetWeb writes nothing itself */
}

/* A whole response with a text body, and keep-alive as the client asked; extra_headers are
 * more "Name: value\r\n" lines, or NULL. CivetWeb's response-header calls record the status
 * for end_request (and so for /metrics). */
int httpd_send_response(struct mg_connection *connection, int status, const char *content_type,
			const char *extra_headers, const char *body, size_t length)
{
	char length_text[24];

	snprintf(length_text, sizeof(length_text), "%zu", length);
	mg_response_header_start(connection, status);
	mg_response_header_add(connection, "Content-Type", content_type, -1);
	mg_response_header_add(connection, "Content-Length", length_text, -1);
	mg_response_header_add(connection, "Cache-Control", "no-cache", -1);
	if (extra_headers)
		mg_response_header_add_lines(connection, extra_headers);
	mg_response_header_send(connection);
	if (strcmp(mg_get_request_info(connection)->request_method, "HEAD"))
		mg_write(connection, body, length);
	return status;
}

void httpd_send_text(struct mg_connection *connection, int status, const char *content_type,
		     const char *body, size_t length)
{
	(void)httpd_send_response(connection, status, content_type, NULL, body, length);
}

int httpd_send_memstream(struct mg_connection *connection, FILE *out, char **text, size_t *length,
			 const char *content_type)
{
	int status = fclose(out) ? 503 : 200;

	if (status == 200)
		httpd_send_text(connection, 200, content_type, *text, *length);
	else
		mg_send_http_error(connection, 503, "out of memory");
	free(*text);
	return status;
}

static int send_not_allowed(struct mg_connection *connection)
{
	static const char body[] = "405 Method Not Allowed: this server is read-only "
				   "(httpd --write allows PUT and DELETE)\n";

	return httpd_send_response(connection, 405, "text/plain", "Allow: GET, HEAD, OPTIONS\r\n",
				   body, sizeof(body) - 1);
}

/* ROOT joined with the request's path, which CivetWeb has decoded and cleaned of dot segments
 * (local_uri): it starts with '/' and has no "..". False when it would not fit. */
static bool file_path(const struct httpd *server, const struct mg_request_info *request, char *path,
		      size_t size)
{
	const char *uri = request->local_uri;
	size_t root_length = strlen(server->root);

	if (!uri || uri[0] != '/' || strstr(uri, "/../") ||
	    (strlen(uri) >= 3 && !strcmp(uri + strlen(uri) - 3, "/..")))
		return false;
	if (root_length && server->root[root_length - 1] == '/')
		root_length--;
	return (size_t)snprintf(path, size, "%.*s%s", (int)root_length, server->root, uri) < size;
}

static int send_status(struct mg_connection *connection, int status, const char *message)
{
	char body[256];
	int length = snprintf(body, sizeof(body), "%d %s: %s\n", status,
			      mg_get_response_code_text(connection, status), message);

	return httpd_send_response(connection, status, "text/plain", NULL, body, (size_t)length);
}

/* PUT: the request's body becomes the file (made, or replaced), through a temporary name so a
 * broken upload leaves the old file as it was. */
static int put_file(struct mg_connection *connection, const char *path)
{
	char temporary[PATH_MAX + 16], buffer[16384];
	struct stat status;
	bool existed = !stat(path, &status);
	int file, got = 0;

	if (existed && S_ISDIR(status.st_mode))
		return send_status(connection, 409, "a directory is there");
	if ((size_t)snprintf(temporary, sizeof(temporary), "%s.upload-%p", path,
			     (void *)connection) >= sizeof(temporary))
		return send_status(connection, 414, "path too long");
	if ((file = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
		return send_status(connection, errno == ENOENT ? 404 : 403, strerror(errno));
	while ((got = mg_read(connection, buffer, sizeof(buffer))) > 0)
		if (write(file, buffer, (size_t)got) != got) {
			got = -2;
			break;
		}
	if (close(file) || got < 0 || rename(temporary, path)) {
		unlink(temporary);
		return send_status(connection, got == -1 ? 400 : 500,
				   got == -1 ? "the body ended early" : strerror(errno));
	}
	return send_status(connection, existed ? 200 : 201, existed ? "replaced" : "created");
}

static int delete_file(struct mg_connection *connection, const char *path)
{
	struct stat status;

	if (lstat(path, &status))
		return send_status(connection, 404, strerror(errno));
	if ((S_ISDIR(status.st_mode) ? rmdir(path) : unlink(path)))
		return send_status(connection, errno == ENOTEMPTY ? 409 : 403, strerror(errno));
	return send_status(connection, 200, "deleted");
}

static bool method_is(const struct mg_request_info *request, const char *method)
{
	return !strcmp(request->request_method, method);
}

/* Digits only, and few enough to be a number (CivetWeb reads an overflowing length as the
 * largest one). A missing header is valid. */
static bool valid_content_length(const char *value)
{
	size_t digits = value ? strspn(value, "0123456789") : 0;

	return !value || (digits > 0 && digits <= 18 && !value[digits]);
}

/* CivetWeb 1.15 answers a byte range that starts past the end of the file, or ends before it
 * starts, with a negative Content-Length; such a range is answered here, as RFC 9110 says: 416
 * with the file's size. True when the request can go on to CivetWeb. */
static bool range_satisfiable(struct mg_connection *connection, const struct httpd *server,
			      const struct mg_request_info *request)
{
	const char *range = mg_get_header(connection, "Range");
	unsigned long long first, last;
	char path[PATH_MAX], body[128], header[64];
	struct stat status;
	int fields, length;

	if (!range || strncmp(range, "bytes=", 6) || !isdigit((unsigned char)range[6]) ||
	    (fields = sscanf(range + 6, "%llu-%llu", &first, &last)) < 1 ||
	    !file_path(server, request, path, sizeof(path)) || stat(path, &status) ||
	    !S_ISREG(status.st_mode))
		return true;
	if (first < (unsigned long long)status.st_size && (fields == 1 || last >= first))
		return true;
	length =
	    snprintf(body, sizeof(body), "416 Range Not Satisfiable: the file has %lld bytes\n",
		     (long long)status.st_size);
	snprintf(header, sizeof(header), "Content-Range: bytes */%lld\r\n",
		 (long long)status.st_size);
	httpd_send_response(connection, 416, "text/plain", header, body, (size_t)length);
	return false;
}

/* Every request comes here first: 0 lets CivetWeb answer it, a status code says it was answered
 * here (CivetWeb passes it to end_request). */
static int begin_request(struct mg_connection *connection)
{
	const struct mg_request_info *request = mg_get_request_info(connection);
	struct httpd *server = server_of(connection);
	bool reads = method_is(request, "GET") || method_is(request, "HEAD") ||
		     method_is(request, "OPTIONS");
	char path[PATH_MAX];

	/* CivetWeb keeps MG_MAX_HEADERS header fields and drops the rest without a word: a request
	 * that reached the limit may have lost some, so it is refused. */
	if (request->num_headers >= MG_MAX_HEADERS)
		return send_status(connection, 431, "too many header fields (at most 63)");
	if (!valid_content_length(mg_get_header(connection, "Content-Length")))
		return send_status(connection, 400, "bad Content-Length");
	if (reads)
		return range_satisfiable(connection, server, request) ? 0 : 416;
	if (!server->writable || !(method_is(request, "PUT") || method_is(request, "DELETE")))
		return send_not_allowed(connection);
	if (!file_path(server, request, path, sizeof(path)))
		return send_status(connection, 400, "bad path");
	return method_is(request, "PUT") ? put_file(connection, path)
					 : delete_file(connection, path);
}

/* /metrics: the kernel's families (metrics.c), then this server's responses. */
static FILE *open_proc_file(const char *path, void *context)
{
	char full[128];

	(void)context;
	snprintf(full, sizeof(full), "/proc/%s", path);
	return fopen(full, "r");
}

static int serve_metrics(struct mg_connection *connection, struct httpd *server)
{
	char *text = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&text, &length);

	if (!out) {
		mg_send_http_error(connection, 503, "out of memory");
		return 503;
	}
	httpd_write_kernel_metrics(out, open_proc_file, NULL);
	httpd_write_family(out, "httpd_responses_total", "counter",
			   "Responses this server sent, by status code.");
	for (int status = 100; status < 600; status++) { /* those sent before this one */
		unsigned long count = httpd_responses(server, status);
		if (count)
			fprintf(out, "httpd_responses_total{code=\"%d\"} %lu\n", status, count);
	}
	return httpd_send_memstream(connection, out, &text, &length,
				    "text/plain; version=0.0.4; charset=utf-8");
}

static int metrics_handler(struct mg_connection *connection, void *context)
{
	return serve_metrics(connection, context);
}

static int threads_handler(struct mg_connection *connection, void *context)
{
	(void)context;
	return httpd_serve_threads(connection);
}

struct httpd *httpd_start(const struct httpd_options *options, char *error, size_t error_size)
{
	struct httpd *server = calloc(1, sizeof(*server));
	char port[32], threads[16];
	struct stat root;
	unsigned code = 0;

	if (!server) {
		snprintf(error, error_size, "out of memory");
		return NULL;
	}
	if (stat(options->root, &root) || !S_ISDIR(root.st_mode) ||
	    !realpath(options->root, server->root)) {
		snprintf(error, error_size, "%s: %s", options->root,
			 errno ? strerror(errno) : "not a directory");
		free(server);
		return NULL;
	}
	/* CivetWeb joins root and path ("/" + "/" is "//") and drops a directory's trailing
	 * slashes before its index files are looked for, which leaves nothing of "//". */
	if (!strcmp(server->root, "/"))
		strcpy(server->root, "/.");
	server->writable = options->writable;
	server->log = options->log;
	/* "+PORT": one IPv6 socket that takes IPv4 too (dual stack). */
	snprintf(port, sizeof(port), "+%d", options->port);
	snprintf(threads, sizeof(threads), "%d", options->threads > 0 ? options->threads : 16);
	const char *configuration[] = {"document_root",
				       server->root,
				       "listening_ports",
				       port,
				       "num_threads",
				       threads,
				       "enable_keep_alive",
				       "yes", /* HTTP/1.1's default, not CivetWeb's */
				       "keep_alive_timeout_ms",
				       "5000", /* between requests on one connection */
				       "request_timeout_ms",
				       "10000", /* a client that stops speaking is dropped */
				       "enable_directory_listing",
				       "yes",
				       "tcp_nodelay",
				       "1",
				       "decode_url",
				       "yes",
				       "enable_auth_domain_check",
				       "no",
				       NULL};
	struct mg_callbacks callbacks = {
	    .begin_request = begin_request,
	    .end_request = end_request,
	    .log_message = log_message,
	};
	struct mg_init_data init = {&callbacks, server, configuration};
	struct mg_error_data failure = {&code, error, error_size};

	error[0] = 0;
	if (!(server->context = mg_start2(&init, &failure))) {
		if (!error[0])
			snprintf(error, error_size, "CivetWeb did not start (error %u)", code);
		free(server);
		return NULL;
	}
	mg_set_request_handler(server->context, "/metrics$", metrics_handler, server);
	mg_set_request_handler(server->context, "/debug/threads$", threads_handler, server);
	return server;
}

void httpd_stop(struct httpd *server)
{
	if (!server)
		return;
	mg_stop(server->context);
	free(server);
}
