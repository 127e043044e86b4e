// SPDX-License-Identifier: MIT
/* The shell's grammar: splitting a line into pipelines, stages, words and redirections, and
 * expanding a word when it runs (see parser.h). */
#include "parser.h"
#include <ctype.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growable byte string. */
struct text {
	char *data;
	size_t length, capacity;
	bool failed;
};

static void text_add(struct text *text, char byte)
{
	if (text->length + 2 > text->capacity) {
		size_t capacity = text->capacity ? text->capacity * 2 : 32;
		char *data = realloc(text->data, capacity);

		if (!data) {
			text->failed = true;
			return;
		}
		text->data = data;
		text->capacity = capacity;
	}
	text->data[text->length++] = byte;
	text->data[text->length] = 0;
}

static void text_add_string(struct text *text, const char *string)
{
	while (*string)
		text_add(text, *string++);
}

static char *text_take(struct text *text)
{
	char *data = text->data ? text->data : strdup("");

	text->data = NULL;
	text->length = text->capacity = 0;
	return data;
}

static void set_error(char *error, size_t size, const char *format, ...)
{
	va_list list;

	va_start(list, format);
	vsnprintf(error, size, format, list);
	va_end(list);
}

static bool grow(void **array, int count, size_t element_size)
{
	/* Capacity doubles at powers of two, so count alone says when to grow. */
	if (count & (count - 1) && count > 4)
		return true;
	void *bigger = realloc(*array, (size_t)(count < 4 ? 4 : count * 2) * element_size);

	if (!bigger)
		return false;
	*array = bigger;
	return true;
}

/* ---- splitting -------------------------------------------------------------------------- */

static bool is_operator_start(char c)
{
	return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' || c == '\n';
}

/* The end of a $( ... ) whose '(' is at OPEN: just past its matching ')', quotes and nested
 * parentheses skipped; NULL when it does not close. */
static const char *skip_substitution(const char *open)
{
	int depth = 0;

	for (const char *p = open; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '\'' || *p == '"') {
			const char *close = strchr(p + 1, *p);

			if (!close)
				return NULL;
			p = close;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && --depth == 0) {
			return p + 1;
		}
	}
	return NULL;
}

/* Copies one word's source text (quotes kept) starting at *cursor. Returns NULL on an
 * unterminated quote. */
static char *scan_word(const char **cursor, char *error, size_t error_size)
{
	const char *p = *cursor;
	struct text word = {0};

	while (*p && !isspace((unsigned char)*p) && !is_operator_start(*p)) {
		char quote = *p;

		if (quote == '$' && p[1] == '(') {
			/* A command substitution is one word whatever it holds. */
			const char *end = skip_substitution(p + 1);

			if (!end) {
				set_error(error, error_size, "syntax error: unterminated $(");
				free(word.data);
				return NULL;
			}
			while (p < end - 1)
				text_add(&word, *p++);
		} else if (quote == '\\' && p[1]) {
			text_add(&word, *p++);
		} else if (quote == '\'' || quote == '"') {
			text_add(&word, *p++);
			while (*p && *p != quote) {
				if (quote == '"' && *p == '\\' && p[1])
					text_add(&word, *p++);
				text_add(&word, *p++);
			}
			if (!*p) {
				set_error(error, error_size, "syntax error: unterminated %c",
					  quote);
				free(word.data);
				return NULL;
			}
		}
		text_add(&word, *p++);
	}
	*cursor = p;
	if (word.failed) {
		set_error(error, error_size, "out of memory");
		free(word.data);
		return NULL;
	}
	return text_take(&word);
}

enum token {
	TOKEN_WORD,
	TOKEN_PIPE,
	TOKEN_AND,
	TOKEN_OR,
	TOKEN_SEMICOLON,
	TOKEN_BACKGROUND,
	TOKEN_REDIRECT,
	TOKEN_END,
};

struct token_value {
	enum token token;
	enum redirect_kind redirect;
	const char *start;
};

