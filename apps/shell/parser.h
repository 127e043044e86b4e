// SPDX-License-Identifier: MIT
/* The shell's grammar (apps/shell/parser.c): a line is split into pipelines joined by ';', '&&',
 * '||' or ending in '&', each a list of stages joined by '|', each stage its words and
 * redirections. Words keep their source text (quotes included) and are expanded only when their
 * pipeline runs (parser_expand_word), so `export A=1; echo $A` sees the new value. Pure code:
 * host unit tests in tests/unit/test_shell_parser.c. */
#ifndef YOLK_SHELL_PARSER_H
#define YOLK_SHELL_PARSER_H

#include <stdbool.h>
#include <stddef.h>

enum redirect_kind {
	REDIRECT_INPUT,		  /* < path */
	REDIRECT_OUTPUT,	  /* > path */
	REDIRECT_APPEND,	  /* >> path */
	REDIRECT_ERROR,		  /* 2> path */
	REDIRECT_ERROR_APPEND,	  /* 2>> path */
	REDIRECT_ERROR_TO_OUTPUT, /* 2>&1 (no path) */
};

struct redirect {
	enum redirect_kind kind;
	char *word; /* unexpanded; NULL for 2>&1 */
};

struct stage {
	char **words; /* unexpanded, word_count of them */
	int word_count;
	struct redirect *redirects;
	int redirect_count;
};

enum connector {
	CONNECT_ALWAYS,	    /* first pipeline, or after ';' or '&' */
	CONNECT_IF_SUCCESS, /* after '&&' */
	CONNECT_IF_FAILURE, /* after '||' */
};

struct pipeline {
	struct stage *stages;
	int stage_count;
	enum connector connector; /* how it follows the previous pipeline */
	bool background;	  /* ended with '&' */
	char *text;		  /* its source text, for `jobs` */
};

struct command_line {
	struct pipeline *pipelines;
	int pipeline_count;
};

/* Splits LINE into OUT. Returns 0, or -1 with a message ("syntax error: ...") in ERROR. A line
 * of only blanks and comments gives zero pipelines. */
int parser_split(const char *line, struct command_line *out, char *error, size_t error_size);
void parser_free(struct command_line *line);

/* What expansion asks of the shell. lookup: a variable's value (NAME is "?", "#", "0".."9",
 * "@", "$" or a name), NULL when unset. substitute: runs COMMAND, a command line, and returns
 * what it printed (malloc'd), NULL when it could not run. */
struct parser_environment {
	const char *(*lookup)(const char *name, void *context);
	char *(*substitute)(const char *command, void *context);
	void *context;
};

struct expansion {
	char **fields; /* NULL-terminated, malloc'd */
	int count;
};

/* Expands one word: quotes removed, backslash escapes, $NAME ${NAME} $? $# $0-$9 $@ $$,
 * $(COMMAND) (its output without the trailing newlines), a leading ~ as $HOME, and, when the
 * word has an unquoted * ? or [, the matching paths (sorted; the word itself when nothing
 * matches). Expansions are not split into fields. Adds the fields to OUT; returns 0 or -1 (no
 * memory, a bad ${...}, or a command that could not run, with a message in ERROR). */
int parser_expand_word(const char *word, const struct parser_environment *environment,
		       struct expansion *out, char *error, size_t error_size);
void parser_expansion_free(struct expansion *expansion);

#endif
