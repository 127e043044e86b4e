/* SPDX-License-Identifier: MIT */
/* efault_paths: a pointer argument that is not (entirely) in mapped memory gets -EFAULT from
 * the kernel instead of a fault inside it. Each call is tried with a low unmapped address, a
 * non-canonical address (a #GP, not a #PF, if the kernel touched it), a page that was just
 * unmapped, and a buffer that starts in a mapped page and runs into the unmapped page after it.
 * Calls that copy out only what fits (write, getrandom) may instead return a short count, as
 * Linux does for some files. On Linux, read(0) of an unmapped user buffer is not checked before
 * the read itself, so those cases run only on Yolk. System calls go in raw where musl's wrapper
 * would use the vDSO. */
#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define PAGE	      4096ul
#define NON_CANONICAL ((void *)0x8000000000000000ul)

static unsigned char *page_end; /* the end of a mapped page; the page after it is unmapped */

static void expect_efault(long result, const char *call)
{
	CHECK(result == -1 && errno == EFAULT, "%s returned %ld, errno %d, expected EFAULT", call,
	      result, errno);
}

/* For calls that may copy the part that fits: EFAULT, or a count short of `size`. */
static void expect_efault_or_short(long result, long size, const char *call)
{
	CHECK((result == -1 && errno == EFAULT) || (result >= 0 && result < size),
	      "%s returned %ld, errno %d, expected EFAULT or a short count", call, result, errno);
}

#define EFAULT_CASE(call)                                                                          \
	do {                                                                                       \
		errno = 0;                                                                         \
		expect_efault((long)(call), #call);                                                \
	} while (0)

#define EFAULT_OR_SHORT_CASE(call, size)                                                           \
	do {                                                                                       \
		errno = 0;                                                                         \
		expect_efault_or_short((long)(call), size, #call);                                 \
	} while (0)

/* A buffer whose first `inside` bytes are mapped and whose rest is not. */
static void *straddling(size_t inside)
{
	return page_end - inside;
}

static void check_read(void)
{
	struct iovec vector[2];
	struct iovec *vector_straddling = straddling(sizeof(vector[0]));

	EFAULT_CASE(read(0, NON_CANONICAL, 16));
	EFAULT_CASE(readv(0, (struct iovec *)1, 1));
	EFAULT_CASE(readv(0, NON_CANONICAL, 1));
	vector[0] = (struct iovec){NON_CANONICAL, 16};
	EFAULT_CASE(readv(0, vector, 1));
	vector_straddling[0] = (struct iovec){vector, 0};
	EFAULT_CASE(readv(0, vector_straddling, 2));
	if (test_on_linux())
		return; /* Linux would wait for input before it noticed these. */
	EFAULT_CASE(read(0, (void *)1, 16));
	EFAULT_CASE(read(0, NULL, 16));
	EFAULT_CASE(read(0, page_end, 16));
	EFAULT_CASE(read(0, straddling(8), 16));
	vector[0] = (struct iovec){page_end, 16};
	EFAULT_CASE(readv(0, vector, 1));
	vector[0] = (struct iovec){straddling(8), 16};
	EFAULT_CASE(readv(0, vector, 1));
}

static void check_write(void)
{
	struct iovec vector[2];
	struct iovec *vector_straddling = straddling(sizeof(vector[0]));
	char *text = straddling(8);

	EFAULT_CASE(write(1, (void *)1, 16));
	EFAULT_CASE(write(1, NON_CANONICAL, 16));
	EFAULT_CASE(write(1, page_end, 16));
	memcpy(text, "partial\n", 8);
	EFAULT_OR_SHORT_CASE(write(1, text, 16), 16);
	EFAULT_CASE(writev(1, (struct iovec *)1, 1));
	EFAULT_CASE(writev(1, NON_CANONICAL, 1));
	vector_straddling[0] = (struct iovec){"x", 0};
	EFAULT_CASE(writev(1, vector_straddling, 2));
	vector[0] = (struct iovec){(void *)1, 16};
	EFAULT_CASE(writev(1, vector, 1));
	vector[0] = (struct iovec){NON_CANONICAL, 16};
	EFAULT_CASE(writev(1, vector, 1));
	vector[0] = (struct iovec){text, 16};
	EFAULT_OR_SHORT_CASE(writev(1, vector, 1), 16);
}

static void check_copy_out(void)
{
	void *timespec_straddling = straddling(8);
	void *utsname_straddling = straddling(100);

	EFAULT_CASE(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)1));
	EFAULT_CASE(syscall(SYS_clock_gettime, CLOCK_REALTIME, NON_CANONICAL));
	EFAULT_CASE(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, page_end));
	EFAULT_CASE(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, timespec_straddling));
	EFAULT_CASE(syscall(SYS_clock_getres, CLOCK_MONOTONIC, (void *)1));
	EFAULT_CASE(syscall(SYS_clock_getres, CLOCK_MONOTONIC, timespec_straddling));
	EFAULT_CASE(syscall(SYS_gettimeofday, (void *)1, NULL));
	EFAULT_CASE(syscall(SYS_gettimeofday, timespec_straddling, NULL));
	EFAULT_CASE(syscall(SYS_time, (void *)1));
	EFAULT_CASE(uname((void *)1));
	EFAULT_CASE(uname(NON_CANONICAL));
	EFAULT_CASE(uname((struct utsname *)page_end));
	EFAULT_CASE(uname(utsname_straddling));
	EFAULT_CASE(sysinfo((void *)1));
	EFAULT_CASE(sysinfo(straddling(16)));
	EFAULT_CASE(getrandom((void *)1, 16, 0));
	EFAULT_CASE(getrandom(NON_CANONICAL, 16, 0));
	EFAULT_OR_SHORT_CASE(getrandom(straddling(8), 16, 0), 16);
	EFAULT_CASE(syscall(SYS_sched_getaffinity, 0, 128, (void *)1));
	EFAULT_CASE(syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, (void *)1));
	EFAULT_CASE(syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, straddling(8)));
}

static void check_copy_in(void)
{
	struct timespec *request = straddling(8);

	EFAULT_CASE(syscall(SYS_nanosleep, (void *)1, NULL));
	EFAULT_CASE(syscall(SYS_nanosleep, NON_CANONICAL, NULL));
	request->tv_sec = 0;
	EFAULT_CASE(syscall(SYS_nanosleep, request, NULL));
	EFAULT_CASE(syscall(SYS_rt_sigaction, SIGUSR1, (void *)1, NULL, 8));
	EFAULT_CASE(syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)1, NULL, 8));
}

int main(void)
{
	unsigned char *pages =
	    mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (pages == MAP_FAILED) {
		printf("RESULT FAIL mmap of two pages failed, errno %d\n", errno);
		return 1;
	}
	CHECK(munmap(pages + PAGE, PAGE) == 0, "munmap of the second page failed, errno %d", errno);
	page_end = pages + PAGE;
	check_read();
	check_write();
	check_copy_out();
	check_copy_in();
	/* The calls still work with good arguments. */
	struct timespec now;
	CHECK(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now) == 0, "clock_gettime failed after");
	CHECK(write(1, "still running\n", 14) == 14, "write failed after the EFAULT cases");
	return test_result();
}
