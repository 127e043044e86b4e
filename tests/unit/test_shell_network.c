/* The shell's network commands' pure parts: URLs (apps/shell/commands/url.c), HTTP response
 * heads and the chunked coding (http.c), and /proc/net/tcp lines (socket_table.c). */
#include <stdlib.h>
#include <string.h>
#include "apps/shell/commands/http.h"
#include "apps/shell/commands/socket_table.h"
#include "apps/shell/commands/url.h"
#include "tests/unit/unit.h"

TEST(url_parse_splits_host_port_and_path)
{
	struct url url;

	CHECK(!url_parse("http://10.0.2.2:8080/dir/file?x=1#top", &url));
	CHECK(!strcmp(url.host, "10.0.2.2"));
	CHECK_EQ(url.port, 8080);
	CHECK(!strcmp(url.path, "/dir/file?x=1"));
	CHECK(!url.ipv6);
	CHECK(!url_parse("HTTP://example.org", &url));
	CHECK(!strcmp(url.host, "example.org"));
	CHECK_EQ(url.port, 80);
	CHECK(!strcmp(url.path, "/"));
	CHECK(!url_parse("http://host?q", &url));
	CHECK(!strcmp(url.path, "/?q"));
	CHECK(!url_parse("http://[::1]:81/a", &url));
	CHECK(!strcmp(url.host, "::1"));
	CHECK(url.ipv6);
	CHECK_EQ(url.port, 81);
	CHECK(!url_parse("http://[fe80::1]/", &url));
	CHECK_EQ(url.port, 80);
	CHECK(!url_parse("localhost/x", &url)); /* no scheme: http, as wget takes it */
	CHECK(!strcmp(url.host, "localhost"));
	CHECK(!strcmp(url.path, "/x"));
}

TEST(url_parse_refuses_what_is_not_an_http_url)
{
	struct url url;

	CHECK(url_parse("https://example.org/", &url) != NULL);
	CHECK(url_parse("ftp://example.org/", &url) != NULL);
	CHECK(url_parse("http:///path", &url) != NULL);
	CHECK(url_parse("http://host:/", &url) != NULL);
	CHECK(url_parse("http://host:0/", &url) != NULL);
	CHECK(url_parse("http://host:65536/", &url) != NULL);
	CHECK(url_parse("http://host:8x/", &url) != NULL);
	CHECK(url_parse("http://[::1/", &url) != NULL);
	CHECK(url_parse("http://[::1]x/", &url) != NULL);
	CHECK(url_parse("http://user@host/", &url) != NULL);
	char *long_host = malloc(400);
	memset(long_host, 'a', 399);
	long_host[399] = 0;
	memcpy(long_host, "http://", 7);
	CHECK(url_parse(long_host, &url) != NULL);
	free(long_host);
}

TEST(url_resolve_follows_each_kind_of_location)
{
	struct url base, next;

	CHECK(!url_parse("http://a:81/d/e/f?q", &base));
	CHECK(!url_resolve(&base, "http://b/x", &next));
	CHECK(!strcmp(next.host, "b") && next.port == 80 && !strcmp(next.path, "/x"));
	CHECK(!url_resolve(&base, "//c:82/y", &next));
	CHECK(!strcmp(next.host, "c") && next.port == 82 && !strcmp(next.path, "/y"));
	CHECK(!url_resolve(&base, "/z#frag", &next));
	CHECK(!strcmp(next.host, "a") && next.port == 81 && !strcmp(next.path, "/z"));
	CHECK(!url_resolve(&base, "g?h", &next));
	CHECK(!strcmp(next.path, "/d/e/g?h"));
	CHECK(url_resolve(&base, "", &next) != NULL);
	CHECK(url_resolve(&base, "https://secure/", &next) != NULL);
}

TEST(url_names_the_host_header_and_the_file)
{
	struct url url;
	char text[300];

	CHECK(!url_parse("http://h/a/b.tar.gz?x=/y", &url));
	url_host_header(&url, text, sizeof(text));
	CHECK(!strcmp(text, "h"));
	url_file_name(&url, text, sizeof(text));
	CHECK(!strcmp(text, "b.tar.gz"));
	CHECK(!url_parse("http://[::1]:8000/dir/", &url));
	url_host_header(&url, text, sizeof(text));
	CHECK(!strcmp(text, "[::1]:8000"));
	url_file_name(&url, text, sizeof(text));
	CHECK(!strcmp(text, "index.html"));
	CHECK(!url_parse("http://h", &url));
	url_file_name(&url, text, sizeof(text));
	CHECK(!strcmp(text, "index.html"));
}

static const char *parse(const char *head, struct http_response *response)
{
	return http_parse_head(head, strlen(head), response);
}

TEST(http_head_parses_status_length_coding_and_location)
{
	struct http_response response;
	const char *head = "HTTP/1.1 301 Moved Permanently\r\nlocation:  /new \r\n"
			   "Content-Length: 12\r\n\r\nbody";

	CHECK_EQ(http_head_length(head, strlen(head)), strlen(head) - 4);
	CHECK_EQ(http_head_length(head, 20), 0);
	CHECK(!parse(head, &response));
	CHECK_EQ(response.status, 301);
	CHECK(!strcmp(response.reason, "Moved Permanently"));
	CHECK(!strcmp(response.location, "/new"));
	CHECK_EQ(response.content_length, 12);
	CHECK(!response.chunked);
	CHECK(!parse("HTTP/1.0 404 Not Found\n\n", &response));
	CHECK_EQ(response.status, 404);
	CHECK(!strcmp(response.reason, "Not Found"));
	CHECK_EQ(response.content_length, -1);
	CHECK_EQ(http_head_length("HTTP/1.0 200 OK\n\nx", 18), 17);
	CHECK(!parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n"
		     "Content-Length: 5\r\n\r\n",
		     &response));
	CHECK(response.chunked);
	CHECK_EQ(response.content_length, -1);
	CHECK(!parse("HTTP/1.1 204\r\n\r\n", &response));
	CHECK_EQ(response.status, 204);
	CHECK(!http_status_has_body(204) && !http_status_has_body(304) &&
	      http_status_has_body(200));
}

