// SPDX-License-Identifier: MIT
/* sendfile from a file to a TCP socket over 127.0.0.1 and to a pipe: with an offset pointer
 * (the file's own position stays), without one (it moves), the bytes exact; and its errors. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>
#include "check.h"

#define SIZE (1u << 20)

static uint8_t byte_at(size_t i)
{
	return (uint8_t)(i * 7 + (i >> 9));
}

static void *receive_all(void *argument)
{
	int fd = (int)(intptr_t)argument;
	uint8_t buffer[65536];
	size_t total = 0, wrong = 0;
	ssize_t n;

	while ((n = read(fd, buffer, sizeof(buffer))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			wrong += buffer[i] != byte_at(100 + total + (size_t)i);
		total += (size_t)n;
	}
	CHECK(total == SIZE - 100 && !wrong, "%zu bytes through the socket, %zu wrong", total,
	      wrong);
	close(fd);
	return NULL;
}

int main(void)
{
	int file = open("/tmp/sendfile.data", O_RDWR | O_CREAT | O_TRUNC, 0644);
	uint8_t *data = malloc(SIZE);
	for (size_t i = 0; i < SIZE; i++)
		data[i] = byte_at(i);
	CHECK(write(file, data, SIZE) == SIZE, "the file is written");

	int server = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in address = {.sin_family = AF_INET};
	socklen_t length = sizeof(address);
	inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
	bind(server, (struct sockaddr *)&address, sizeof(address));
	listen(server, 1);
	getsockname(server, (struct sockaddr *)&address, &length);
	int client = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(client, (struct sockaddr *)&address, sizeof(address)) == 0, "connect");
	int accepted = accept(server, NULL, NULL);
	pthread_t thread;
	pthread_create(&thread, NULL, receive_all, (void *)(intptr_t)client);

	off_t offset = 100;
	lseek(file, 5, SEEK_SET);
	size_t sent = 0;
	while (sent < SIZE - 100) {
		ssize_t n = sendfile(accepted, file, &offset, SIZE - 100 - sent);
		if (n <= 0) {
			CHECK(0, "sendfile: %zd %s", n, strerror(errno));
			break;
		}
		sent += (size_t)n;
	}
	CHECK(offset == SIZE, "the offset moved to %lld", (long long)offset);
	CHECK(lseek(file, 0, SEEK_CUR) == 5, "the file's own position stayed");
	close(accepted);
	pthread_join(thread, NULL);

	int pipe_fds[2];
	char head[16];
	pipe(pipe_fds);
	lseek(file, 0, SEEK_SET);
	CHECK(sendfile(pipe_fds[1], file, NULL, 16) == 16, "16 bytes to a pipe");
	CHECK(lseek(file, 0, SEEK_CUR) == 16, "without an offset the position moves");
	CHECK(read(pipe_fds[0], head, 16) == 16 && !memcmp(head, data, 16), "the pipe has them");
	CHECK(sendfile(pipe_fds[1], 999, NULL, 1) < 0 && errno == EBADF, "EBADF");
	int directory = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK(sendfile(pipe_fds[1], directory, NULL, 1) < 0 && errno == EINVAL,
	      "EINVAL: directory");
	CHECK(sendfile(pipe_fds[1], file, (off_t *)8, 1) < 0 && errno == EFAULT, "EFAULT");
	return test_result();
}
