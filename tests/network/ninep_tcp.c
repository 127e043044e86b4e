// SPDX-License-Identifier: MIT
/* 9P over TCP from the guest (tests/network/test_network.py runs diod on the host side).
 *   ninep_tcp files ADDRESS PORT EXPORT    mount, copy EXPORT/source (20 MiB) to big, 200 small
 *                                          files, list, rename, remove, errors, unmount
 *   ninep_tcp refused ADDRESS PORT         nothing listens: ECONNREFUSED, quickly; bad options
 *   ninep_tcp lost ADDRESS PORT EXPORT     the server is killed while mounted: errors, no hang
 *   ninep_tcp broken ADDRESS PORT EIO|ECONNRESET  a server whose replies to reads break the
 *                                          protocol: that error, then at once, and umount
 *   ninep_tcp signals ADDRESS PORT EXPORT  8 MiB written and read back while a thread sends
 *                                          signals every few ms: the handler runs, the calls
 *                                          finish (an exchange begun is not cut short), the
 *                                          bytes are right
 * It makes one socket call (a probe), so that `yolk build` links the network stack. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../integration/check.h"

#define MOUNT_POINT "/mnt/9p"
#define BIG_SIZE    (20 << 20)
#define SMALL_FILES 200

static char options[512];
static const char *server_address, *server_port, *server_export;

static double now(void)
{
	struct timespec time;

	clock_gettime(CLOCK_MONOTONIC, &time);
	return (double)time.tv_sec + (double)time.tv_nsec / 1e9;
}

static int mount_server(const char *address, const char *port, const char *export)
{
	snprintf(options, sizeof(options), "trans=tcp,port=%s,aname=%s,version=9p2000.L", port,
		 export);
	return mount(address, MOUNT_POINT, "9p", 0, options);
}

/* Reads a whole file into a new buffer; its size in *size. */
static char *read_file(const char *path, size_t *size)
{
	int fd = open(path, O_RDONLY);
	struct stat status;

	if (fd < 0 || fstat(fd, &status))
		return NULL;
	char *data = malloc((size_t)status.st_size + 1);
	size_t done = 0;
	ssize_t count = 1;
	while (data && count > 0 && done <= (size_t)status.st_size) {
		count = read(fd, data + done, (size_t)status.st_size + 1 - done);
		done += count > 0 ? (size_t)count : 0;
	}
	close(fd);
	*size = done;
	return data;
}

/* Writes DATA in pieces of odd sizes (a whole message, less, more). */
static int write_file(const char *path, const char *data, size_t size)
{
	static const size_t pieces[] = {1 << 20, 4096, 131072, 200000, 1, 65536 + 7};
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	size_t done = 0;

	for (unsigned i = 0; fd >= 0 && done < size; i++) {
		size_t piece = pieces[i % 6] < size - done ? pieces[i % 6] : size - done;
		ssize_t count = write(fd, data + done, piece);
		if (count <= 0)
			break;
		done += (size_t)count;
	}
	return fd >= 0 && !close(fd) && done == size ? 0 : -1;
}

static void big_file(void)
{
	size_t size = 0, again = 0;
	char *source = read_file(MOUNT_POINT "/source", &size);

	CHECK(source && size == BIG_SIZE, "read source: %zu bytes (%s)", size, strerror(errno));
	if (!source)
		return;
	double started = now();
	CHECK(!write_file(MOUNT_POINT "/big", source, size), "write big: %s", strerror(errno));
	double written = now();
	char *copy = read_file(MOUNT_POINT "/big", &again);
	CHECK(copy && again == size && !memcmp(copy, source, size), "big read back: %zu bytes",
	      again);
	printf("big: %zu bytes written in %.2f s, read in %.2f s\n", size, written - started,
	       now() - written);
	free(source);
	free(copy);
}

