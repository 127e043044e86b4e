/* SPDX-License-Identifier: MIT */
/* ninep_share: a host folder over 9P (yolk run --share): a file the host made is read byte-exact;
 * a 200 MiB file is streamed to the host (ninep_share.check compares its sha256); rename and
 * unlink reach the host; 2,000 small files are made, listed and stat-ed; fsync works; chmod and
 * utimensat reach the host's file (the .check reads them back). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

#define BIG (200u << 20)

/* A number from /proc/fs/9p/stats ("NAME N" lines); -1 if it is not there. */
static long long ninep_stat(const char *name)
{
	FILE *file = fopen("/proc/fs/9p/stats", "r");
	char key[32];
	long long value, found = -1;

	while (file && fscanf(file, "%31s %lld", key, &value) == 2)
		if (!strcmp(key, name))
			found = value;
	if (file)
		fclose(file);
	return found;
}

int main(void)
{
	static unsigned char block[1 << 20];
	char name[64];
	uint32_t state = 12345;
	size_t total = 0, mismatches = 0;
	ssize_t got;

	long long read_before = ninep_stat("read_bytes"), requests_before = ninep_stat("requests");
	int fd = open("/share/from-host.bin", O_RDONLY);
	CHECK(fd >= 0, "open from-host.bin: %d", errno);
	while (fd >= 0 && (got = read(fd, block, 65536 + 3)) > 0) {
		for (ssize_t i = 0; i < got; i++) {
			state = state * 1103515245 + 12345;
			mismatches += block[i] != (unsigned char)(state >> 24);
		}
		total += got;
	}
	close(fd);
	CHECK(total == 3 * 1024 * 1024 + 17 && !mismatches, "read %zu bytes, %zu differ", total,
	      mismatches);
	/* /proc/fs/9p/stats counted them: exactly the bytes read (nothing else read meanwhile). */
	CHECK(read_before >= 0 && ninep_stat("read_bytes") - read_before == (long long)total,
	      "9P read_bytes %lld then %lld", read_before, ninep_stat("read_bytes"));
	CHECK(ninep_stat("requests") > requests_before + 40, "9P requests %lld then %lld",
	      requests_before, ninep_stat("requests"));
	long long written_before = ninep_stat("write_bytes");

	fd = open("/share/from-guest.bin", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	CHECK(fd >= 0, "create from-guest.bin: %d", errno);
	for (size_t start = 0; fd >= 0 && start < BIG; start += sizeof(block)) {
		for (size_t i = 0; i < sizeof(block); i++)
			block[i] = (unsigned char)((start + i) * 131 + ((start + i) >> 12));
		if (write(fd, block, sizeof(block)) != sizeof(block)) {
			CHECK(0, "write at %zu: %d", start, errno);
			break;
		}
	}
	CHECK(fsync(fd) == 0, "fsync");
	close(fd);
	struct stat info;
	CHECK(stat("/share/from-guest.bin", &info) == 0 && info.st_size == BIG, "size %ld",
	      (long)info.st_size);

	CHECK(rename("/share/rename-me", "/share/renamed") == 0, "rename: %d", errno);
	CHECK(unlink("/share/remove-me") == 0, "unlink: %d", errno);
	CHECK(access("/share/remove-me", F_OK) == -1 && errno == ENOENT,
	      "removed file still there");
	CHECK(mkdir("/share/small", 0755) == 0, "mkdir: %d", errno);
	int made = 0, stated = 0, listed = 0;
	for (int i = 0; i < 2000; i++) {
		snprintf(name, sizeof(name), "/share/small/f%04d", i);
		int small = open(name, O_CREAT | O_WRONLY | O_EXCL, 0644);
		if (small >= 0 && write(small, name, 17) == 17)
			made++;
		close(small);
		if (stat(name, &info) == 0 && info.st_size == 17)
			stated++;
	}
	DIR *directory = opendir("/share/small");
	struct dirent *entry;
	while (directory && (entry = readdir(directory)))
		listed += entry->d_name[0] == 'f';
	if (directory)
		closedir(directory);
	CHECK(made == 2000 && stated == 2000 && listed == 2000, "made %d, stat-ed %d, listed %d",
	      made, stated, listed);
	/* One file opened twice is one inode: what one descriptor writes, the other's fstat sees.
	 */
	int writer = open("/share/twice", O_CREAT | O_RDWR, 0644);
	int reader = open("/share/twice", O_RDONLY);
	struct stat through_writer, through_reader;
	CHECK(writer >= 0 && reader >= 0 && write(writer, block, 100) == 100 &&
		  fstat(writer, &through_writer) == 0 && fstat(reader, &through_reader) == 0 &&
		  through_reader.st_size == 100 && through_reader.st_ino == through_writer.st_ino,
	      "two opens of one file: sizes %ld and %ld", (long)through_writer.st_size,
	      (long)through_reader.st_size);
	close(writer);
	close(reader);

	struct timespec times[2] = {{1000000000, 0}, {1234567890, 500}};
	CHECK(chmod("/share/renamed", 0640) == 0, "chmod: %d", errno);
	CHECK(utimensat(AT_FDCWD, "/share/renamed", times, 0) == 0, "utimensat: %d", errno);
	CHECK(stat("/share/renamed", &info) == 0 && (info.st_mode & 0777) == 0640 &&
		  info.st_mtim.tv_sec == 1234567890,
	      "mode %o, mtime %ld", info.st_mode & 0777, (long)info.st_mtim.tv_sec);
	CHECK(ninep_stat("write_bytes") - written_before >= BIG, "9P write_bytes %lld then %lld",
	      written_before, ninep_stat("write_bytes"));
	printf("200 MiB written, 2000 small files made\n");
	return test_result();
}
