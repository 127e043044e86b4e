/* SPDX-License-Identifier: MIT */
/* ramfs_many: 10,000 files created, listed, stat-ed, renamed and deleted in one directory; and
 * a listing stays correct while the entries are being removed (every entry that was there from
 * start to end is seen exactly once). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

#define FILES 10000

int main(void)
{
	char name[64], other[64];
	static unsigned char seen[FILES];
	struct stat info;
	int created = 0, stated = 0, renamed = 0, removed = 0, listed = 0;

	CHECK(mkdir("/tmp/many", 0755) == 0 && chdir("/tmp/many") == 0, "mkdir: %d", errno);
	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof(name), "file-%05d", i);
		int fd = open(name, O_CREAT | O_WRONLY | O_EXCL, 0644);
		if (fd >= 0 && write(fd, name, 10) == 10)
			created++;
		close(fd);
	}
	DIR *directory = opendir(".");
	struct dirent *entry;
	while ((entry = readdir(directory)))
		if (!strncmp(entry->d_name, "file-", 5) && ++seen[atoi(entry->d_name + 5)] == 1)
			listed++;
	closedir(directory);
	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof(name), "file-%05d", i);
		if (stat(name, &info) == 0 && info.st_size == 10)
			stated++;
		snprintf(other, sizeof(other), "renamed-%05d", i);
		if (rename(name, other) == 0)
			renamed++;
	}
	/* Remove the odd entries while listing; every even entry must still be seen once. */
	memset(seen, 0, sizeof(seen));
	directory = opendir(".");
	int evens = 0, twice = 0;
	while ((entry = readdir(directory))) {
		if (strncmp(entry->d_name, "renamed-", 8))
			continue;
		int index = atoi(entry->d_name + 8);
		if (seen[index]++)
			twice++;
		if (index % 2 == 0)
			evens++;
		else if (unlink(entry->d_name) == 0)
			removed++;
		if (index % 2 == 0 && index + 1 < FILES) {
			snprintf(other, sizeof(other), "renamed-%05d", index + 1);
			if (unlink(other) == 0) /* removing an entry ahead of the cursor */
				removed++;
		}
	}
	closedir(directory);
	for (int i = 0; i < FILES; i += 2) {
		snprintf(other, sizeof(other), "renamed-%05d", i);
		if (unlink(other) == 0)
			removed++;
	}
	printf("created %d, listed %d, stat-ed %d, renamed %d, removed %d\n", created, listed,
	       stated, renamed, removed);
	CHECK(created == FILES && listed == FILES && stated == FILES && renamed == FILES,
	      "created %d listed %d stated %d renamed %d", created, listed, stated, renamed);
	CHECK(evens == FILES / 2 && twice == 0, "listing during removal saw %d of %d, %d twice",
	      evens, FILES / 2, twice);
	CHECK(removed == FILES, "removed %d", removed);
	CHECK(chdir("/") == 0 && rmdir("/tmp/many") == 0, "directory empty at the end: %d", errno);
	return test_result();
}
