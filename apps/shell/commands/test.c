// SPDX-License-Identifier: MIT
/* test EXPRESSION and [ EXPRESSION ]: POSIX test. Files: -e -f -d -L -h -r -w -x -s -p -c -b;
 * strings: -z -n = != and a lone word; numbers: -eq -ne -lt -le -gt -ge; ! -a -o and ( ).
 * Status 0 true, 1 false, 2 a malformed expression. */
#include <sys/stat.h>
#include "../command.h"

struct test_parser {
	char **words;
	int count, at;
	bool failed;
};

static const char *next_word(struct test_parser *parser)
{
	return parser->at < parser->count ? parser->words[parser->at] : NULL;
}

static bool number(struct test_parser *parser, const char *text, long *value)
{
	char *end;

	*value = strtol(text, &end, 10);
	if (!*text || *end) {
		fprintf(stderr, "test: %s: a number is needed\n", text);
		parser->failed = true;
		return false;
	}
	return true;
}

static bool file_test(char option, const char *path)
{
	struct stat status;

	if (option == 'L' || option == 'h')
		return !lstat(path, &status) && S_ISLNK(status.st_mode);
	if (stat(path, &status))
		return false;
	switch (option) {
	case 'e':
		return true;
	case 'f':
		return S_ISREG(status.st_mode);
	case 'd':
		return S_ISDIR(status.st_mode);
	case 'p':
		return S_ISFIFO(status.st_mode);
	case 'c':
		return S_ISCHR(status.st_mode);
	case 'b':
		return S_ISBLK(status.st_mode);
	case 's':
		return status.st_size > 0;
	case 'r':
		return !access(path, R_OK);
	case 'w':
		return !access(path, W_OK);
	default:
		return !access(path, X_OK);
	}
}

static bool binary(struct test_parser *parser, const char *left, const char *op, const char *right)
{
	static const char *const comparisons[] = {"-eq", "-ne", "-lt", "-le", "-gt", "-ge"};
	long a, b;

	if (!strcmp(op, "="))
		return !strcmp(left, right);
	if (!strcmp(op, "!="))
		return strcmp(left, right) != 0;
	for (int i = 0; i < 6; i++) {
		if (strcmp(op, comparisons[i]))
			continue;
		if (!number(parser, left, &a) || !number(parser, right, &b))
			return false;
		return i == 0	? a == b
		       : i == 1 ? a != b
		       : i == 2 ? a < b
		       : i == 3 ? a <= b
		       : i == 4 ? a > b
				: a >= b;
	}
	fprintf(stderr, "test: %s: unknown operator\n", op);
	parser->failed = true;
	return false;
}

static bool is_binary_operator(const char *word)
{
	static const char *const operators[] = {"=",   "!=",  "-eq", "-ne",
						"-lt", "-le", "-gt", "-ge"};

	for (size_t i = 0; word && i < sizeof(operators) / sizeof(operators[0]); i++)
		if (!strcmp(word, operators[i]))
			return true;
	return false;
}

static bool parse_or(struct test_parser *parser);

static bool parse_primary(struct test_parser *parser)
{
	const char *word = next_word(parser);

	if (!word) {
		fprintf(stderr, "test: an argument is missing\n");
		parser->failed = true;
		return false;
	}
	parser->at++;
	if (!strcmp(word, "!"))
		return !parse_primary(parser);
	if (!strcmp(word, "(") && parser->at < parser->count) {
		bool value = parse_or(parser);
		const char *close = next_word(parser);

		if (!close || strcmp(close, ")")) {
			fprintf(stderr, "test: ')' expected\n");
			parser->failed = true;
		}
		parser->at++;
		return value;
	}
	if (is_binary_operator(next_word(parser)) && parser->at + 1 < parser->count) {
		const char *op = parser->words[parser->at++];

		return binary(parser, word, op, parser->words[parser->at++]);
	}
	if (word[0] == '-' && word[1] && !word[2] && strchr("efdLhrwxspcbzn", word[1]) &&
	    parser->at < parser->count) {
		const char *operand = parser->words[parser->at++];

		if (word[1] == 'z')
			return !*operand;
		if (word[1] == 'n')
			return *operand;
		return file_test(word[1], operand);
	}
	return *word; /* a lone word: true when not empty */
}

static bool parse_and(struct test_parser *parser)
{
	bool value = parse_primary(parser);

	while (next_word(parser) && !strcmp(next_word(parser), "-a")) {
		parser->at++;
		value = parse_primary(parser) && value;
	}
	return value;
}

static bool parse_or(struct test_parser *parser)
{
	bool value = parse_and(parser);

	while (next_word(parser) && !strcmp(next_word(parser), "-o")) {
		parser->at++;
		value = parse_and(parser) || value;
	}
	return value;
}

int test_main(int argc, char **argv)
{
	struct test_parser parser = {argv + 1, argc - 1, 0, false};

	if (!strcmp(argv[0], "[")) {
		if (argc < 2 || strcmp(argv[argc - 1], "]")) {
			fprintf(stderr, "[: missing ']'\n");
			return 2;
		}
		parser.count--;
	}
	if (!parser.count)
		return 1;
	bool value = parse_or(&parser);

	if (!parser.failed && parser.at < parser.count) {
		fprintf(stderr, "test: %s: unexpected\n", parser.words[parser.at]);
		parser.failed = true;
	}
	return parser.failed ? 2 : !value;
}