static const struct {
	const char *text;
	enum token token;
	enum redirect_kind redirect;
} operators[] = {
    /* Longest first. */
    {"2>&1", TOKEN_REDIRECT, REDIRECT_ERROR_TO_OUTPUT},
    {"2>>", TOKEN_REDIRECT, REDIRECT_ERROR_APPEND},
    {"2>", TOKEN_REDIRECT, REDIRECT_ERROR},
    {">>", TOKEN_REDIRECT, REDIRECT_APPEND},
    {"&&", TOKEN_AND, 0},
    {"||", TOKEN_OR, 0},
    {">", TOKEN_REDIRECT, REDIRECT_OUTPUT},
    {"<", TOKEN_REDIRECT, REDIRECT_INPUT},
    {"|", TOKEN_PIPE, 0},
    {"&", TOKEN_BACKGROUND, 0},
    {";", TOKEN_SEMICOLON, 0},
    {"\n", TOKEN_SEMICOLON, 0},
};

/* Reads the next operator at *cursor, after blanks and comments; TOKEN_WORD when a word
 * starts there (the cursor is left on it). */
static struct token_value next_token(const char **cursor)
{
	const char *p = *cursor;
	struct token_value value = {TOKEN_END, 0, NULL};

	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	if (*p == '#')
		while (*p && *p != '\n')
			p++;
	value.start = p;
	*cursor = p;
	if (!*p)
		return value;
	for (size_t i = 0; i < sizeof(operators) / sizeof(operators[0]); i++) {
		size_t length = strlen(operators[i].text);

		/* "2>" only counts as an operator at the start of a word. */
		if (!strncmp(p, operators[i].text, length)) {
			value.token = operators[i].token;
			value.redirect = operators[i].redirect;
			*cursor = p + length;
			return value;
		}
	}
	value.token = TOKEN_WORD;
	return value;
}

static struct stage *add_stage(struct pipeline *pipeline)
{
	if (!grow((void **)&pipeline->stages, pipeline->stage_count, sizeof(struct stage)))
		return NULL;
	struct stage *stage = &pipeline->stages[pipeline->stage_count++];

	memset(stage, 0, sizeof(*stage));
	return stage;
}

static struct pipeline *add_pipeline(struct command_line *line, enum connector connector)
{
	if (!grow((void **)&line->pipelines, line->pipeline_count, sizeof(struct pipeline)))
		return NULL;
	struct pipeline *pipeline = &line->pipelines[line->pipeline_count++];

	memset(pipeline, 0, sizeof(*pipeline));
	pipeline->connector = connector;
	return pipeline;
}

static int add_word(struct stage *stage, char *word)
{
	if (!grow((void **)&stage->words, stage->word_count, sizeof(char *))) {
		free(word);
		return -1;
	}
	stage->words[stage->word_count++] = word;
	return 0;
}

static int add_redirect(struct stage *stage, enum redirect_kind kind, char *word)
{
	if (!grow((void **)&stage->redirects, stage->redirect_count, sizeof(struct redirect))) {
		free(word);
		return -1;
	}
	stage->redirects[stage->redirect_count++] = (struct redirect){kind, word};
	return 0;
}

static bool stage_empty(const struct stage *stage)
{
	return !stage->word_count && !stage->redirect_count;
}

static char *copy_range(const char *start, const char *end)
{
	while (end > start && isspace((unsigned char)end[-1]))
		end--;
	return strndup(start, (size_t)(end - start));
}

/* The state of parser_split between tokens. */
struct split_state {
	struct command_line *line;
	struct pipeline *pipeline; /* NULL between pipelines */
	struct stage *stage;	   /* NULL right after '|' */
	const char *pipeline_start;
	enum connector next_connector;
};

static int open_stage(struct split_state *state, const char *at)
{
	if (!state->pipeline) {
		state->pipeline = add_pipeline(state->line, state->next_connector);
		if (!state->pipeline)
			return -1;
		state->pipeline_start = at;
	}
	if (!state->stage) {
		state->stage = add_stage(state->pipeline);
		if (!state->stage)
			return -1;
	}
	return 0;
}

static int close_pipeline(struct split_state *state, const char *at, enum connector next)
{
	state->pipeline->text = copy_range(state->pipeline_start, at);
	state->pipeline = NULL;
	state->stage = NULL;
	state->next_connector = next;
	return state->line->pipelines[state->line->pipeline_count - 1].text ? 0 : -1;
}

static const char *token_name(struct token_value value)
{
	static const char *const names[] = {"word", "|", "&&",		"||",
					    ";",    "&", "redirection", "end of line"};
	return value.start && *value.start == '\n' ? "newline" : names[value.token];
}

