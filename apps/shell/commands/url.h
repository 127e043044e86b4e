// SPDX-License-Identifier: MIT
/* http:// URLs for wget (apps/shell/commands/url.c): split into host, port and path, resolved
 * against a redirect's Location, and the file name a download is saved under. Pure string
 * work, unit-tested on the host (tests/unit/test_shell_network.c). */
#ifndef YOLK_SHELL_COMMANDS_URL_H
#define YOLK_SHELL_COMMANDS_URL_H

#include <stdbool.h>
#include <stddef.h>

#define URL_HOST_MAX 256
#define URL_PATH_MAX 2048

struct url {
	char host[URL_HOST_MAX]; /* an IPv6 literal without its brackets */
	unsigned port;		 /* 80 when the URL names none */
	char path[URL_PATH_MAX]; /* from the first '/' (with the query), "/" when empty */
	bool ipv6;		 /* the host was written [LIKE:THIS] */
};

/* Splits TEXT ("http://host[:port][/path]") into URL; NULL, or why it is not one. */
const char *url_parse(const char *text, struct url *url);
/* The URL a redirect's LOCATION names, seen from BASE: absolute ("http://..."),
 * scheme-relative ("//host/..."), absolute path ("/...") or relative to BASE's directory;
 * NULL, or why it cannot be followed. */
const char *url_resolve(const struct url *base, const char *location, struct url *result);
/* "host", "host:port" or "[v6]:port" for the Host header (the port only when not 80). */
void url_host_header(const struct url *url, char *out, size_t size);
/* The file a download of URL is saved under: the path's last part without its query, or
 * "index.html" when that is empty. */
void url_file_name(const struct url *url, char *out, size_t size);

#endif
