/* SPDX-License-Identifier: MIT */
/* stream_cat: copies standard input to standard output until end of file, with read and
 * write (no stdio buffering), 64 KiB at a time; exits 0 at end of file, 1 when a write fails,
 * 2 when a read does. */
#include <unistd.h>

int main(void)
{
	static char buffer[65536];
	ssize_t length;

	while ((length = read(0, buffer, sizeof(buffer))) > 0)
		for (ssize_t done = 0; done < length;) {
			ssize_t written = write(1, buffer + done, (size_t)(length - done));
			if (written <= 0)
				return 1;
			done += written;
		}
	return length < 0 ? 2 : 0;
}