int parser_split(const char *line, struct command_line *out, char *error, size_t error_size)
{
	struct split_state state = {.line = out};
	const char *cursor = line;

	memset(out, 0, sizeof(*out));
	for (;;) {
		struct token_value value = next_token(&cursor);

		if (value.token == TOKEN_WORD || value.token == TOKEN_REDIRECT) {
			if (open_stage(&state, value.start))
				goto out_of_memory;
			if (value.token == TOKEN_REDIRECT &&
			    value.redirect == REDIRECT_ERROR_TO_OUTPUT) {
				if (add_redirect(state.stage, value.redirect, NULL))
					goto out_of_memory;
				continue;
			}
			if (value.token == TOKEN_REDIRECT &&
			    next_token(&cursor).token != TOKEN_WORD) {
				set_error(error, error_size,
					  "syntax error: a redirection needs a file name");
				goto fail;
			}
			char *word = scan_word(&cursor, error, error_size);

			if (!word)
				goto fail;
			if (value.token == TOKEN_WORD
				? add_word(state.stage, word)
				: add_redirect(state.stage, value.redirect, word))
				goto out_of_memory;
			continue;
		}
		/* An operator: it must follow a complete stage, except that newlines may also
		 * stand alone, and the end may come after nothing. */
		bool have_stage = state.stage && !stage_empty(state.stage);

		bool newline = value.token == TOKEN_SEMICOLON && *value.start == '\n';

		if (!have_stage && (state.pipeline || (!newline && value.token != TOKEN_END))) {
			set_error(error, error_size, "syntax error near unexpected `%s'",
				  token_name(value));
			goto fail;
		}
		if (value.token == TOKEN_END) {
			if (state.pipeline && close_pipeline(&state, value.start, CONNECT_ALWAYS))
				goto out_of_memory;
			return 0;
		}
		if (value.token == TOKEN_PIPE) {
			state.stage = NULL;
			continue;
		}
		if (!state.pipeline)
			continue; /* an empty line */
		if (value.token == TOKEN_BACKGROUND)
			state.pipeline->background = true;
		if (close_pipeline(&state, value.start,
				   value.token == TOKEN_AND  ? CONNECT_IF_SUCCESS
				   : value.token == TOKEN_OR ? CONNECT_IF_FAILURE
							     : CONNECT_ALWAYS))
			goto out_of_memory;
		if ((value.token == TOKEN_AND || value.token == TOKEN_OR) &&
		    next_token(&(const char *){cursor}).token == TOKEN_END) {
			set_error(error, error_size, "syntax error: `%s' needs a command after it",
				  token_name(value));
			goto fail;
		}
	}
out_of_memory:
	set_error(error, error_size, "out of memory");
fail:
	parser_free(out);
	return -1;
}

void parser_free(struct command_line *line)
{
	for (int p = 0; p < line->pipeline_count; p++) {
		struct pipeline *pipeline = &line->pipelines[p];

		for (int s = 0; s < pipeline->stage_count; s++) {
			struct stage *stage = &pipeline->stages[s];

			for (int w = 0; w < stage->word_count; w++)
				free(stage->words[w]);
			for (int r = 0; r < stage->redirect_count; r++)
				free(stage->redirects[r].word);
			free(stage->words);
			free(stage->redirects);
		}
		free(pipeline->stages);
		free(pipeline->text);
	}
	free(line->pipelines);
	memset(line, 0, sizeof(*line));
}

/* ---- expansion -------------------------------------------------------------------------- */

static bool is_name_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Runs the $( ... ) whose '(' is at *cursor and adds its output, trailing newlines dropped. */
static int substitute_command(const char **cursor, struct text *text,
			      const struct parser_environment *environment, char *error,
			      size_t error_size)
{
	const char *end = skip_substitution(*cursor);
	char *command = end ? strndup(*cursor + 1, (size_t)(end - *cursor - 2)) : NULL;
	char *output = command && environment->substitute
			   ? environment->substitute(command, environment->context)
			   : NULL;

	free(command);
	if (!output) {
		set_error(error, error_size,
			  end ? "command substitution failed" : "unterminated $(");
		return -1;
	}
	size_t length = strlen(output);

	while (length && output[length - 1] == '\n')
		length--;
	for (size_t i = 0; i < length; i++)
		text_add(text, output[i]);
	free(output);
	*cursor = end;
	return 0;
}

/* Expands what follows a '$' at *cursor into TEXT: a variable, or a command's output. Returns
 * -1 on a bad ${ or a command that could not run. */
