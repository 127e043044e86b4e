/* The 9p mount options (fs/ninep_options.c): Linux's syntax, defaults, refusals. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "fs/ninep.h"
#include "include/uapi/errno.h"
#include "tests/unit/unit.h"

static int warnings;

/* fs/ninep_options.c logs what it refuses. */
void log_print(int level, const char *format, ...)
{
	(void)level;
	(void)format;
	warnings++;
}

static int parse(const char *text, struct ninep_options *options)
{
	static char copy[256];

	snprintf(copy, sizeof(copy), "%s", text);
	return ninep_parse_options(copy, options);
}

TEST(ninep_options_defaults)
{
	struct ninep_options options;

	CHECK_EQ(ninep_parse_options(NULL, &options), 0);
	CHECK(options.transport == NULL);
	CHECK(!strcmp(options.attach_name, ""));
	CHECK(!strcmp(options.user_name, "root"));
	CHECK_EQ(options.port, 564);
	CHECK_EQ(options.message_size, NINEP_MESSAGE_SIZE);
	CHECK_EQ(parse("", &options), 0);
	CHECK_EQ(options.port, 564);
}

TEST(ninep_options_linux_syntax)
{
	struct ninep_options options;

	CHECK_EQ(parse("trans=tcp,port=5640,aname=/srv/export,uname=guest,msize=65536,"
		       "version=9p2000.L",
		       &options),
		 0);
	CHECK(!strcmp(options.transport, "tcp"));
	CHECK_EQ(options.port, 5640);
	CHECK(!strcmp(options.attach_name, "/srv/export"));
	CHECK(!strcmp(options.user_name, "guest"));
	CHECK_EQ(options.message_size, 65536);
	CHECK_EQ(parse("trans=tcp,,port=1,", &options), 0); /* empty fields are nothing */
	CHECK_EQ(options.port, 1);
	CHECK_EQ(parse("aname=", &options), 0);
	CHECK(!strcmp(options.attach_name, ""));
}

TEST(ninep_options_refused_by_name)
{
	struct ninep_options options;
	static const char *const refused[] = {
	    "port=0",
	    "port=65536",
	    "port=12x",
	    "port=",
	    "msize=4095",
	    "msize=1048641",
	    "msize=99999999999999999999",
	    "version=9p2000.u",
	    "version=9p2000",
	    "cache=loose",
	    "noextend",
	    "trans",
	};

	warnings = 0;
	for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		CHECK_EQ(parse(refused[i], &options), -EINVAL);
	CHECK_EQ(warnings, sizeof(refused) / sizeof(refused[0]));
	CHECK_EQ(parse("port=65535,msize=4096,msize=1048640", &options), 0);
	CHECK_EQ(options.port, 65535);
	CHECK_EQ(options.message_size, 1048640);
}
