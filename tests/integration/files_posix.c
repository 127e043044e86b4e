/* SPDX-License-Identifier: MIT */
/* files_posix: POSIX file semantics on the ramfs root: open/creat/close, read/write/lseek,
 * pread/pwrite and their vector forms, stat/fstat/lstat/fstatat/statx, getdents64, mkdir(at),
 * rmdir, unlink(at), rename(at/2), link, symlink, readlink, chdir/fchdir/getcwd, truncate,
 * ftruncate, fallocate, fsync, dup/dup2/dup3, fcntl, access, umask, chmod, chown, utimensat,
 * statfs, FIONREAD, and each call's usual errors. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "check.h"

#define EXPECT_ERROR(call, code)                                                                   \
	do {                                                                                       \
		errno = 0;                                                                         \
		long result_ = (long)(call);                                                       \
		CHECK(result_ == -1 && errno == (code), "%s gave %ld errno %d, expected %s",       \
		      #call, result_, errno, #code);                                               \
	} while (0)

static int count_entries(const char *path, const char *wanted, int *found)
{
	DIR *directory = opendir(path);
	struct dirent *entry;
	int count = 0;

	*found = 0;
	if (!directory)
		return -1;
	while ((entry = readdir(directory))) {
		count++;
		if (!strcmp(entry->d_name, wanted))
			(*found)++;
	}
	closedir(directory);
	return count;
}

int main(void)
{
	char buffer[256];
	struct stat info;
	int found;

	CHECK(mkdir("/tmp/t", 0755) == 0, "mkdir /tmp/t: %d", errno);
	EXPECT_ERROR(mkdir("/tmp/t", 0755), EEXIST);
	EXPECT_ERROR(mkdir("/tmp/nope/x", 0755), ENOENT);
	CHECK(chdir("/tmp/t") == 0, "chdir: %d", errno);
	CHECK(getcwd(buffer, sizeof(buffer)) && !strcmp(buffer, "/tmp/t"), "getcwd gave %s",
	      buffer);
	errno = 0;
	CHECK(!getcwd(buffer, 3) && errno == ERANGE, "getcwd into 3 bytes: errno %d", errno);

	int fd = open("file", O_CREAT | O_RDWR | O_EXCL, 0644);
	CHECK(fd >= 3, "open O_CREAT gave %d errno %d", fd, errno);
	EXPECT_ERROR(open("file", O_CREAT | O_EXCL | O_RDWR, 0644), EEXIST);
	CHECK(write(fd, "hello world", 11) == 11, "write");
	CHECK(lseek(fd, 0, SEEK_CUR) == 11, "position after write");
	CHECK(lseek(fd, 6, SEEK_SET) == 6, "lseek SET");
	CHECK(read(fd, buffer, 100) == 5 && !memcmp(buffer, "world", 5), "read after lseek");
	CHECK(read(fd, buffer, 100) == 0, "read at end of file");
	CHECK(pwrite(fd, "W", 1, 6) == 1 && pread(fd, buffer, 5, 6) == 5 &&
		  !memcmp(buffer, "World", 5),
	      "pwrite/pread");
	CHECK(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "!", 1) == 1, "write past the end");
	CHECK(pread(fd, buffer, 4, 50) == 4 && !memcmp(buffer, "\0\0\0\0", 4),
	      "a hole reads zeros");
	EXPECT_ERROR(lseek(fd, -1, SEEK_SET), EINVAL);
	struct iovec parts[2] = {{"ab", 2}, {"cd", 2}};
	CHECK(pwritev(fd, parts, 2, 0) == 4 && pread(fd, buffer, 4, 0) == 4 &&
		  !memcmp(buffer, "abcd", 4),
	      "pwritev");
	CHECK(fstat(fd, &info) == 0 && info.st_size == 101 && S_ISREG(info.st_mode) &&
		  (info.st_mode & 0777) == 0644 && info.st_nlink == 1,
	      "fstat: size %ld mode %o links %ld", (long)info.st_size, info.st_mode,
	      (long)info.st_nlink);
	int available = -1;
	lseek(fd, 90, SEEK_SET);
	CHECK(ioctl(fd, FIONREAD, &available) == 0 && available == 11, "FIONREAD %d", available);
	CHECK(ftruncate(fd, 5) == 0 && fstat(fd, &info) == 0 && info.st_size == 5, "ftruncate");
	CHECK(fallocate(fd, 0, 0, 4096) == 0 && fstat(fd, &info) == 0 && info.st_size == 4096,
	      "fallocate");
	CHECK(fsync(fd) == 0 && fdatasync(fd) == 0, "fsync");

	int copy = dup(fd);
	CHECK(copy > fd && lseek(copy, 0, SEEK_CUR) == lseek(fd, 0, SEEK_CUR), "dup shares offset");
	CHECK(dup2(fd, 20) == 20 && fcntl(20, F_GETFD) == 0, "dup2");
	CHECK(dup3(fd, 21, O_CLOEXEC) == 21 && fcntl(21, F_GETFD) == FD_CLOEXEC, "dup3 cloexec");
	EXPECT_ERROR(dup3(fd, fd, 0), EINVAL);
	CHECK(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK) == 0 &&
		  (fcntl(fd, F_GETFL) & (O_APPEND | O_NONBLOCK)) == (O_APPEND | O_NONBLOCK),
	      "F_SETFL");
	CHECK(fcntl(fd, F_DUPFD_CLOEXEC, 30) == 30 && fcntl(30, F_GETFD) == FD_CLOEXEC, "F_DUPFD");
	struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	CHECK(fcntl(fd, F_SETLK, &lock) == 0, "F_SETLK");
	CHECK(close(copy) == 0 && close(20) == 0 && close(21) == 0 && close(30) == 0, "close");
	EXPECT_ERROR(close(copy), EBADF);
	EXPECT_ERROR(read(999, buffer, 1), EBADF);
	EXPECT_ERROR(fcntl(999, F_GETFD), EBADF);
	close(fd);

	CHECK(symlink("file", "link") == 0, "symlink");
	CHECK(readlink("link", buffer, sizeof(buffer)) == 4 && !memcmp(buffer, "file", 4),
	      "readlink");
	EXPECT_ERROR(readlink("file", buffer, sizeof(buffer)), EINVAL);
	CHECK(lstat("link", &info) == 0 && S_ISLNK(info.st_mode), "lstat sees the link");
	CHECK(stat("link", &info) == 0 && S_ISREG(info.st_mode), "stat follows the link");
	EXPECT_ERROR(open("link", O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK(symlink("loop2", "loop1") == 0 && symlink("loop1", "loop2") == 0, "loop links");
	EXPECT_ERROR(open("loop1", O_RDONLY), ELOOP);
	CHECK(link("file", "hard") == 0 && stat("file", &info) == 0 && info.st_nlink == 2,
	      "link: %ld links", (long)info.st_nlink);
	EXPECT_ERROR(link("file", "hard"), EEXIST);
	CHECK(rename("hard", "moved") == 0 && access("moved", F_OK) == 0 &&
		  access("hard", F_OK) == -1,
	      "rename");
	CHECK(syscall(SYS_renameat2, AT_FDCWD, "moved", AT_FDCWD, "file", 1 /* NOREPLACE */) ==
		      -1 &&
		  errno == EEXIST,
	      "RENAME_NOREPLACE");
	CHECK(mkdir("dir", 0700) == 0 && mkdir("dir/sub", 0700) == 0, "mkdir nested");
	EXPECT_ERROR(rmdir("dir"), ENOTEMPTY);
	EXPECT_ERROR(rename("dir", "dir/sub/inside"), EINVAL);
	EXPECT_ERROR(rmdir("file"), ENOTDIR);
	EXPECT_ERROR(unlink("dir"), EISDIR);
	EXPECT_ERROR(open("file/x", O_RDONLY), ENOTDIR);
	EXPECT_ERROR(open("dir", O_WRONLY), EISDIR);
	EXPECT_ERROR(open("missing", O_RDONLY), ENOENT);
	char long_name[300];
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = 0;
	EXPECT_ERROR(open(long_name, O_RDONLY), ENAMETOOLONG);
	EXPECT_ERROR(open((char *)1, O_RDONLY), EFAULT);
	CHECK(count_entries(".", "file", &found) == 8 && found == 1,
	      "readdir of /tmp/t: %d entries", count_entries(".", "file", &found));

	int directory = open("dir", O_RDONLY | O_DIRECTORY);
	CHECK(directory >= 0 && fchdir(directory) == 0 && getcwd(buffer, sizeof(buffer)) &&
		  !strcmp(buffer, "/tmp/t/dir"),
	      "fchdir: %s", buffer);
	CHECK(fstatat(directory, "sub", &info, 0) == 0 && S_ISDIR(info.st_mode), "fstatat");
	CHECK(unlinkat(directory, "sub", AT_REMOVEDIR) == 0, "unlinkat AT_REMOVEDIR");
	close(directory);
	CHECK(chdir("..") == 0 && rmdir("dir") == 0, "rmdir");

	mode_t old = umask(077);
	CHECK(old == 022, "umask was %o", old);
	fd = creat("private", 0666);
	CHECK(fd >= 0 && fstat(fd, &info) == 0 && (info.st_mode & 0777) == 0600,
	      "umask applied: %o", info.st_mode & 0777);
	close(fd);
	umask(old);
	CHECK(chmod("private", 0751) == 0 && stat("private", &info) == 0 &&
		  (info.st_mode & 07777) == 0751,
	      "chmod");
	CHECK(chown("private", 12, 34) == 0 && stat("private", &info) == 0 && info.st_uid == 12 &&
		  info.st_gid == 34,
	      "chown recorded");
	struct timespec times[2] = {{1000, 0}, {2000, 5}};
	CHECK(utimensat(AT_FDCWD, "private", times, 0) == 0 && stat("private", &info) == 0 &&
		  info.st_mtim.tv_sec == 2000 && info.st_mtim.tv_nsec == 5,
	      "utimensat");
	CHECK(access("private", X_OK) == 0, "root may execute a file with x bits");
	CHECK(truncate("private", 10) == 0 && stat("private", &info) == 0 && info.st_size == 10,
	      "truncate");
	struct statfs filesystem;
	CHECK(statfs("/", &filesystem) == 0 && filesystem.f_bsize == 4096 && filesystem.f_blocks,
	      "statfs");
	CHECK(unlink("private") == 0 && unlink("file") == 0 && unlink("moved") == 0 &&
		  unlink("link") == 0 && unlink("loop1") == 0 && unlink("loop2") == 0,
	      "unlink all");
	CHECK(count_entries(".", "file", &found) == 2 && found == 0, "directory empty again");
	CHECK(chdir("/") == 0 && rmdir("/tmp/t") == 0, "rmdir /tmp/t");
	EXPECT_ERROR(rmdir("/tmp/t"), ENOENT);

	CHECK(mkdir("/tmp/m", 0755) == 0 && mount("none", "/tmp/m", "tmpfs", 0, NULL) == 0,
	      "mount tmpfs: %d", errno);
	fd = open("/tmp/m/inside", O_CREAT | O_WRONLY, 0600);
	CHECK(fd >= 0, "a file in the mounted tmpfs");
	EXPECT_ERROR(umount("/tmp/m"), EBUSY);
	close(fd);
	CHECK(umount("/tmp/m") == 0 && access("/tmp/m/inside", F_OK) == -1, "umount");
	EXPECT_ERROR(umount("/tmp/m"), EINVAL);
	EXPECT_ERROR(mount("none", "/tmp/m", "nosuchfs", 0, NULL), ENODEV);
	CHECK(rmdir("/tmp/m") == 0, "rmdir the mount point");

	CHECK(stat("/dev/null", &info) == 0 && S_ISCHR(info.st_mode), "/dev/null is a device");
	fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0 && write(fd, "x", 1) == 1 && read(fd, buffer, 1) == 0, "/dev/null");
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	EXPECT_ERROR(write(fd, "x", 1), ENOSPC);
	close(fd);
	fd = open("/etc/hostname", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buffer, sizeof(buffer)) == 5 && !memcmp(buffer, "yolk\n", 5),
	      "/etc/hostname");
	close(fd);
	return test_result();
}
