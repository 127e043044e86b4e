// SPDX-License-Identifier: MIT
/* wget [-O FILE] [-q] URL: an HTTP/1.1 GET of an http:// URL (a name, an IPv4 or an [IPv6]
 * literal host, a port, a path), following up to 5 redirects, the body (Content-Length,
 * chunked, or up to the connection's end) written to FILE: by default the URL's last path
 * part (index.html when it has none), "-" for standard output. Messages and a progress line
 * for bodies over 1 MiB go to stderr (-q: errors only). A body shorter than its length, a
 * chunked body cut off, an HTTP error ("server returned 404 Not Found") or a failed connection
 * end it with status 1. The URL and HTTP parsing is url.c's and http.c's. */
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include "../command.h"
#include "http.h"
#include "network.h"
#include "url.h"

#define MAX_REDIRECTS	   5
#define BUFFER_SIZE	   65536
#define CONNECT_TIMEOUT_MS 30000
#define READ_TIMEOUT_S	   60
#define PROGRESS_OVER	   (1 << 20)

struct wget {
	const char *output; /* -O */
	bool quiet;
	struct url url;
	int fd;
	struct http_response response;
	char *buffer;	 /* the head, then the body as it comes */
	size_t buffered; /* bytes of the body already in the buffer after the head */
	FILE *out;	 /* the file being written */
	char name[URL_PATH_MAX];
	uint64_t received;    /* body bytes written */
	double last_progress; /* when the progress line was last drawn */
};

static void say(const struct wget *wget, const char *format, const char *text)
{
	if (!wget->quiet)
		fprintf(stderr, format, text);
}

/* Reads what comes next into BUFFER; the count, 0 at the end, -1 (reported) on an error. */
static ssize_t receive(int fd, char *buffer, size_t size)
{
	for (;;) {
		ssize_t count = recv(fd, buffer, size, 0);
		if (count >= 0)
			return count;
		if (errno == EINTR && !command_interrupted())
			continue;
		if (!command_interrupted())
			fprintf(stderr, "wget: read: %s\n",
				errno == EAGAIN ? "timed out" : strerror(errno));
		return -1;
	}
}

