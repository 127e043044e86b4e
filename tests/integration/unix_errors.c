/* SPDX-License-Identifier: MIT */
/* unix_errors: the error paths of AF_UNIX sockets, as Linux gives them: ECONNREFUSED (nobody
 * bound or listening there), ENOENT (no such path), EADDRINUSE (the path or abstract name is
 * taken), EINVAL (bad lengths and families, binding twice, listen unbound, accept on what does
 * not listen), EFAULT (an address or buffer running into an unmapped page), ENOTSOCK (a pipe),
 * EBADF, EPROTOTYPE, EOPNOTSUPP, ENOTCONN, ESOCKTNOSUPPORT and EPROTONOSUPPORT. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "check.h"

#define PAGE 4096ul

#define EXPECT_ERROR(call, expected)                                                               \
	do {                                                                                       \
		errno = 0;                                                                         \
		long result_ = (long)(call);                                                       \
		CHECK(result_ == -1 && errno == (expected), "%s: %ld, errno %d, expected %s",      \
		      #call, result_, errno, #expected);                                           \
	} while (0)

static struct sockaddr_un path_address(const char *path)
{
	struct sockaddr_un address = {.sun_family = AF_UNIX};

	strcpy(address.sun_path, path);
	return address;
}

static socklen_t path_length(const struct sockaddr_un *address)
{
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(address->sun_path) + 1);
}

static void check_names(void)
{
	struct sockaddr_un missing = path_address("/tmp/unix_errors.missing");
	struct sockaddr_un stale = path_address("/tmp/unix_errors.stale");
	struct sockaddr_un file = path_address("/tmp/unix_errors.file");
	struct sockaddr_un abstract = {.sun_family = AF_UNIX};
	socklen_t abstract_length = offsetof(struct sockaddr_un, sun_path) + 8;
	int stream = socket(AF_UNIX, SOCK_STREAM, 0), other = socket(AF_UNIX, SOCK_STREAM, 0);

	memcpy(abstract.sun_path, "\0nothere", 8);
	unlink(missing.sun_path);
	unlink(stale.sun_path);
	EXPECT_ERROR(connect(stream, (struct sockaddr *)&missing, path_length(&missing)), ENOENT);
	EXPECT_ERROR(connect(stream, (struct sockaddr *)&abstract, abstract_length), ECONNREFUSED);
	close(open(file.sun_path, O_CREAT | O_WRONLY, 0600));
	EXPECT_ERROR(connect(stream, (struct sockaddr *)&file, path_length(&file)), ECONNREFUSED);
	EXPECT_ERROR(bind(stream, (struct sockaddr *)&file, path_length(&file)), EADDRINUSE);

	/* A socket node whose socket is gone, or that is bound but does not listen. */
	CHECK(bind(other, (struct sockaddr *)&stale, path_length(&stale)) == 0, "bind: errno %d",
	      errno);
	EXPECT_ERROR(connect(stream, (struct sockaddr *)&stale, path_length(&stale)), ECONNREFUSED);
	EXPECT_ERROR(bind(other, (struct sockaddr *)&abstract, abstract_length), EINVAL);
	close(other);
	EXPECT_ERROR(connect(stream, (struct sockaddr *)&stale, path_length(&stale)), ECONNREFUSED);
	other = socket(AF_UNIX, SOCK_STREAM, 0);
	EXPECT_ERROR(bind(other, (struct sockaddr *)&stale, path_length(&stale)), EADDRINUSE);

	/* Abstract names are taken too, and free again once their socket is closed. */
	CHECK(bind(other, (struct sockaddr *)&abstract, abstract_length) == 0, "bind abstract");
	EXPECT_ERROR(bind(stream, (struct sockaddr *)&abstract, abstract_length), EADDRINUSE);
	close(other);
	CHECK(bind(stream, (struct sockaddr *)&abstract, abstract_length) == 0,
	      "an abstract name is free once its socket closed: errno %d", errno);

	/* A datagram socket's path is the wrong type for a stream. */
	int datagram = socket(AF_UNIX, SOCK_DGRAM, 0);
	unlink(stale.sun_path);
	CHECK(bind(datagram, (struct sockaddr *)&stale, path_length(&stale)) == 0, "bind dgram");
	other = socket(AF_UNIX, SOCK_STREAM, 0);
	EXPECT_ERROR(connect(other, (struct sockaddr *)&stale, path_length(&stale)), EPROTOTYPE);
	close(other);
	close(datagram);
	close(stream);
	unlink(stale.sun_path);
	unlink(file.sun_path);
}

