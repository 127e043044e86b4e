// SPDX-License-Identifier: MIT
/* read, write, readv, writev, ioctl. Until the VFS exists the only files are the console on
 * descriptors 0, 1 and 2. */
#include "sys/syscalls.h"
#include "include/uapi/linux.h"
#include "kernel/console.h"
#include "sys/user_memory.h"

#define IOV_MAX 1024

static struct linux_termios console_termios = {
	.input_flags = 0x0500,	 /* ICRNL | IXON */
	.output_flags = 0x0005,	 /* OPOST | ONLCR */
	.control_flags = 0x00bf, /* B38400 | CS8 | CREAD | HUPCL */
	.local_flags = 0x8a3b,	 /* ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN */
	.control_characters = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22 },
};

static bool is_console(int fd)
{
	return fd >= 0 && fd <= 2;
}

long sys_read(int fd, char *buffer, size_t count)
{
	if (!is_console(fd))
		return -EBADF;
	if (!count)
		return 0;
	if (!user_writable(buffer, count))
		return -EFAULT;
	return console_read(buffer, count);
}

long sys_write(int fd, const char *buffer, size_t count)
{
	if (!is_console(fd))
		return -EBADF;
	if (!user_readable(buffer, count))
		return -EFAULT;
	console_write_kernel(buffer, count);
	return (long)count;
}

/* Checks the vector and every buffer in it; returns the total length or -errno. */
static long check_vector(const struct linux_iovec *vector, int count, int protection)
{
	uint64_t total = 0;

	if (count < 0 || count > IOV_MAX)
		return -EINVAL;
	if (!user_readable(vector, sizeof(*vector) * count))
		return -EFAULT;
	for (int i = 0; i < count; i++) {
		if (!vm_range_allowed((uint64_t)vector[i].base, vector[i].length, protection))
			return -EFAULT;
		total += vector[i].length;
		if (total > 0x7ffff000)
			return -EINVAL;
	}
	return (long)total;
}

long sys_readv(int fd, const struct linux_iovec *vector, int count)
{
	if (!is_console(fd))
		return -EBADF;
	long total = check_vector(vector, count, PROT_READ | PROT_WRITE);
	if (total <= 0)
		return total;
	/* One line at most, like a tty: fill the first non-empty buffer. */
	for (int i = 0; i < count; i++)
		if (vector[i].length)
			return console_read(vector[i].base, vector[i].length);
	return 0;
}

long sys_writev(int fd, const struct linux_iovec *vector, int count)
{
	if (!is_console(fd))
		return -EBADF;
	long total = check_vector(vector, count, PROT_READ);
	if (total < 0)
		return total;
	for (int i = 0; i < count; i++)
		console_write_kernel(vector[i].base, vector[i].length);
	return total;
}

long sys_ioctl(int fd, unsigned long request, void *argument)
{
	struct linux_winsize size = { 0 };

	if (!is_console(fd))
		return -EBADF;
	switch (request) {
	case TCGETS:
		return copy_to_user(argument, &console_termios, sizeof(console_termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		/* Recorded; the tty layer (console issue) will act on it. */
		return copy_from_user(&console_termios, argument, sizeof(console_termios));
	case TIOCGWINSZ:
		console_window_size(&size.rows, &size.columns);
		return copy_to_user(argument, &size, sizeof(size));
	default:
		return -ENOTTY;
	}
}
