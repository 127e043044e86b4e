// SPDX-License-Identifier: MIT
/* touch FILE...: set each file's times to now, making it (empty) if it is missing. */
#include <fcntl.h>
#include <sys/stat.h>
#include "../command.h"

int touch_main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "touch: missing operand\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		if (!utimensat(AT_FDCWD, argv[i], NULL, 0))
			continue;
		int fd = errno == ENOENT ? open(argv[i], O_WRONLY | O_CREAT, 0666) : -1;

		if (fd < 0) {
			fprintf(stderr, "touch: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		close(fd);
	}
	return status;
}
