// SPDX-License-Identifier: MIT
/* Where a syntax error is (see interpreter.h, js_syntax_error_locate). Duktape's compiler
 * reports only "(line N)": the line of the token it was looking at, which for a bad operand
 * is the token after the culprit. Duktape stays unpatched: the column is found by compiling
 * prefixes of the source. The shortest prefix of line N that already fails with the same
 * message (a newline appended, so that a prefix that is merely incomplete fails "at end of
 * input" instead) ends in the token Duktape was looking at. When replacing that token by any
 * of a few harmless ones still fails the same way, the culprit is the token before it
 * (`ok +* 2` blames `*`, `var = 3` blames `=`). That is about a dozen compiles of the source
 * up to the error, once per syntax error: files, -e and the REPL. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "interpreter.h"

/* Tokens put in place of the one Duktape was looking at: if none of them parses, that token
 * is not the culprit. */
static const char *const probe_tokens[] = {"x", "0", ";", ")", "]", ":"};

/* Multi-character punctuators, longest first: a culprit before the token Duktape saw. */
static const char *const punctuators[] = {
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&", "||", "==", "!=", "<=", ">=",
    "++",   "--",  "+=",  "-=",	 "*=",	"/=",  "%=",  "&=",  "|=", "^=", "<<", ">>", "**", "=>"};

struct syntax_search {
	duk_context *context;
	const char *source, *filename;
	size_t length;
	duk_uint_t flags;
	const char *message; /* Duktape's message without " (line N...)" */
	size_t message_length;
	long line;
	char *scratch; /* a prefix, a probe and a newline */
};

/* Splits Duktape's "MESSAGE (line N)" or "MESSAGE (line N, end of input)". */
static bool parse_message(const char *message, size_t *length, long *line, bool *at_end)
{
	const char *where = NULL;

	for (const char *next = message; (next = strstr(next, " (line ")); next++)
		where = next;
	if (!where)
		return false;
	*length = (size_t)(where - message);
	*line = strtol(where + 7, NULL, 10);
	*at_end = strstr(where, ", end of input)") != NULL;
	return *line > 0;
}

/* Compiles the first LENGTH bytes of the source, then TAIL and a newline: true when that
 * fails with the same message on the same line, not at the end of the input. */
static bool fails_the_same(struct syntax_search *search, size_t length, const char *tail)
{
	duk_context *context = search->context;
	size_t tail_length = strlen(tail), message_length;
	bool same = false, at_end;
	long line;

	memcpy(search->scratch, search->source, length);
	memcpy(search->scratch + length, tail, tail_length);
	search->scratch[length + tail_length] = '\n';
	duk_push_string(context, search->filename);
	if (duk_pcompile_lstring_filename(context, search->flags, search->scratch,
					  length + tail_length + 1)) {
		duk_get_prop_string(context, -1, "message");
		const char *message = duk_get_string(context, -1);

		same = message && parse_message(message, &message_length, &line, &at_end) &&
		       !at_end && line == search->line &&
		       message_length == search->message_length &&
		       !memcmp(message, search->message, message_length);
		duk_pop(context);
	}
	duk_pop(context);
	return same;
}

