// SPDX-License-Identifier: MIT
/* HTTP/1.x responses (see http.h). */
#include "http.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

size_t http_head_length(const char *buffer, size_t length)
{
	/* The head ends at the first empty line; a line ends with LF, perhaps after CR. */
	for (size_t i = 0; i < length; i++) {
		if (buffer[i] != '\n')
			continue;
		if (i + 1 < length && buffer[i + 1] == '\n')
			return i + 2;
		if (i + 2 < length && buffer[i + 1] == '\r' && buffer[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* One line of LENGTH bytes (without its line end), copied with its trailing blanks cut. */
static void copy_trimmed(char *out, size_t size, const char *text, size_t length)
{
	while (length && (*text == ' ' || *text == '\t'))
		text++, length--;
	while (length && (text[length - 1] == ' ' || text[length - 1] == '\t'))
		length--;
	if (length >= size)
		length = size - 1;
	memcpy(out, text, length);
	out[length] = '\0';
}

static const char *parse_status_line(const char *line, size_t length,
				     struct http_response *response)
{
	char text[128];
	int status;

	copy_trimmed(text, sizeof(text), line, length);
	if (strncmp(text, "HTTP/1.", 7) || text[7] < '0' || text[7] > '9' || text[8] != ' ')
		return "not an HTTP/1.x response";
	if (sscanf(text + 9, "%3d", &status) != 1 || status < 100 || status > 999 ||
	    (text[12] && text[12] != ' '))
		return "a bad status line";
	response->status = status;
	copy_trimmed(response->reason, sizeof(response->reason), text + 12, strlen(text + 12));
	return NULL;
}

static const char *parse_content_length(const char *value, struct http_response *response)
{
	int64_t length = 0;

	if (!*value)
		return "an empty Content-Length";
	for (const char *digit = value; *digit; digit++) {
		if (*digit < '0' || *digit > '9' || length > (INT64_MAX - 9) / 10)
			return "a bad Content-Length";
		length = length * 10 + (*digit - '0');
	}
	if (response->content_length >= 0 && response->content_length != length)
		return "two different Content-Lengths";
	response->content_length = length;
	return NULL;
}

/* NAME: VALUE, LENGTH bytes. */
static const char *parse_header(const char *line, size_t length, struct http_response *response)
{
	const char *colon = memchr(line, ':', length);
	char value[HTTP_LOCATION_MAX];

	if (!colon || colon == line)
		return "a bad header line";
	size_t name = (size_t)(colon - line);
	copy_trimmed(value, sizeof(value), colon + 1, length - name - 1);
	if (name == 14 && !strncasecmp(line, "Content-Length", name))
		return parse_content_length(value, response);
	if (name == 17 && !strncasecmp(line, "Transfer-Encoding", name)) {
		/* The last coding applied is the one to undo first: only chunked is handled. */
		size_t last = strlen(value);
		while (last && value[last - 1] != ',' && value[last - 1] != ' ')
			last--;
		if (!strcasecmp(value + last, "chunked"))
			response->chunked = true;
		else if (strcasecmp(value, "identity"))
			return "an unsupported Transfer-Encoding";
	} else if (name == 8 && !strncasecmp(line, "Location", name)) {
		snprintf(response->location, sizeof(response->location), "%s", value);
	}
	return NULL;
}

const char *http_parse_head(const char *head, size_t length, struct http_response *response)
{
	const char *line = head, *end = head + length;
	const char *error = NULL;

	memset(response, 0, sizeof(*response));
	response->content_length = -1;
	for (bool first = true; line < end && !error; first = false) {
		const char *newline = memchr(line, '\n', (size_t)(end - line));
		size_t line_length = newline ? (size_t)(newline - line) : (size_t)(end - line);
		if (line_length && line[line_length - 1] == '\r')
			line_length--;
		if (!line_length)
			break; /* the blank line */
		error = first ? parse_status_line(line, line_length, response)
			      : parse_header(line, line_length, response);
		line = newline ? newline + 1 : end;
	}
	if (!error && !response->status)
		error = "an empty response";
	/* A chunked body's own framing wins over a Content-Length (RFC 9112, 6.3). */
	if (response->chunked)
		response->content_length = -1;
	return error;
}

bool http_status_has_body(int status)
{
	return status >= 200 && status != 204 && status != 304;
}

enum chunked_state {
	CHUNK_SIZE,	    /* hex digits */
	CHUNK_EXTENSION,    /* ";name=value" up to the line end */
	CHUNK_SIZE_LF,	    /* the LF after the size line's CR */
	CHUNK_DATA,	    /* `remaining` bytes of data */
	CHUNK_DATA_CR,	    /* the CR LF after the data */
	CHUNK_DATA_LF,	    /* its LF */
	CHUNK_TRAILER,	    /* the start of a trailer line (or of the final blank line) */
	CHUNK_TRAILER_LINE, /* within a trailer line */
	CHUNK_FINAL_LF,	    /* the LF of the final blank line */
	CHUNK_DONE,
};

void http_chunked_init(struct http_chunked *decoder)
{
	memset(decoder, 0, sizeof(*decoder));
	decoder->state = CHUNK_SIZE;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The end of a size line: a chunk's data follows, or the trailers after the last one. */
static int size_line_ended(struct http_chunked *decoder)
{
	if (!decoder->digits)
		return HTTP_CHUNKED_ERROR;
	decoder->state = decoder->remaining ? CHUNK_DATA : CHUNK_TRAILER;
	return HTTP_CHUNKED_MORE;
}

/* One framing byte C (not chunk data). */
static int framing_byte(struct http_chunked *decoder, char c)
{
	switch (decoder->state) {
	case CHUNK_SIZE:
		if (hex_value(c) >= 0) {
			if (decoder->remaining >> 59 || ++decoder->digits > 16)
				return HTTP_CHUNKED_ERROR;
			decoder->remaining = decoder->remaining * 16 + (uint64_t)hex_value(c);
			return HTTP_CHUNKED_MORE;
		}
		if (c == ';' || c == ' ' || c == '\t') {
			decoder->state = CHUNK_EXTENSION;
			return HTTP_CHUNKED_MORE;
		}
		/* fall through */
	case CHUNK_EXTENSION:
		if (c == '\r') {
			decoder->state = CHUNK_SIZE_LF;
			return HTTP_CHUNKED_MORE;
		}
		if (c == '\n')
			return size_line_ended(decoder);
		return decoder->state == CHUNK_EXTENSION ? HTTP_CHUNKED_MORE : HTTP_CHUNKED_ERROR;
	case CHUNK_SIZE_LF:
		return c == '\n' ? size_line_ended(decoder) : HTTP_CHUNKED_ERROR;
	case CHUNK_DATA_CR:
		if (c == '\n') {
			decoder->state = CHUNK_SIZE;
			decoder->digits = 0;
			return HTTP_CHUNKED_MORE;
		}
		decoder->state = CHUNK_DATA_LF;
		return c == '\r' ? HTTP_CHUNKED_MORE : HTTP_CHUNKED_ERROR;
	case CHUNK_DATA_LF:
		decoder->state = CHUNK_SIZE;
		decoder->digits = 0;
		return c == '\n' ? HTTP_CHUNKED_MORE : HTTP_CHUNKED_ERROR;
	case CHUNK_TRAILER:
		decoder->state = c == '\r' ? CHUNK_FINAL_LF : CHUNK_TRAILER_LINE;
		if (c == '\n')
			decoder->state = CHUNK_DONE;
		return decoder->state == CHUNK_DONE ? HTTP_CHUNKED_DONE : HTTP_CHUNKED_MORE;
	case CHUNK_TRAILER_LINE:
		if (c == '\n')
			decoder->state = CHUNK_TRAILER;
		return HTTP_CHUNKED_MORE;
	case CHUNK_FINAL_LF:
		if (c != '\n')
			return HTTP_CHUNKED_ERROR;
		decoder->state = CHUNK_DONE;
		return HTTP_CHUNKED_DONE;
	}
	return HTTP_CHUNKED_ERROR;
}

int http_chunked_decode(struct http_chunked *decoder, char *buffer, size_t *length, size_t *used)
{
	size_t in = 0, out = 0, total = *length;
	int result = decoder->state == CHUNK_DONE ? HTTP_CHUNKED_DONE : HTTP_CHUNKED_MORE;

	while (in < total && result == HTTP_CHUNKED_MORE) {
		if (decoder->state == CHUNK_DATA) {
			size_t take = total - in;
			if (take > decoder->remaining)
				take = (size_t)decoder->remaining;
			memmove(buffer + out, buffer + in, take);
			in += take;
			out += take;
			decoder->remaining -= take;
			if (!decoder->remaining)
				decoder->state = CHUNK_DATA_CR;
			continue;
		}
		result = framing_byte(decoder, buffer[in++]);
	}
	*length = out;
	*used = in;
	return result;
}