static void small_files(void)
{
	char path[128], text[64];
	size_t size;

	CHECK(!mkdir(MOUNT_POINT "/small", 0755), "mkdir small: %s", strerror(errno));
	for (int i = 0; i < SMALL_FILES; i++) {
		snprintf(path, sizeof(path), MOUNT_POINT "/small/%03d", i);
		int length = snprintf(text, sizeof(text), "small file %d\n", i);
		CHECK(!write_file(path, text, (size_t)length), "write %s: %s", path,
		      strerror(errno));
	}
	DIR *directory = opendir(MOUNT_POINT "/small");
	int entries = 0;
	for (struct dirent *entry; directory && (entry = readdir(directory));)
		entries += entry->d_name[0] != '.';
	if (directory)
		closedir(directory);
	CHECK(entries == SMALL_FILES, "%d entries listed", entries);
	for (int i = 0; i < SMALL_FILES; i += 7) {
		snprintf(path, sizeof(path), MOUNT_POINT "/small/%03d", i);
		char *data = read_file(path, &size);
		int length = snprintf(text, sizeof(text), "small file %d\n", i);
		CHECK(data && size == (size_t)length && !memcmp(data, text, size), "read %s", path);
		free(data);
	}
	CHECK(!rename(MOUNT_POINT "/small/000", MOUNT_POINT "/small/renamed"), "rename: %s",
	      strerror(errno));
	for (int i = 100; i < SMALL_FILES; i++) {
		snprintf(path, sizeof(path), MOUNT_POINT "/small/%03d", i);
		CHECK(!unlink(path), "unlink %s: %s", path, strerror(errno));
	}
	printf("small: %d files written and listed\n", SMALL_FILES);
}

static void errors(void)
{
	struct stat status;

	CHECK(open(MOUNT_POINT "/missing", O_RDONLY) < 0 && errno == ENOENT, "open missing: %s",
	      strerror(errno));
	CHECK(stat(MOUNT_POINT "/small/000", &status) && errno == ENOENT, "the old name: %s",
	      strerror(errno));
	CHECK(unlink(MOUNT_POINT "/small/100") && errno == ENOENT, "unlink again: %s",
	      strerror(errno));
	CHECK(mkdir(MOUNT_POINT "/small", 0755) && errno == EEXIST, "mkdir again: %s",
	      strerror(errno));
	CHECK(rmdir(MOUNT_POINT "/small") && errno == ENOTEMPTY, "rmdir non-empty: %s",
	      strerror(errno));
	snprintf(options, sizeof(options), "trans=tcp,port=%s,aname=%s", server_port,
		 server_export);
	CHECK(mount(server_address, MOUNT_POINT "/source", "9p", 0, options) && errno == ENOTDIR,
	      "mount on a file: %s", strerror(errno));
}

static int files(const char *address, const char *port, const char *export)
{
	struct stat status;

	CHECK(!mount_server(address, port, export), "mount %s: %s", options, strerror(errno));
	printf("mounted %s:%s\n", address, port);
	big_file();
	small_files();
	errors();
	int fd = open(MOUNT_POINT "/big", O_RDONLY);
	CHECK(umount(MOUNT_POINT) && errno == EBUSY, "umount with a file open: %s",
	      strerror(errno));
	close(fd);
	CHECK(!umount(MOUNT_POINT), "umount: %s", strerror(errno));
	CHECK(stat(MOUNT_POINT "/big", &status) && errno == ENOENT, "big after umount: %s",
	      strerror(errno));
	printf("unmounted\n");
	fflush(stdout);
	sleep(3); /* the host looks for the connection meanwhile: closed */
	return test_result();
}

static void refused_option(const char *address, const char *text, int expected)
{
	errno = 0;
	CHECK(mount(address, MOUNT_POINT, "9p", 0, text) && errno == expected, "mount -o %s: %s",
	      text ? text : "(none)", strerror(errno));
}