static int expand_variable(const char **cursor, struct text *text,
			   const struct parser_environment *environment, char *error,
			   size_t error_size)
{
	const char *p = *cursor;
	char name[128];
	size_t length = 0;

	if (*p == '(')
		return substitute_command(cursor, text, environment, error, error_size);
	if (*p == '{') {
		const char *end = strchr(p, '}');

		if (!end || end == p + 1 || (size_t)(end - p - 1) >= sizeof(name)) {
			set_error(error, error_size, "bad substitution");
			return -1;
		}
		length = (size_t)(end - p - 1);
		memcpy(name, p + 1, length);
		p = end + 1;
	} else if ((*p && strchr("?#@*$", *p)) || isdigit((unsigned char)*p)) {
		name[length++] = *p++;
	} else if (is_name_start(*p)) {
		while (is_name_char(*p) && length < sizeof(name) - 1)
			name[length++] = *p++;
	} else {
		text_add(text, '$'); /* a lone '$' is itself */
		return 0;
	}
	name[length] = 0;
	if (name[0] == '*')
		name[0] = '@';
	const char *value = environment->lookup(name, environment->context);

	if (value)
		text_add_string(text, value);
	*cursor = p;
	return 0;
}

static int add_field(struct expansion *out, char *field)
{
	if (!field)
		return -1;
	char **fields = realloc(out->fields, (size_t)(out->count + 2) * sizeof(char *));

	if (!fields) {
		free(field);
		return -1;
	}
	out->fields = fields;
	out->fields[out->count++] = field;
	out->fields[out->count] = NULL;
	return 0;
}

/* Adds the paths matching PATTERN, or PATTERN itself (with its glob escapes removed) when none
 * match. */
static int add_matches(struct expansion *out, const char *pattern, const char *literal)
{
	glob_t matches;

	if (glob(pattern, 0, NULL, &matches) != 0)
		return add_field(out, strdup(literal));
	for (size_t i = 0; i < matches.gl_pathc; i++)
		if (add_field(out, strdup(matches.gl_pathv[i]))) {
			globfree(&matches);
			return -1;
		}
	globfree(&matches);
	return 0;
}

int parser_expand_word(const char *word, const struct parser_environment *environment,
		       struct expansion *out, char *error, size_t error_size)
{
	/* LITERAL is the result; PATTERN the same with quoted glob characters escaped, used
	 * when an unquoted one makes the word a pattern. */
	struct text literal = {0}, pattern = {0};
	const char *p = word;
	bool globbing = false;
	char quote = 0;
	int result = -1;

	if (*p == '~' && (p[1] == '/' || !p[1])) {
		const char *home = environment->lookup("HOME", environment->context);

		text_add_string(&literal, home ? home : "/");
		text_add_string(&pattern, home ? home : "/");
		p++;
	}
	while (*p) {
		char c = *p++;

		if (!quote && (c == '\'' || c == '"')) {
			quote = c;
			continue;
		}
		if (quote && c == quote) {
			quote = 0;
			continue;
		}
		if (c == '$' && quote != '\'') {
			size_t before = literal.length;

			if (expand_variable(&p, &literal, environment, error, error_size))
				goto out;
			for (size_t i = before; i < literal.length; i++) {
				if (strchr("*?[\\", literal.data[i]))
					text_add(&pattern, '\\');
				text_add(&pattern, literal.data[i]);
			}
			continue;
		}
		bool escaped = false;

		if (c == '\\' && *p && (!quote || (quote == '"' && strchr("\"\\$`", *p)))) {
			c = *p++;
			escaped = true;
		} else if (!quote && strchr("*?[", c)) {
			globbing = true;
		}
		if ((quote || escaped) && strchr("*?[\\", c))
			text_add(&pattern, '\\');
		text_add(&literal, c);
		text_add(&pattern, c);
	}
	if (literal.failed || pattern.failed) {
		set_error(error, error_size, "out of memory");
		goto out;
	}
	if (globbing)
		result = add_matches(out, pattern.data, literal.data ? literal.data : "");
	else
		result = add_field(out, text_take(&literal));
	if (result)
		set_error(error, error_size, "out of memory");
out:
	free(literal.data);
	free(pattern.data);
	return result;
}

void parser_expansion_free(struct expansion *expansion)
{
	for (int i = 0; i < expansion->count; i++)
		free(expansion->fields[i]);
	free(expansion->fields);
	memset(expansion, 0, sizeof(*expansion));
}
