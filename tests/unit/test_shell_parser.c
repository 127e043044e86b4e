/* The shell's grammar (apps/shell/parser.c): splitting lines, syntax errors, word expansion. */
#include <stdlib.h>
#include <string.h>
#include "apps/shell/parser.h"
#include "tests/unit/unit.h"

static const char *lookup(const char *name, void *context)
{
	(void)context;
	if (!strcmp(name, "?"))
		return "127";
	if (!strcmp(name, "HOME"))
		return "/root";
	if (!strcmp(name, "A"))
		return "a b*";
	if (!strcmp(name, "1"))
		return "first";
	return NULL;
}

/* A command's output for $( ... ): the command itself, with newlines after it. */
static char *substitute(const char *command, void *context)
{
	char *output = malloc(strlen(command) + 3);

	(void)context;
	if (output && strcmp(command, "fail"))
		sprintf(output, "%s\n\n", command);
	else
		free(output), output = NULL;
	return output;
}

/* Expands WORD and returns its fields joined by '|', in a static buffer. */
static const char *expand(const char *word)
{
	static char joined[256];
	struct expansion expansion = {0};
	static char error[64];

	struct parser_environment environment = {lookup, substitute, NULL};

	if (parser_expand_word(word, &environment, &expansion, error, sizeof(error)))
		return error;
	joined[0] = 0;
	for (int i = 0; i < expansion.count; i++) {
		if (i)
			strcat(joined, "|");
		strcat(joined, expansion.fields[i]);
	}
	parser_expansion_free(&expansion);
	return joined;
}

TEST(shell_parser_splits_pipelines_and_connectors)
{
	struct command_line line;
	char error[96];

	CHECK_EQ(parser_split("ls /proc | grep mem | wc -l && echo ok || echo no; sleep 1 &", &line,
			      error, sizeof(error)),
		 0);
	CHECK_EQ(line.pipeline_count, 4);
	CHECK_EQ(line.pipelines[0].stage_count, 3);
	CHECK_EQ(line.pipelines[0].stages[1].word_count, 2);
	CHECK(!strcmp(line.pipelines[0].stages[2].words[1], "-l"));
	CHECK(!strcmp(line.pipelines[0].text, "ls /proc | grep mem | wc -l"));
	CHECK_EQ(line.pipelines[1].connector, CONNECT_IF_SUCCESS);
	CHECK_EQ(line.pipelines[2].connector, CONNECT_IF_FAILURE);
	CHECK(line.pipelines[3].background);
	CHECK(!strcmp(line.pipelines[3].text, "sleep 1"));
	parser_free(&line);
}

TEST(shell_parser_reads_redirections_and_keeps_quotes_for_later)
{
	struct command_line line;
	char error[96];

	CHECK_EQ(
	    parser_split("cat <in >>'out file' 2>err 2>&1 \"a|b\"", &line, error, sizeof(error)),
	    0);
	CHECK_EQ(line.pipeline_count, 1);
	struct stage *stage = &line.pipelines[0].stages[0];

	CHECK_EQ(stage->word_count, 2);
	CHECK(!strcmp(stage->words[1], "\"a|b\""));
	CHECK_EQ(stage->redirect_count, 4);
	CHECK_EQ(stage->redirects[0].kind, REDIRECT_INPUT);
	CHECK_EQ(stage->redirects[1].kind, REDIRECT_APPEND);
	CHECK(!strcmp(stage->redirects[1].word, "'out file'"));
	CHECK_EQ(stage->redirects[2].kind, REDIRECT_ERROR);
	CHECK_EQ(stage->redirects[3].kind, REDIRECT_ERROR_TO_OUTPUT);
	parser_free(&line);
}

TEST(shell_parser_reports_syntax_errors)
{
	struct command_line line;
	char error[96];

	CHECK_EQ(parser_split("| wc", &line, error, sizeof(error)), -1);
	CHECK(strstr(error, "`|'") != NULL);
	CHECK_EQ(parser_split("echo 'open", &line, error, sizeof(error)), -1);
	CHECK(strstr(error, "unterminated") != NULL);
	CHECK_EQ(parser_split("ls >", &line, error, sizeof(error)), -1);
	CHECK_EQ(parser_split("ls &&", &line, error, sizeof(error)), -1);
	CHECK_EQ(parser_split("ls ; ; ls", &line, error, sizeof(error)), -1);
	CHECK_EQ(parser_split("   # only a comment", &line, error, sizeof(error)), 0);
	CHECK_EQ(line.pipeline_count, 0);
	parser_free(&line);
}

TEST(shell_parser_expands_quotes_variables_and_escapes)
{
	CHECK(!strcmp(expand("'$A'"), "$A"));
	CHECK(!strcmp(expand("\"$A\""), "a b*"));
	CHECK(!strcmp(expand("$?"), "127"));
	CHECK(!strcmp(expand("x${1}y"), "xfirsty"));
	CHECK(!strcmp(expand("$UNSET."), "."));
	CHECK(!strcmp(expand("\\$A"), "$A"));
	CHECK(!strcmp(expand("\"\\\"q\\\\\""), "\"q\\"));
	CHECK(!strcmp(expand("~/x"), "/root/x"));
	CHECK(!strcmp(expand("a~"), "a~"));
	CHECK(!strcmp(expand("cost$"), "cost$"));
	CHECK(!strcmp(expand("${"), "bad substitution"));
}

TEST(shell_parser_substitutes_commands)
{
	struct command_line line;
	char error[96];

	CHECK(!strcmp(expand("a$(echo (x) | wc)b"), "aecho (x) | wcb"));
	CHECK(!strcmp(expand("\"$(ls ')')\""), "ls ')'"));
	CHECK(!strcmp(expand("$(fail)"), "command substitution failed"));
	/* Splitting keeps a substitution in one word, spaces and operators included. */
	CHECK_EQ(parser_split("echo $(ls /proc | grep mem) done", &line, error, sizeof(error)), 0);
	CHECK_EQ(line.pipeline_count, 1);
	CHECK_EQ(line.pipelines[0].stage_count, 1);
	CHECK_EQ(line.pipelines[0].stages[0].word_count, 3);
	parser_free(&line);
	CHECK_EQ(parser_split("echo $(ls", &line, error, sizeof(error)), -1);
}

TEST(shell_parser_globs_only_unquoted_patterns)
{
	/* Nothing matches these, so the word stays as written, quotes removed. */
	CHECK(!strcmp(expand("/nonexistent-dir/*.c"), "/nonexistent-dir/*.c"));
	CHECK(!strcmp(expand("'/tests/unit/*'"), "/tests/unit/*"));
	/* A real match: this source file, found through a pattern. */
	CHECK(!strcmp(expand("tests/unit/test_shell_pars*.c"), "tests/unit/test_shell_parser.c"));
	CHECK(!strcmp(expand("tests/unit/test_shell_pars\\*.c"), "tests/unit/test_shell_pars*.c"));
}