static int refused(const char *address, const char *port)
{
	char text[128];
	double started = now();

	snprintf(text, sizeof(text), "trans=tcp,port=%s", port);
	errno = 0;
	CHECK(mount(address, MOUNT_POINT, "9p", 0, text) && errno == ECONNREFUSED,
	      "mount of a closed port: %s", strerror(errno));
	double took = now() - started;
	CHECK(took < 2, "ECONNREFUSED took %.2f s", took);
	printf("refused in %.3f s\n", took);
	refused_option(address, NULL, EINVAL);
	refused_option(address, "trans=virtio", EPROTONOSUPPORT);
	refused_option(address, "trans=tcp,version=9p2000.u", EINVAL);
	refused_option(address, "trans=tcp,msize=100", EINVAL);
	refused_option(address, "trans=tcp,port=70000", EINVAL);
	refused_option(address, "trans=tcp,cache=loose", EINVAL);
	refused_option("not-an-address", "trans=tcp", EINVAL);
	return test_result();
}

static int lost(const char *address, const char *port, const char *export)
{
	struct stat status;
	char buffer[4096];
	int fd = -1, error = 0;

	CHECK(!mount_server(address, port, export), "mount %s: %s", options, strerror(errno));
	CHECK(!stat(MOUNT_POINT "/source", &status), "stat source: %s", strerror(errno));
	printf("mounted %s:%s\n", address, port);
	fflush(stdout);
	double deadline = now() + 30;
	while (!error && now() < deadline) { /* until the host kills the server */
		fd = open(MOUNT_POINT "/source", O_RDONLY);
		if (fd < 0 || read(fd, buffer, sizeof(buffer)) < 0)
			error = errno;
		if (fd >= 0)
			close(fd);
		usleep(100000);
	}
	CHECK(error == ECONNRESET || error == EIO, "the error once the server went: %s",
	      strerror(error));
	CHECK(stat(MOUNT_POINT "/source", &status) && errno == ECONNRESET, "stat after: %s",
	      strerror(errno));
	CHECK(!umount(MOUNT_POINT), "umount: %s", strerror(errno));
	printf("lost: %s, then unmounted\n", strerror(error));
	return test_result();
}

#define SIGNALED_SIZE  (8 << 20)
#define SIGNALED_PIECE (1536 * 1024) /* more than one message */

static volatile int signals_caught, stop_signals;
static pthread_t main_thread;

static void count_signal(int number)
{
	(void)number;
	signals_caught++;
}

static void *send_signals(void *argument)
{
	struct timespec pause = {0, 3000000};

	(void)argument;
	for (unsigned i = 0; !stop_signals; i++) {
		pthread_kill(main_thread, SIGUSR1);
		pause.tv_nsec = 1000000 + (long)(i * 7919 % 5) * 1000000; /* 1 to 5 ms */
		nanosleep(&pause, NULL);
	}
	return NULL;
}

/* pwrite or pread of the whole range, again after each EINTR or short count; how many of
 * those came in *interrupted. */
static int transfer(int fd, char *data, size_t size, bool writing, int *interrupted)
{
	size_t done = 0;
	double deadline = now() + 120;

	while (done < size && now() < deadline) {
		size_t piece = size - done < SIGNALED_PIECE ? size - done : SIGNALED_PIECE;
		ssize_t count = writing ? pwrite(fd, data + done, piece, (off_t)done)
					: pread(fd, data + done, piece, (off_t)done);
		if (count < 0 && errno != EINTR)
			return -1;
		if (count < (ssize_t)piece)
			(*interrupted)++;
		done += count > 0 ? (size_t)count : 0;
	}
	return done == size ? 0 : -1;
}