static void check_arguments(void)
{
	struct sockaddr_un address = path_address("/tmp/unix_errors.arguments");
	struct sockaddr_storage large = {.ss_family = AF_UNIX};
	int stream = socket(AF_UNIX, SOCK_STREAM, 0), datagram = socket(AF_UNIX, SOCK_DGRAM, 0);
	char byte;

	EXPECT_ERROR(bind(stream, (struct sockaddr *)&address, 1), EINVAL);
	EXPECT_ERROR(bind(stream, (struct sockaddr *)&large, sizeof(large)), EINVAL);
	address.sun_family = AF_INET;
	EXPECT_ERROR(bind(stream, (struct sockaddr *)&address, sizeof(address)), EINVAL);
	EXPECT_ERROR(connect(stream, (struct sockaddr *)&address, sizeof(address)), EINVAL);
	address.sun_family = AF_UNIX;
	EXPECT_ERROR(connect(stream, (struct sockaddr *)&address, 2), EINVAL);
	EXPECT_ERROR(listen(stream, 1), EINVAL); /* unbound */
	EXPECT_ERROR(accept(stream, NULL, NULL), EINVAL);
	EXPECT_ERROR(listen(datagram, 1), EOPNOTSUPP);
	EXPECT_ERROR(send(stream, "x", 1, 0), ENOTCONN);
	EXPECT_ERROR(recv(stream, &byte, 1, 0), EINVAL);
	EXPECT_ERROR(socket(AF_UNIX, SOCK_PACKET, 0), ESOCKTNOSUPPORT);
	EXPECT_ERROR(socket(AF_UNIX, SOCK_STREAM, 5), EPROTONOSUPPORT);
	close(stream);
	close(datagram);
}

static void check_descriptors(void)
{
	struct sockaddr_un address = path_address("/tmp/unix_errors.fd");
	int fds[2], closed = socket(AF_UNIX, SOCK_STREAM, 0);
	socklen_t length = sizeof(address);

	CHECK(pipe(fds) == 0, "pipe");
	EXPECT_ERROR(bind(fds[0], (struct sockaddr *)&address, path_length(&address)), ENOTSOCK);
	EXPECT_ERROR(connect(fds[0], (struct sockaddr *)&address, path_length(&address)), ENOTSOCK);
	EXPECT_ERROR(send(fds[1], "x", 1, 0), ENOTSOCK);
	EXPECT_ERROR(getsockname(fds[0], (struct sockaddr *)&address, &length), ENOTSOCK);
	close(fds[0]);
	close(fds[1]);
	close(closed);
	EXPECT_ERROR(bind(closed, (struct sockaddr *)&address, path_length(&address)), EBADF);
	EXPECT_ERROR(listen(closed, 1), EBADF);
	EXPECT_ERROR(accept(closed, NULL, NULL), EBADF);
	EXPECT_ERROR(shutdown(closed, SHUT_RDWR), EBADF);
}

static void check_bad_pointers(void)
{
	unsigned char *pages =
	    mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fds[2], stream = socket(AF_UNIX, SOCK_STREAM, 0);

	munmap(pages + PAGE, PAGE);
	unsigned char *page_end = pages + PAGE;
	struct sockaddr_un *straddling = (struct sockaddr_un *)(page_end - 10);
	straddling->sun_family = AF_UNIX;
	memcpy(straddling->sun_path, "/tmp/xxx", 8);
	EXPECT_ERROR(bind(stream, (struct sockaddr *)straddling, sizeof(struct sockaddr_un)),
		     EFAULT);
	EXPECT_ERROR(connect(stream, (struct sockaddr *)straddling, sizeof(struct sockaddr_un)),
		     EFAULT);
	EXPECT_ERROR(socketpair(AF_UNIX, SOCK_STREAM, 0, (int *)(page_end - 4)), EFAULT);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0, "socketpair");
	CHECK(write(fds[0], "0123456789abcdefghij", 20) == 20, "write");
	EXPECT_ERROR(recv(fds[1], page_end - 10, 20, 0), EFAULT);
	EXPECT_ERROR(send(fds[0], page_end - 10, 20, 0), EFAULT);
	char buffer[32];
	CHECK(recv(fds[1], buffer, sizeof(buffer), 0) == 20,
	      "the data a faulting recv did not take is still there");
	close(fds[0]);
	close(fds[1]);
	close(stream);
	munmap(pages, PAGE);
}

int main(void)
{
	check_names();
	check_arguments();
	check_descriptors();
	check_bad_pointers();
	return test_result();
}
