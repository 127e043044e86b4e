/* SPDX-License-Identifier: MIT */
/* pipes_poll: a 1 MiB transfer through a pipe between two threads with a checksum; EPIPE and
 * SIGPIPE once the reader is gone; poll and select on pipes with timeouts; epoll level- and
 * edge-triggered and one-shot; descriptors up to RLIMIT_NOFILE give EMFILE and recover; a named
 * FIFO's open blocks until the other end is opened (ENXIO for a non-blocking writer alone). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define TRANSFER (1 << 20)

static int pipe_fds[2];
static uint32_t written_sum;
static volatile sig_atomic_t got_sigpipe;

static void *writer(void *argument)
{
	static unsigned char block[7919];
	uint32_t state = 12345;
	size_t sent = 0;

	(void)argument;
	while (sent < TRANSFER) {
		size_t chunk = sent + sizeof(block) > TRANSFER ? TRANSFER - sent : sizeof(block);
		for (size_t i = 0; i < chunk; i++) {
			state = state * 1103515245 + 12345;
			block[i] = state >> 16;
			written_sum = written_sum * 31 + block[i];
		}
		for (size_t done = 0; done < chunk;) {
			ssize_t result = write(pipe_fds[1], block + done, chunk - done);
			if (result <= 0)
				return NULL;
			done += result;
		}
		sent += chunk;
	}
	close(pipe_fds[1]);
	return NULL;
}

static void on_sigpipe(int signal)
{
	(void)signal;
	got_sigpipe = 1;
}

static double now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static void test_transfer(void)
{
	pthread_t thread;
	unsigned char buffer[4096];
	uint32_t read_sum = 0;
	size_t total = 0;
	ssize_t result;

	CHECK(pipe(pipe_fds) == 0, "pipe: %d", errno);
	pthread_create(&thread, NULL, writer, NULL);
	while ((result = read(pipe_fds[0], buffer, sizeof(buffer))) > 0) {
		for (ssize_t i = 0; i < result; i++)
			read_sum = read_sum * 31 + buffer[i];
		total += result;
	}
	pthread_join(thread, NULL);
	close(pipe_fds[0]);
	CHECK(total == TRANSFER, "%zu bytes arrived, %d sent", total, TRANSFER);
	CHECK(read_sum == written_sum, "checksum %08x, sent %08x", read_sum, written_sum);
	printf("1 MiB through a pipe between two threads: checksum %08x\n", read_sum);
}

static void test_broken_pipe(void)
{
	int fds[2];

	signal(SIGPIPE, on_sigpipe);
	pipe(fds);
	close(fds[0]);
	errno = 0;
	CHECK(write(fds[1], "x", 1) == -1 && errno == EPIPE, "write to a pipe without reader");
	CHECK(got_sigpipe, "no SIGPIPE");
	close(fds[1]);
	pipe(fds);
	close(fds[1]);
	char byte;
	CHECK(read(fds[0], &byte, 1) == 0, "read from a pipe without writer is end of file");
	close(fds[0]);
}

static void test_poll_select(void)
{
	int fds[2];
	struct pollfd entry;
	fd_set readable;
	struct timeval timeout = {0, 30000};

	pipe(fds);
	entry = (struct pollfd){fds[0], POLLIN, 0};
	double start = now_ms();
	CHECK(poll(&entry, 1, 30) == 0, "poll on an empty pipe");
	CHECK(now_ms() - start >= 30, "poll timed out after %.1f ms", now_ms() - start);
	entry.fd = fds[1];
	entry.events = POLLOUT;
	CHECK(poll(&entry, 1, 0) == 1 && (entry.revents & POLLOUT), "pipe writable");
	write(fds[1], "ab", 2);
	entry = (struct pollfd){fds[0], POLLIN, 0};
	CHECK(poll(&entry, 1, -1) == 1 && entry.revents == POLLIN, "poll sees data: %x",
	      entry.revents);
	FD_ZERO(&readable);
	FD_SET(fds[0], &readable);
	CHECK(select(fds[0] + 1, &readable, NULL, NULL, &timeout) == 1 &&
		  FD_ISSET(fds[0], &readable),
	      "select sees data");
	char buffer[2];
	read(fds[0], buffer, 2);
	FD_ZERO(&readable);
	FD_SET(fds[0], &readable);
	timeout = (struct timeval){0, 30000};
	start = now_ms();
	CHECK(select(fds[0] + 1, &readable, NULL, NULL, &timeout) == 0 &&
		  !FD_ISSET(fds[0], &readable),
	      "select timed out");
	CHECK(now_ms() - start >= 30, "select timed out after %.1f ms", now_ms() - start);
	close(fds[1]);
	entry = (struct pollfd){fds[0], POLLIN, 0};
	CHECK(poll(&entry, 1, 0) == 1 && (entry.revents & POLLHUP), "POLLHUP after the writer");
	close(fds[0]);
	entry = (struct pollfd){500, POLLIN, 0};
	CHECK(poll(&entry, 1, 0) == 1 && entry.revents == POLLNVAL, "POLLNVAL for a closed fd");
}

static int epoll_count(int epoll, int timeout)
{
	struct epoll_event events[4];
	return epoll_wait(epoll, events, 4, timeout);
}

static void test_epoll(void)
{
	int level[2], edge[2], once[2];
	int epoll = epoll_create1(EPOLL_CLOEXEC);

	pipe(level);
	pipe(edge);
	pipe(once);
	struct epoll_event event = {.events = EPOLLIN, .data.fd = level[0]};
	CHECK(epoll_ctl(epoll, EPOLL_CTL_ADD, level[0], &event) == 0, "add level");
	CHECK(epoll_ctl(epoll, EPOLL_CTL_ADD, level[0], &event) == -1 && errno == EEXIST,
	      "add twice");
	event = (struct epoll_event){.events = EPOLLIN | EPOLLET, .data.fd = edge[0]};
	epoll_ctl(epoll, EPOLL_CTL_ADD, edge[0], &event);
	event = (struct epoll_event){.events = EPOLLIN | EPOLLONESHOT, .data.fd = once[0]};
	epoll_ctl(epoll, EPOLL_CTL_ADD, once[0], &event);
	CHECK(epoll_count(epoll, 20) == 0, "nothing ready yet");
	write(level[1], "x", 1);
	CHECK(epoll_count(epoll, 0) == 1 && epoll_count(epoll, 0) == 1,
	      "level-triggered reports while data waits");
	char byte;
	read(level[0], &byte, 1);
	CHECK(epoll_count(epoll, 0) == 0, "level: nothing after the read");
	write(edge[1], "x", 1);
	CHECK(epoll_count(epoll, 0) == 1, "edge: reported once");
	CHECK(epoll_count(epoll, 0) == 0, "edge: not again without new data");
	write(edge[1], "y", 1);
	CHECK(epoll_count(epoll, 0) == 1, "edge: new data is a new edge");
	write(once[1], "x", 1);
	CHECK(epoll_count(epoll, 0) == 1,
	      "one-shot reports its data (the edge pipe has no new edge)");
	write(once[1], "y", 1);
	CHECK(epoll_count(epoll, 0) == 0, "one-shot: disabled after firing");
	event = (struct epoll_event){.events = EPOLLIN | EPOLLONESHOT, .data.fd = once[0]};
	CHECK(epoll_ctl(epoll, EPOLL_CTL_MOD, once[0], &event) == 0 && epoll_count(epoll, 0) == 1,
	      "one-shot re-armed by MOD");
	CHECK(epoll_ctl(epoll, EPOLL_CTL_DEL, level[0], NULL) == 0, "del");
	CHECK(epoll_ctl(epoll, EPOLL_CTL_DEL, level[0], NULL) == -1 && errno == ENOENT,
	      "del twice");
	int file = open("/etc/hostname", O_RDONLY);
	event.events = EPOLLIN;
	CHECK(epoll_ctl(epoll, EPOLL_CTL_ADD, file, &event) == -1 && errno == EPERM,
	      "regular files are refused");
	close(file);
	close(epoll);
}

static void test_eventfd(void)
{
	int event = eventfd(3, EFD_NONBLOCK);
	uint64_t value = 0;
	struct pollfd entry = {event, POLLIN, 0};

	CHECK(event >= 0 && poll(&entry, 1, 0) == 1, "eventfd with 3 is readable");
	CHECK(read(event, &value, 8) == 8 && value == 3, "read the count: %llu",
	      (unsigned long long)value);
	errno = 0;
	CHECK(read(event, &value, 8) == -1 && errno == EAGAIN, "empty eventfd: EAGAIN");
	value = 5;
	CHECK(write(event, &value, 8) == 8 && write(event, &value, 8) == 8, "add twice");
	CHECK(read(event, &value, 8) == 8 && value == 10, "sum %llu", (unsigned long long)value);
	close(event);
	event = eventfd(2, EFD_SEMAPHORE);
	CHECK(read(event, &value, 8) == 8 && value == 1 && read(event, &value, 8) == 8 &&
		  value == 1,
	      "semaphore reads one at a time");
	close(event);
}

static void test_descriptor_limit(void)
{
	struct rlimit limit = {2000, 4096};
	static int fds[10000];
	int opened = 0;

	CHECK(setrlimit(RLIMIT_NOFILE, &limit) == 0, "setrlimit");
	for (int i = 0; i < 10000; i++) {
		int fd = open("/dev/null", O_RDONLY);
		if (fd < 0) {
			CHECK(errno == EMFILE, "open failed with %d, expected EMFILE", errno);
			break;
		}
		fds[opened++] = fd;
	}
	CHECK(opened > 1900 && opened < 2000, "opened %d descriptors under a limit of 2000",
	      opened);
	for (int i = 0; i < opened; i++)
		close(fds[i]);
	int fd = open("/dev/null", O_RDONLY);
	CHECK(fd >= 0 && fd < 10, "after closing them all, open gives %d", fd);
	close(fd);
}

#define FIFO_PATH "/tmp/pipes_poll.fifo"

static void *open_fifo_writer_late(void *argument)
{
	struct timespec pause = {0, 50 * 1000 * 1000};

	(void)argument;
	nanosleep(&pause, NULL);
	int fd = open(FIFO_PATH, O_WRONLY);

	if (fd >= 0 && write(fd, "fifo", 4) == 4)
		close(fd);
	return NULL;
}

static void test_fifo_open(void)
{
	pthread_t writer_thread;
	char buffer[8] = {0};

	CHECK(mkfifo(FIFO_PATH, 0600) == 0, "mkfifo: errno %d", errno);
	errno = 0;
	CHECK(open(FIFO_PATH, O_WRONLY | O_NONBLOCK) == -1 && errno == ENXIO,
	      "a non-blocking writer without a reader: ENXIO (errno %d)", errno);
	int nonblocking = open(FIFO_PATH, O_RDONLY | O_NONBLOCK);

	CHECK(nonblocking >= 0, "a non-blocking reader opens at once");
	close(nonblocking);
	/* A blocking reader waits for the writer that opens 50 ms later. */
	double start = now_ms();

	pthread_create(&writer_thread, NULL, open_fifo_writer_late, NULL);
	int reader = open(FIFO_PATH, O_RDONLY);

	CHECK(reader >= 0 && now_ms() - start >= 40, "the reader's open blocked for %.0f ms",
	      now_ms() - start);
	CHECK(read(reader, buffer, sizeof(buffer)) == 4 && !strcmp(buffer, "fifo"),
	      "read what the writer wrote: '%s'", buffer);
	pthread_join(writer_thread, NULL);
	close(reader);
	int both = open(FIFO_PATH, O_RDWR);

	CHECK(both >= 0, "O_RDWR opens at once");
	close(both);
	unlink(FIFO_PATH);
}

int main(void)
{
	test_fifo_open();
	test_transfer();
	test_broken_pipe();
	test_poll_select();
	test_epoll();
	test_eventfd();
	test_descriptor_limit();
	return test_result();
}
