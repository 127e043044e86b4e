// SPDX-License-Identifier: MIT
/* HTTP/1.x responses for wget (apps/shell/commands/http.c): the status line and the headers
 * that matter to a download, and a decoder of the chunked transfer coding. Pure, unit-tested
 * on the host (tests/unit/test_shell_network.c). */
#ifndef YOLK_SHELL_COMMANDS_HTTP_H
#define YOLK_SHELL_COMMANDS_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_HEAD_MAX	  16384
#define HTTP_LOCATION_MAX 2048

struct http_response {
	int status;			  /* 200 */
	char reason[64];		  /* "OK" */
	int64_t content_length;		  /* -1 when the response has none */
	bool chunked;			  /* Transfer-Encoding: chunked */
	char location[HTTP_LOCATION_MAX]; /* empty when none */
};

/* The end of the head in BUFFER (LENGTH bytes): the offset of the body's first byte, just
 * after the blank line (CR LF CR LF, or bare LF LF), or 0 when the head is not complete. */
size_t http_head_length(const char *buffer, size_t length);
/* Parses a response head (LENGTH bytes, its blank line included) into RESPONSE; NULL, or
 * why it is not HTTP. */
const char *http_parse_head(const char *head, size_t length, struct http_response *response);
/* Whether a response to a GET with this status has a body at all (not 1xx, 204, 304). */
bool http_status_has_body(int status);

/* The chunked transfer coding, decoded in place as bytes arrive. */
struct http_chunked {
	int state;
	uint64_t remaining; /* of the current chunk's data */
	unsigned digits;    /* of its size so far */
};

enum { HTTP_CHUNKED_MORE = 0, HTTP_CHUNKED_DONE = 1, HTTP_CHUNKED_ERROR = -1 };

void http_chunked_init(struct http_chunked *decoder);
/* Decodes the *LENGTH bytes of BUFFER: the body's data moves to its start and *LENGTH becomes
 * their count; *USED is how many input bytes were taken (all of them unless the body ended
 * inside BUFFER: then what follows is not the body's). HTTP_CHUNKED_MORE (more input
 * wanted), HTTP_CHUNKED_DONE (the last chunk and the trailers were read) or
 * HTTP_CHUNKED_ERROR (not the chunked coding). */
int http_chunked_decode(struct http_chunked *decoder, char *buffer, size_t *length, size_t *used);

#endif