TEST(http_head_refuses_what_is_not_http)
{
	struct http_response response;

	CHECK(parse("SSH-2.0-OpenSSH\r\n\r\n", &response) != NULL);
	CHECK(parse("HTTP/1.1 20 OK\r\n\r\n", &response) != NULL);
	CHECK(parse("HTTP/1.1 2000 OK\r\n\r\n", &response) != NULL);
	CHECK(parse("HTTP/1.1\r\n\r\n", &response) != NULL);
	CHECK(parse("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", &response) != NULL);
	CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", &response) != NULL);
	CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", &response) !=
	      NULL);
	CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
		    &response) != NULL);
	CHECK(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", &response) != NULL);
	CHECK(parse("", &response) != NULL);
}

/* Decodes TEXT fed in pieces of STEP bytes; the body, or "ERROR", or "MORE" when the coding
 * did not end; *REST is how many bytes followed the body. */
static const char *decode(const char *text, size_t step, size_t *rest)
{
	static char body[256];
	struct http_chunked decoder;
	size_t total = strlen(text), offset = 0, out = 0;
	int result = HTTP_CHUNKED_MORE;
	char piece[256];

	http_chunked_init(&decoder);
	*rest = 0;
	while (offset < total && result == HTTP_CHUNKED_MORE) {
		size_t length = total - offset < step ? total - offset : step, used;
		memcpy(piece, text + offset, length);
		size_t given = length;
		result = http_chunked_decode(&decoder, piece, &length, &used);
		memcpy(body + out, piece, length);
		out += length;
		offset += used;
		if (result == HTTP_CHUNKED_DONE)
			*rest = total - offset;
		else if (result == HTTP_CHUNKED_MORE && used != given)
			return "SHORT";
	}
	body[out] = 0;
	return result == HTTP_CHUNKED_ERROR ? "ERROR" : result == HTTP_CHUNKED_MORE ? "MORE" : body;
}

TEST(http_chunked_decodes_in_any_pieces)
{
	const char *text = "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\nNEXT";
	size_t rest;

	for (size_t step = 1; step < 60; step++) {
		CHECK(!strcmp(decode(text, step, &rest), "hello, world"));
		CHECK_EQ(rest, 4);
	}
	CHECK(!strcmp(decode("A\nabcdefghij\n0\n\n", 3, &rest), "abcdefghij"));
	CHECK(!strcmp(decode("1a\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n", 7, &rest),
		      "abcdefghijklmnopqrstuvwxyz"));
	CHECK(!strcmp(decode("5\r\nhel", 2, &rest), "MORE"));
	CHECK(!strcmp(decode("5\r\nhello\r\n0\r\n", 4, &rest), "MORE"));
}

TEST(http_chunked_refuses_bad_framing)
{
	size_t rest;

	CHECK(!strcmp(decode("x\r\n", 5, &rest), "ERROR"));
	CHECK(!strcmp(decode("\r\n", 5, &rest), "ERROR"));
	CHECK(!strcmp(decode("5\r\nhelloX\r\n", 5, &rest), "ERROR"));
	CHECK(!strcmp(decode("5\rX", 5, &rest), "ERROR"));
	CHECK(!strcmp(decode("11111111111111111\r\n", 5, &rest), "ERROR"));
}

TEST(socket_table_parses_proc_net_lines)
{
	struct socket_row row;
	char text[64];

	CHECK(!socket_table_parse("  sl  local_address rem_address   st tx_queue rx_queue tr",
				  false, &row));
	CHECK(
	    socket_table_parse("   0: 0F02000A:0050 0202000A:D431 01 00000010:00000020 00:00000000 "
			       "00000000     0        0 0 1",
			       false, &row));
	CHECK_EQ(row.state, SOCKET_TABLE_ESTABLISHED);
	CHECK_EQ(row.send_queue, 16);
	CHECK_EQ(row.receive_queue, 32);
	socket_table_endpoint(&row.local, false, text, sizeof(text));
	CHECK(!strcmp(text, "10.0.2.15:80"));
	socket_table_endpoint(&row.remote, false, text, sizeof(text));
	CHECK(!strcmp(text, "10.0.2.2:54321"));
	CHECK(socket_table_parse("  12: 00000000:1F90 00000000:0000 0A 00000000:00000000", false,
				 &row));
	socket_table_endpoint(&row.remote, false, text, sizeof(text));
	CHECK(!strcmp(text, "0.0.0.0:*"));
	CHECK(!strcmp(socket_table_tcp_state(row.state), "LISTEN"));
	CHECK(socket_table_parse("   1: 00000000000000000000000001000000:0016 "
				 "00000000000000000000000000000000:0000 0A 00000000:00000000",
				 true, &row));
	socket_table_endpoint(&row.local, true, text, sizeof(text));
	CHECK(!strcmp(text, "::1:22"));
	socket_table_endpoint(&row.remote, true, text, sizeof(text));
	CHECK(!strcmp(text, ":::*"));
	CHECK(!socket_table_parse("   1: 0100007F:0016 00000000:0000 0A", true, &row));
	CHECK(!socket_table_parse("   1: 0100007G:0016 00000000:0000 0A 0:0", false, &row));
	CHECK(!strcmp(socket_table_tcp_state(6), "TIME_WAIT"));
	CHECK(!strcmp(socket_table_tcp_state(99), "UNKNOWN"));
}
