// SPDX-License-Identifier: MIT
/* The 9p mount options, in Linux's syntax: `trans=tcp,port=564,aname=PATH,uname=NAME,msize=N,
 * version=9p2000.L` (mount(2)'s data, from sys/file_paths.c). What Yolk does not do (other
 * protocol versions, caches, access modes) is refused by name rather than ignored. */
#include "fs/ninep.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "lib/string.h"

#define DEFAULT_PORT 564

/* A decimal number no larger than LIMIT: 0, or -EINVAL. */
static int parse_number(const char *text, uint64_t limit, uint64_t *value)
{
	*value = 0;
	if (!*text)
		return -EINVAL;
	for (; *text; text++) {
		if (*text < '0' || *text > '9')
			return -EINVAL;
		*value = *value * 10 + (uint64_t)(*text - '0');
		if (*value > limit)
			return -EINVAL;
	}
	return 0;
}

static int parse_option(char *option, struct ninep_options *options)
{
	char *value = strchr(option, '=');
	uint64_t number;

	if (!value)
		return -EINVAL;
	*value++ = 0;
	if (!strcmp(option, "trans")) {
		options->transport = value;
	} else if (!strcmp(option, "aname")) {
		options->attach_name = value;
	} else if (!strcmp(option, "uname")) {
		options->user_name = value;
	} else if (!strcmp(option, "port")) {
		if (parse_number(value, 65535, &number) || !number)
			return -EINVAL;
		options->port = (unsigned)number;
	} else if (!strcmp(option, "msize")) {
		if (parse_number(value, NINEP_MESSAGE_MAX, &number) || number < NINEP_MESSAGE_MIN)
			return -EINVAL;
		options->message_size = (uint32_t)number;
	} else if (!strcmp(option, "version")) {
		if (strcmp(value, "9p2000.L"))
			return -EINVAL; /* 9p2000 and 9p2000.u: not spoken here */
	} else {
		return -EINVAL;
	}
	return 0;
}

int ninep_parse_options(char *text, struct ninep_options *options)
{
	*options = (struct ninep_options){.attach_name = "",
					  .user_name = "root",
					  .message_size = NINEP_MESSAGE_SIZE,
					  .port = DEFAULT_PORT};
	while (text && *text) {
		char *next = strchr(text, ',');
		if (next)
			*next++ = 0;
		if (*text && parse_option(text, options)) {
			pr_warn("9p: mount option '%s' is unknown or has a bad value (msize: %u to "
				"%u; version: 9p2000.L)\n",
				text, NINEP_MESSAGE_MIN, NINEP_MESSAGE_MAX);
			return -EINVAL;
		}
		text = next;
	}
	return 0;
}
