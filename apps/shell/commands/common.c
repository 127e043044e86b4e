// SPDX-License-Identifier: MIT
/* Helpers the commands share (see common.h). */
#include "common.h"
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../command.h"

void common_format_size(char *out, size_t size, uint64_t bytes, bool human)
{
	static const char units[] = "BKMGTPE";
	double value = (double)bytes;
	unsigned unit = 0;

	if (!human) {
		snprintf(out, size, "%llu", (unsigned long long)bytes);
		return;
	}
	while (value >= 1024 && unit < sizeof(units) - 2) {
		value /= 1024;
		unit++;
	}
	if (!unit)
		snprintf(out, size, "%llu", (unsigned long long)bytes);
	else if (value < 10)
		snprintf(out, size, "%.1f%c", value, units[unit]);
	else
		snprintf(out, size, "%.0f%c", value, units[unit]);
}

void common_mode_string(mode_t mode, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";

	out[0] = S_ISDIR(mode)	  ? 'd'
		 : S_ISLNK(mode)  ? 'l'
		 : S_ISCHR(mode)  ? 'c'
		 : S_ISBLK(mode)  ? 'b'
		 : S_ISFIFO(mode) ? 'p'
		 : S_ISSOCK(mode) ? 's'
				  : '-';
	for (int i = 0; i < 9; i++)
		out[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
	if (mode & S_ISUID)
		out[3] = out[3] == 'x' ? 's' : 'S';
	if (mode & S_ISGID)
		out[6] = out[6] == 'x' ? 's' : 'S';
	if (mode & S_ISVTX)
		out[9] = out[9] == 'x' ? 't' : 'T';
	out[10] = 0;
}

int common_copy_stream(FILE *in, FILE *out)
{
	char buffer[8192];
	ssize_t got;

	/* read(2) rather than fread: a terminal's line is passed on as it comes. */
	fflush(out);
	while ((got = read(fileno(in), buffer, sizeof(buffer))) != 0) {
		if (got < 0) {
			if (errno == EINTR && !command_interrupted())
				continue;
			return -1;
		}
		if (fwrite(buffer, 1, (size_t)got, out) != (size_t)got || fflush(out))
			return -1;
		if (command_interrupted()) {
			errno = EINTR;
			return -1;
		}
	}
	return 0;
}

FILE *common_open_input(const char *path)
{
	return strcmp(path, "-") ? fopen(path, "r") : stdin;
}

void common_close_input(FILE *file)
{
	if (file && file != stdin)
		fclose(file);
}
