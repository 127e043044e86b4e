// SPDX-License-Identifier: MIT
/* dmesg: the kernel's log ring, every level (syslog(2), SYSLOG_ACTION_READ_ALL). */
#include <sys/klog.h>
#include "../command.h"

#define SYSLOG_ACTION_READ_ALL	  3
#define SYSLOG_ACTION_SIZE_BUFFER 10

int dmesg_main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "dmesg: no options\n");
		return 2;
	}
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *buffer = size > 0 ? malloc((size_t)size) : NULL;
	int length = buffer ? klogctl(SYSLOG_ACTION_READ_ALL, buffer, size) : -1;

	if (length < 0) {
		fprintf(stderr, "dmesg: %s\n", strerror(errno));
		free(buffer);
		return 1;
	}
	fwrite(buffer, 1, (size_t)length, stdout);
	free(buffer);
	return ferror(stdout) ? 1 : 0;
}
