// SPDX-License-Identifier: MIT
/* http:// URLs (see url.h). */
#include "url.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *parse_port(const char *text, size_t length, unsigned *port)
{
	unsigned value = 0;

	if (!length)
		return "empty port";
	for (size_t i = 0; i < length; i++) {
		if (text[i] < '0' || text[i] > '9')
			return "bad port";
		value = value * 10 + (unsigned)(text[i] - '0');
		if (value > 65535)
			return "bad port";
	}
	if (!value)
		return "bad port";
	*port = value;
	return NULL;
}

/* HOST[:PORT] or [V6]:PORT, LENGTH bytes of it. */
static const char *parse_authority(const char *text, size_t length, struct url *url)
{
	const char *host = text, *port = NULL;
	size_t host_length;

	if (memchr(text, '@', length))
		return "user names in URLs are not supported";
	if (length && text[0] == '[') {
		const char *close = memchr(text, ']', length);
		if (!close)
			return "no ']' after an IPv6 address";
		host = text + 1;
		host_length = (size_t)(close - host);
		if (close + 1 < text + length) {
			if (close[1] != ':')
				return "bad text after ']'";
			port = close + 2;
		}
		url->ipv6 = true;
	} else {
		const char *colon = memchr(text, ':', length);
		host_length = colon ? (size_t)(colon - text) : length;
		port = colon ? colon + 1 : NULL;
	}
	if (!host_length)
		return "no host";
	if (host_length >= sizeof(url->host))
		return "host name too long";
	memcpy(url->host, host, host_length);
	url->host[host_length] = '\0';
	url->port = 80;
	return port ? parse_port(port, (size_t)(text + length - port), &url->port) : NULL;
}

/* The path from TEXT, without a fragment, "/" first. */
static const char *set_path(struct url *url, const char *text)
{
	size_t length = strcspn(text, "#");
	bool slash = text[0] == '/';

	if (length + !slash >= sizeof(url->path))
		return "path too long";
	snprintf(url->path, sizeof(url->path), "%s%.*s", slash ? "" : "/", (int)length, text);
	return NULL;
}

const char *url_parse(const char *text, struct url *url)
{
	const char *scheme_end = strstr(text, "://");

	memset(url, 0, sizeof(*url));
	if (scheme_end && (size_t)(scheme_end - text) < strcspn(text, "/?#")) {
		if (scheme_end - text == 5 && !strncasecmp(text, "https", 5))
			return "https:// is not supported (no TLS): use http://";
		if (scheme_end - text != 4 || strncasecmp(text, "http", 4))
			return "only http:// URLs are supported";
		text = scheme_end + 3;
	}
	size_t authority = strcspn(text, "/?#");
	const char *error = parse_authority(text, authority, url);
	return error ? error : set_path(url, text + authority);
}

const char *url_resolve(const struct url *base, const char *location, struct url *result)
{
	if (!*location)
		return "an empty Location";
	if (strstr(location, "://") &&
	    strstr(location, "://") < location + strcspn(location, "/?#"))
		return url_parse(location, result);
	if (location[0] == '/' && location[1] == '/') {
		char absolute[URL_HOST_MAX + URL_PATH_MAX + 16];
		snprintf(absolute, sizeof(absolute), "http:%s", location);
		return url_parse(absolute, result);
	}
	*result = *base;
	if (location[0] == '/')
		return set_path(result, location);
	/* Relative: after the last '/' of the base's path (before its query). */
	size_t directory = strcspn(base->path, "?");
	while (directory > 0 && base->path[directory - 1] != '/')
		directory--;
	size_t length = strcspn(location, "#");
	if (directory + length >= sizeof(result->path))
		return "path too long";
	snprintf(result->path, sizeof(result->path), "%.*s%.*s", (int)directory, base->path,
		 (int)length, location);
	return NULL;
}

void url_host_header(const struct url *url, char *out, size_t size)
{
	const char *open = url->ipv6 ? "[" : "", *close = url->ipv6 ? "]" : "";

	if (url->port == 80)
		snprintf(out, size, "%s%s%s", open, url->host, close);
	else
		snprintf(out, size, "%s%s%s:%u", open, url->host, close, url->port);
}

void url_file_name(const struct url *url, char *out, size_t size)
{
	size_t end = strcspn(url->path, "?"), start = end;

	while (start > 0 && url->path[start - 1] != '/')
		start--;
	if (start == end)
		snprintf(out, size, "index.html");
	else
		snprintf(out, size, "%.*s", (int)(end - start), url->path + start);
}
