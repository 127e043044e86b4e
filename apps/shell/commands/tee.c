// SPDX-License-Identifier: MIT
/* tee [-a] [FILE...]: standard input to standard output and to each FILE (-a: appended). */
#include "../command.h"

#define TEE_MAX_FILES 16

int tee_main(int argc, char **argv)
{
	const char *mode = "w";
	FILE *files[TEE_MAX_FILES];
	int count = 0, status = 0, option;
	char buffer[4096];
	ssize_t got;

	while ((option = getopt(argc, argv, "a")) != -1) {
		if (option != 'a')
			return 2;
		mode = "a";
	}
	if (argc - optind > TEE_MAX_FILES) {
		fprintf(stderr, "tee: at most %d files\n", TEE_MAX_FILES);
		return 2;
	}
	for (int i = optind; i < argc; i++) {
		if (!(files[count] = fopen(argv[i], mode))) {
			fprintf(stderr, "tee: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		count++;
	}
	while (!command_interrupted() && (got = read(fileno(stdin), buffer, sizeof(buffer))) > 0) {
		if (fwrite(buffer, 1, (size_t)got, stdout) != (size_t)got || fflush(stdout))
			status = 1;
		for (int i = 0; i < count; i++)
			if (fwrite(buffer, 1, (size_t)got, files[i]) != (size_t)got)
				status = 1;
	}
	for (int i = 0; i < count; i++)
		if (fclose(files[i]))
			status = 1;
	return status;
}