static bool continuation_byte(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

static bool identifier_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* The smallest END in (START, LAST] at a character boundary for which the prefix fails the
 * same way (LAST itself is known to); binary search, as a longer prefix fails too. */
static size_t shortest_failing_prefix(struct syntax_search *search, size_t start, size_t last)
{
	size_t low = start, high = last; /* low does not fail, high does */

	while (high - low > 1) {
		size_t middle = low + (high - low) / 2;

		while (middle < high && continuation_byte(search->source[middle]))
			middle++;
		if (middle == high) {
			middle = low + (high - low) / 2;
			while (middle > low && continuation_byte(search->source[middle]))
				middle--;
			if (middle == low)
				break;
		}
		if (fails_the_same(search, middle, ""))
			high = middle;
		else
			low = middle;
	}
	return high;
}

/* The start of the token whose last byte is at END - 1 (a name, a number, a string, a
 * punctuator), not before FLOOR. A quote there opens the string when QUOTE_OPENS. */
static size_t token_start(const char *source, size_t floor, size_t end, bool quote_opens)
{
	size_t start = end - 1;
	char last = source[start];

	if (identifier_byte(last)) {
		while (start > floor && identifier_byte(source[start - 1]))
			start--;
		return start;
	}
	if ((last == '"' || last == '\'') && !quote_opens) {
		while (start > floor && source[start - 1] != last)
			start--;
		return start > floor ? start - 1 : start;
	}
	for (size_t i = 0; i < sizeof(punctuators) / sizeof(punctuators[0]); i++) {
		size_t length = strlen(punctuators[i]);

		if (end - floor >= length && !memcmp(source + end - length, punctuators[i], length))
			return end - length;
	}
	return start;
}

/* The culprit's offset, given that the prefix up to END fails: the token Duktape saw, or
 * the one before it when no probe in its place parses. */
static size_t culprit(struct syntax_search *search, size_t end)
{
	bool unterminated = !strncmp(search->message, "unterminated string", 19);
	size_t seen = token_start(search->source, 0, end, unterminated), before = seen;

	for (size_t i = 0; i < sizeof(probe_tokens) / sizeof(probe_tokens[0]); i++)
		if (!fails_the_same(search, seen, probe_tokens[i]))
			return seen;
	while (before > 0 && strchr(" \t\r\n", search->source[before - 1]))
		before--;
	return before > 0 ? token_start(search->source, 0, before, false) : seen;
}

static size_t line_offset(const char *source, size_t length, long line)
{
	size_t offset = 0;

	for (long at = 1; at < line; at++) {
		const char *newline = memchr(source + offset, '\n', length - offset);

		if (!newline)
			return length + 1;
		offset = (size_t)(newline - source) + 1;
	}
	return offset;
}

static size_t line_end(const char *source, size_t length, size_t offset)
{
	const char *newline = memchr(source + offset, '\n', length - offset);

	return newline ? (size_t)(newline - source) : length;
}

/* Sets the error's lineNumber, columnNumber, sourceLine (not enumerable) and message. */
static void put_position(struct syntax_search *search, size_t offset, size_t head_length,
			 bool at_end)
{
	duk_context *context = search->context;
	size_t start = offset, end, column = 1, skip = 0;
	long line = 1;

	for (size_t i = 0; i < offset; i++)
		if (search->source[i] == '\n')
			line++;
	while (start > 0 && search->source[start - 1] != '\n')
		start--;
	end = line_end(search->source, search->length, start);
	if (line == 1) /* the module wrapper's text is not the file's */
		skip = head_length < end ? head_length : end;
	for (size_t i = start + skip; i < offset; i++)
		column += !continuation_byte(search->source[i]);
	duk_push_string(context, "lineNumber");
	duk_push_int(context, (duk_int_t)line);
	duk_def_prop(context, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE);
	duk_push_string(context, "columnNumber");
	duk_push_uint(context, (duk_uint_t)column);
	duk_def_prop(context, -3,
		     DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE |
			 DUK_DEFPROP_SET_CONFIGURABLE | DUK_DEFPROP_CLEAR_ENUMERABLE);
	duk_push_string(context, "sourceLine");
	duk_push_lstring(context, search->source + start + skip, end - start - skip);
	duk_def_prop(context, -3,
		     DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE |
			 DUK_DEFPROP_SET_CONFIGURABLE | DUK_DEFPROP_CLEAR_ENUMERABLE);
	duk_push_lstring(context, search->message, search->message_length);
	duk_push_sprintf(context, " (line %ld, column %zu%s)", line, column,
			 at_end ? ", end of input" : "");
	duk_concat(context, 2);
	duk_put_prop_string(context, -2, "message");
}

void js_syntax_error_locate(duk_context *context, const char *source, size_t length,
			    const char *filename, duk_uint_t flags, size_t head_length,
			    size_t tail_length)
{
	struct syntax_search search = {context, source, filename, length, flags, NULL, 0, 0, NULL};
	size_t start, end, offset;
	bool at_end;

	if (duk_get_error_code(context, -1) != DUK_ERR_SYNTAX_ERROR)
		return;
	duk_get_prop_string(context, -1, "message");
	if (!duk_is_string(context, -1) ||
	    !parse_message(duk_get_string(context, -1), &search.message_length, &search.line,
			   &at_end) ||
	    !(search.message = strndup(duk_get_string(context, -1), search.message_length))) {
		duk_pop(context);
		return;
	}
	duk_pop(context);
	start = line_offset(source, length, search.line);
	if (start > length)
		goto out_free_message;
	end = line_end(source, length, start);
	offset = end;
	search.scratch = malloc(length + 8);
	if (!search.scratch)
		goto out_free_message;
	/* Without a newline after it, a bad last token looks like the end of the input too. */
	if (at_end && fails_the_same(&search, length, ""))
		at_end = false;
	if (at_end)
		offset = length - tail_length; /* where the user's text ends, as Node says */
	else if (end > start && fails_the_same(&search, end, ""))
		offset = culprit(&search, shortest_failing_prefix(&search, start, end));
	if (offset > length - tail_length)
		offset = length - tail_length;
	put_position(&search, offset, head_length, at_end);
	free(search.scratch);
out_free_message:
	free((char *)search.message);
}