static int connect_to(struct wget *wget)
{
	char port[8];
	struct timeval timeout = {READ_TIMEOUT_S, 0};

	snprintf(port, sizeof(port), "%u", wget->url.port);
	if (!wget->quiet)
		fprintf(stderr, "Connecting to %s%s%s:%s... ", wget->url.ipv6 ? "[" : "",
			wget->url.host, wget->url.ipv6 ? "]" : "", port);
	struct addrinfo *addresses =
	    network_resolve("wget", wget->url.host, port, AF_UNSPEC, SOCK_STREAM);
	if (!addresses)
		return -1;
	wget->fd = network_connect("wget", addresses, wget->url.host, port, 0, CONNECT_TIMEOUT_MS);
	freeaddrinfo(addresses);
	if (wget->fd < 0)
		return -1;
	setsockopt(wget->fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
	say(wget, "%s\n", "connected.");
	return 0;
}

static int send_request(struct wget *wget)
{
	char host[URL_HOST_MAX + 16];
	int length;

	url_host_header(&wget->url, host, sizeof(host));
	length = snprintf(wget->buffer, BUFFER_SIZE,
			  "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: Wget (Yolk)\r\n"
			  "Accept: */*\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n",
			  wget->url.path, host);
	if (send(wget->fd, wget->buffer, (size_t)length, MSG_NOSIGNAL) != length) {
		fprintf(stderr, "wget: send: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* Reads and parses the response's head; the body's first bytes stay in the buffer. */
static int read_head(struct wget *wget)
{
	size_t length = 0, head = 0;
	const char *error;

	say(wget, "%s", "HTTP request sent, awaiting response... ");
	while (!(head = http_head_length(wget->buffer, length))) {
		if (length == HTTP_HEAD_MAX) {
			fprintf(stderr, "wget: the response's head is over %d bytes\n",
				HTTP_HEAD_MAX);
			return -1;
		}
		ssize_t count = receive(wget->fd, wget->buffer + length, HTTP_HEAD_MAX - length);
		if (count <= 0) {
			if (!count)
				fprintf(stderr, "wget: the server closed the connection without a "
						"response\n");
			return -1;
		}
		length += (size_t)count;
	}
	if ((error = http_parse_head(wget->buffer, head, &wget->response))) {
		fprintf(stderr, "wget: %s\n", error);
		return -1;
	}
	if (!wget->quiet)
		fprintf(stderr, "%d %s\n", wget->response.status, wget->response.reason);
	wget->buffered = length - head;
	memmove(wget->buffer, wget->buffer + head, wget->buffered);
	return 0;
}

static bool is_redirect(int status)
{
	return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* Requests the URL, and the URLs it redirects to; 0 with a 2xx response's head read. */
static int request(struct wget *wget)
{
	for (int redirects = 0;; redirects++) {
		if (connect_to(wget) || send_request(wget) || read_head(wget))
			return -1;
		int status = wget->response.status;
		if (!is_redirect(status) || !wget->response.location[0])
			break;
		if (redirects == MAX_REDIRECTS) {
			fprintf(stderr, "wget: more than %d redirects\n", MAX_REDIRECTS);
			return -1;
		}
		struct url next;
		const char *error = url_resolve(&wget->url, wget->response.location, &next);
		if (error) {
			fprintf(stderr, "wget: redirect to %s: %s\n", wget->response.location,
				error);
			return -1;
		}
		say(wget, "Location: %s [following]\n", wget->response.location);
		wget->url = next;
		close(wget->fd);
		wget->fd = -1;
	}
	if (wget->response.status < 200 || wget->response.status > 299) {
		fprintf(stderr, "wget: server returned %d %s\n", wget->response.status,
			wget->response.reason);
		return -1;
	}
	return 0;
}

static double now_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* "name  45%  1.4 MiB of 3.0 MiB", redrawn at most 5 times a second, and at the end. */
static void progress(struct wget *wget, bool last)
{
	int64_t total = wget->response.content_length;
	double now = now_seconds();

	if (wget->quiet || (total >= 0 ? total : (int64_t)wget->received) <= PROGRESS_OVER ||
	    (!last && now - wget->last_progress < 0.2))
		return;
	wget->last_progress = now;
	if (total > 0)
		fprintf(stderr, "\r%s %3d%% %7.1f MiB of %.1f MiB", wget->name,
			(int)(wget->received * 100 / (uint64_t)total),
			(double)wget->received / (1 << 20), (double)total / (1 << 20));
	else
		fprintf(stderr, "\r%s %7.1f MiB", wget->name, (double)wget->received / (1 << 20));
	fprintf(stderr, last ? "\n" : "");
	fflush(stderr);
}

/* Writes LENGTH body bytes from the buffer. */
static int write_body(struct wget *wget, size_t length)
{
	if (fwrite(wget->buffer, 1, length, wget->out) != length) {
		fprintf(stderr, "wget: %s: %s\n", wget->name, strerror(errno));
		return -1;
	}
	wget->received += length;
	progress(wget, false);
	return 0;
}

/* The body's bytes from the buffer (LENGTH of them, just read), decoded when chunked; 1 when
 * the body is complete, 0 when more is wanted, -1 on an error. */
static int take(struct wget *wget, struct http_chunked *chunks, size_t length)
{
	int64_t total = wget->response.content_length;

	if (wget->response.chunked) {
		size_t used;
		int result = http_chunked_decode(chunks, wget->buffer, &length, &used);
		if (result == HTTP_CHUNKED_ERROR) {
			fprintf(stderr, "wget: a bad chunk in the chunked body\n");
			return -1;
		}
		return write_body(wget, length) ? -1 : result == HTTP_CHUNKED_DONE;
	}
	if (total >= 0 && (uint64_t)length > (uint64_t)total - wget->received)
		length = (size_t)((uint64_t)total - wget->received);
	if (write_body(wget, length))
		return -1;
	return total >= 0 && wget->received == (uint64_t)total;
}

/* The body, to the end its framing gives; -1 (reported) when it is cut short. */
static int read_body(struct wget *wget)
{
	struct http_chunked chunks;
	int64_t total = wget->response.content_length;
	int done = total == 0 || !http_status_has_body(wget->response.status);
	ssize_t count = (ssize_t)wget->buffered;

	http_chunked_init(&chunks);
	if (!done && count > 0)
		done = take(wget, &chunks, (size_t)count);
	while (!done && (count = receive(wget->fd, wget->buffer, BUFFER_SIZE)) > 0)
		done = take(wget, &chunks, (size_t)count);
	progress(wget, true);
	if (done < 0 || count < 0)
		return -1;
	if (!done && wget->response.chunked) {
		fprintf(stderr, "wget: the connection closed within the chunked body\n");
		return -1;
	}
	if (!done && total >= 0) {
		fprintf(stderr, "wget: the connection closed after %llu of %lld bytes\n",
			(unsigned long long)wget->received, (long long)total);
		return -1;
	}
	return 0;
}

static int save(struct wget *wget)
{
	bool to_stdout = !strcmp(wget->name, "-");
	int64_t total = wget->response.content_length;

	if (total >= 0 && !wget->quiet)
		fprintf(stderr, "Length: %lld\n", (long long)total);
	wget->out = to_stdout ? stdout : fopen(wget->name, "w");
	if (!wget->out) {
		fprintf(stderr, "wget: %s: %s\n", wget->name, strerror(errno));
		return -1;
	}
	say(wget, "Saving to: '%s'\n", to_stdout ? "STDOUT" : wget->name);
	int result = read_body(wget);
	if ((to_stdout ? fflush(wget->out) : fclose(wget->out)) && !result) {
		fprintf(stderr, "wget: %s: %s\n", wget->name, strerror(errno));
		result = -1;
	}
	if (!result && !wget->quiet)
		fprintf(stderr, "'%s' saved [%llu]\n", to_stdout ? "STDOUT" : wget->name,
			(unsigned long long)wget->received);
	return result;
}

int wget_main(int argc, char **argv)
{
	struct wget wget = {.fd = -1};
	int option, status = 1;

	while ((option = getopt(argc, argv, "O:q")) != -1) {
		if (option == '?')
			return 2;
		if (option == 'O')
			wget.output = optarg;
		else
			wget.quiet = true;
	}
	if (argc - optind != 1) {
		fprintf(stderr, "wget: usage: wget [-O FILE] [-q] URL\n");
		return 2;
	}
	const char *error = url_parse(argv[optind], &wget.url);
	if (error) {
		fprintf(stderr, "wget: %s: %s\n", argv[optind], error);
		return 1;
	}
	if (wget.output)
		snprintf(wget.name, sizeof(wget.name), "%s", wget.output);
	else
		url_file_name(&wget.url, wget.name, sizeof(wget.name));
	if (!(wget.buffer = malloc(BUFFER_SIZE))) {
		fprintf(stderr, "wget: out of memory\n");
		return 1;
	}
	if (!request(&wget) && !save(&wget))
		status = 0;
	if (wget.fd >= 0)
		close(wget.fd);
	free(wget.buffer);
	return command_interrupted() ? 130 : status;
}
