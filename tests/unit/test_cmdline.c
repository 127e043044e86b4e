/* Kernel command-line splitting (kernel/cmdline.c). */
#include <stdio.h>
#include <string.h>
#include "kernel/cmdline.h"
#include "tests/unit/unit.h"

static struct cmdline parsed;

TEST(cmdline_arguments_after_separator)
{
	cmdline_parse(&parsed, "loglevel=7 HOME=/root -- hello.elf a \"c d\" e\\ f");
	CHECK_EQ(parsed.log_level, 7);
	CHECK_EQ(parsed.environment_count, 1u);
	CHECK(!strcmp(parsed.environment[0], "HOME=/root"));
	CHECK_EQ(parsed.argument_count, 4u);
	CHECK(!strcmp(parsed.arguments[0], "hello.elf"));
	CHECK(!strcmp(parsed.arguments[1], "a"));
	CHECK(!strcmp(parsed.arguments[2], "c d"));
	CHECK(!strcmp(parsed.arguments[3], "e f"));
	CHECK(parsed.arguments[4] == NULL);
	CHECK(parsed.environment[1] == NULL);
	CHECK(!parsed.truncated);
}

TEST(cmdline_streams_option_is_taken_out)
{
	cmdline_parse(&parsed, "yolk.streams=02 yolk.tsc_hz=2445399058 A=1 -- prog yolk.streams=1");
	CHECK_EQ(parsed.streams, 5u);
	CHECK(parsed.tsc_hz == 2445399058ull);
	CHECK_EQ(parsed.environment_count, 1u);
	CHECK_EQ(parsed.argument_count, 2u);
	CHECK(!strcmp(parsed.arguments[1], "yolk.streams=1"));
	cmdline_parse(&parsed, "-- prog");
	CHECK_EQ(parsed.streams, 0u);
}

TEST(cmdline_default_environment_fills_what_is_missing)
{
	cmdline_parse(&parsed, "HOME=/tmp yolk.cwd=/a\\ b -- prog");
	CHECK(!strcmp(parsed.working_directory, "/a b"));
	cmdline_add_default_environment(&parsed);
	CHECK_EQ(parsed.environment_count, 3u);
	CHECK(!strcmp(parsed.environment[0], "HOME=/tmp"));
	CHECK(!strncmp(parsed.environment[1], "PATH=", 5));
	CHECK(!strcmp(parsed.environment[2], "TERM=vt100"));
	CHECK(parsed.environment[3] == NULL);
}

TEST(cmdline_equals_after_separator_is_an_argument)
{
	cmdline_parse(&parsed, "-- prog K=V loglevel=3 --");
	CHECK_EQ(parsed.environment_count, 0u);
	CHECK_EQ(parsed.argument_count, 4u);
	CHECK(!strcmp(parsed.arguments[1], "K=V"));
	CHECK(!strcmp(parsed.arguments[2], "loglevel=3"));
	CHECK(!strcmp(parsed.arguments[3], "--"));
	CHECK_EQ(parsed.log_level, -1);
}

TEST(cmdline_empty_and_spaces)
{
	cmdline_parse(&parsed, "");
	CHECK_EQ(parsed.argument_count, 0u);
	cmdline_parse(&parsed, "   \t  ");
	CHECK_EQ(parsed.argument_count, 0u);
	CHECK_EQ(parsed.environment_count, 0u);
}

TEST(cmdline_escapes_and_empty_quoted_word)
{
	cmdline_parse(&parsed, "-- p \"\" \\\"q\\\" back\\\\slash");
	CHECK_EQ(parsed.argument_count, 4u);
	CHECK(!strcmp(parsed.arguments[1], ""));
	CHECK(!strcmp(parsed.arguments[2], "\"q\""));
	CHECK(!strcmp(parsed.arguments[3], "back\\slash"));
}

TEST(cmdline_too_many_words_is_reported)
{
	static char line[8192];
	char *out = line;

	out += sprintf(out, "--");
	for (int i = 0; i < CMDLINE_MAX_WORDS + 10; i++)
		out += sprintf(out, " w");
	cmdline_parse(&parsed, line);
	CHECK_EQ(parsed.argument_count, (unsigned)CMDLINE_MAX_WORDS);
	CHECK(parsed.truncated);
	CHECK(parsed.arguments[CMDLINE_MAX_WORDS] == NULL);
}

TEST(cmdline_too_long_is_truncated_not_overflowed)
{
	static char line[3 * CMDLINE_STORAGE];

	memset(line, 'x', sizeof(line) - 1);
	memcpy(line, "-- ", 3);
	cmdline_parse(&parsed, line);
	CHECK(parsed.truncated);
	CHECK_EQ(parsed.argument_count, 1u);
	CHECK(strlen(parsed.arguments[0]) < CMDLINE_STORAGE);
}

TEST(cmdline_takes_virtio_mmio_devices_anywhere)
{
	cmdline_parse(&parsed, "-- app a virtio_mmio.device=512@0xfeb00e00:12 b");
	CHECK_EQ(parsed.argument_count, 3u);
	CHECK(!strcmp(parsed.arguments[2], "b"));
	CHECK_EQ(parsed.virtio_mmio_count, 1u);
	CHECK(!strcmp(parsed.virtio_mmio_devices[0], "512@0xfeb00e00:12"));
}