static int signals(const char *address, const char *port, const char *export)
{
	struct sigaction action = {.sa_handler = count_signal}; /* no SA_RESTART */
	char *data = malloc(SIGNALED_SIZE), *back = calloc(1, SIGNALED_SIZE);
	int written_interrupted = 0, read_interrupted = 0, failed_stats = 0;
	pthread_t sender;
	struct stat status;

	CHECK(data && back, "memory");
	if (!data || !back)
		return test_result();
	for (size_t i = 0; i < SIGNALED_SIZE; i++)
		data[i] = (char)(i * 2654435761u >> 13);
	/* Messages of 1 MiB: more than the socket's send buffer, so sends block midway too. */
	snprintf(options, sizeof(options), "trans=tcp,port=%s,aname=%s,msize=1048576", port,
		 export);
	CHECK(!mount(address, MOUNT_POINT, "9p", 0, options), "mount %s: %s", options,
	      strerror(errno));
	sigaction(SIGUSR1, &action, NULL);
	main_thread = pthread_self();
	pthread_create(&sender, NULL, send_signals, NULL);
	int fd = open(MOUNT_POINT "/signaled", O_RDWR | O_CREAT | O_TRUNC, 0644);
	while (fd < 0 && errno == EINTR)
		fd = open(MOUNT_POINT "/signaled", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0, "open signaled: %s", strerror(errno));
	CHECK(!transfer(fd, data, SIGNALED_SIZE, true, &written_interrupted), "write: %s",
	      strerror(errno));
	CHECK(!transfer(fd, back, SIGNALED_SIZE, false, &read_interrupted), "read: %s",
	      strerror(errno));
	for (int i = 0; i < 200; i++) {
		if (!stat(MOUNT_POINT "/signaled", &status))
			continue;
		CHECK(errno == EINTR, "stat: %s", strerror(errno));
		failed_stats++;
	}
	stop_signals = 1;
	pthread_join(sender, NULL);
	CHECK(!memcmp(data, back, SIGNALED_SIZE), "the bytes read back differ");
	CHECK(!stat(MOUNT_POINT "/signaled", &status) && status.st_size == SIGNALED_SIZE,
	      "size after: %lld (%s)", (long long)status.st_size, strerror(errno));
	close(fd);
	CHECK(signals_caught > 10, "only %d signals caught", signals_caught);
	CHECK(!umount(MOUNT_POINT), "umount: %s", strerror(errno));
	printf("signals: %d caught; %d writes, %d reads and %d stats interrupted\n", signals_caught,
	       written_interrupted, read_interrupted, failed_stats);
	return test_result();
}

/* The server's replies to reads are broken (too long, too short, cut off): a read fails with
 * ERROR, the next call at once, and the filesystem still unmounts. */
static int broken(const char *address, const char *port, const char *expected)
{
	char buffer[100];
	struct stat status;
	int error = !strcmp(expected, "EIO") ? EIO : ECONNRESET;

	snprintf(options, sizeof(options), "trans=tcp,port=%s", port);
	CHECK(!mount(address, MOUNT_POINT, "9p", 0, options), "mount %s: %s", options,
	      strerror(errno));
	int fd = open(MOUNT_POINT "/signaled", O_RDONLY);
	CHECK(fd >= 0, "open: %s", strerror(errno));
	errno = 0;
	CHECK(read(fd, buffer, sizeof(buffer)) < 0 && errno == error, "read: %s", strerror(errno));
	double started = now();
	CHECK(stat(MOUNT_POINT "/signaled", &status) && errno == error, "stat: %s",
	      strerror(errno));
	CHECK(now() - started < 0.5, "the next call took %.2f s", now() - started);
	close(fd);
	CHECK(!umount(MOUNT_POINT), "umount: %s", strerror(errno));
	printf("broken: %s\n", strerror(error));
	return test_result();
}

int main(int argc, char **argv)
{
	int probe = socket(AF_INET, SOCK_STREAM, 0);

	close(probe);
	mkdir(MOUNT_POINT, 0755);
	server_address = argc > 2 ? argv[2] : "";
	server_port = argc > 3 ? argv[3] : "";
	server_export = argc > 4 ? argv[4] : "";
	if (argc == 5 && !strcmp(argv[1], "files"))
		return files(argv[2], argv[3], argv[4]);
	if (argc == 4 && !strcmp(argv[1], "refused"))
		return refused(argv[2], argv[3]);
	if (argc == 5 && !strcmp(argv[1], "lost"))
		return lost(argv[2], argv[3], argv[4]);
	if (argc == 5 && !strcmp(argv[1], "broken"))
		return broken(argv[2], argv[3], argv[4]);
	if (argc == 5 && !strcmp(argv[1], "signals"))
		return signals(argv[2], argv[3], argv[4]);
	fprintf(stderr,
		"usage: ninep_tcp files|refused|lost|broken|signals ADDRESS PORT [EXPORT]\n");
	return 2;
}
