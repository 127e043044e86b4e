// SPDX-License-Identifier: MIT
/* Console over the 16550 UART (see kernel/console.h). The receive interrupt does the line
 * discipline: echo, backspace, ^U, carriage return as newline, ^D as end of file. */
#include "kernel/console.h"
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "drivers/serial/uart16550.h"
#include "fs/devices.h"
#include "fs/poll.h"
#include "include/uapi/errno.h"
#include "include/uapi/linux.h"
#include "kernel/thread.h"
#include "lib/string.h"
#include "lib/byte_ring.h"

#define INPUT_BUFFER_SIZE 4096
#define CONTROL(letter)	  ((letter)&0x1f)

static unsigned char input_storage[INPUT_BUFFER_SIZE];
static struct byte_ring input = {input_storage, INPUT_BUFFER_SIZE, 0, 0};
static size_t completed_lines; /* bytes of input that form complete lines (readable) */
static struct wait_queue readers = {LIST_INIT(readers.waiters)};
static struct poll_waiters console_pollers = {LIST_INIT(console_pollers.entries)};
static unsigned end_of_file_marks;

void console_init(void)
{
	uart16550_init();
}

static void write_translated(const char *text, size_t length)
{
	size_t start = 0;

	for (size_t i = 0; i < length; i++) {
		if (text[i] != '\n')
			continue;
		uart16550_write(text + start, i - start);
		uart16550_write("\r\n", 2);
		start = i + 1;
	}
	uart16550_write(text + start, length - start);
}

void console_write_kernel(const char *text, size_t length)
{
	uint64_t flags = interrupts_save();

	write_translated(text, length);
	interrupts_restore(flags);
}

static void erase_one(void)
{
	unsigned char erased;

	if (byte_ring_count(&input) > completed_lines && byte_ring_unput(&input, &erased))
		write_translated("\b \b", 3);
}

/* Interrupt context. */
static void console_receive(unsigned char byte)
{
	if (byte == '\r')
		byte = '\n';
	if (byte == 0x7f || byte == '\b') {
		erase_one();
		return;
	}
	if (byte == CONTROL('U')) {
		while (byte_ring_count(&input) > completed_lines)
			erase_one();
		return;
	}
	if (byte == CONTROL('D')) {
		completed_lines = byte_ring_count(&input);
		if (!completed_lines)
			end_of_file_marks++;
		wait_queue_wake(&readers, ~0u);
		poll_notify(&console_pollers);
		return;
	}
	if (byte_ring_count(&input) >= INPUT_BUFFER_SIZE - 1 && byte != '\n')
		return; /* full: keep room for the newline that ends the line */
	if (!byte_ring_put(&input, byte))
		return;
	write_translated((const char *)&byte, 1);
	if (byte == '\n')
		completed_lines = byte_ring_count(&input);
	if (completed_lines) {
		wait_queue_wake(&readers, ~0u);
		poll_notify(&console_pollers);
	}
}

void console_enable_input(void)
{
	uart16550_enable_receive_interrupt(console_receive);
}

long console_read(char *buffer, size_t length)
{
	uint64_t flags = interrupts_save();
	long copied = 0;

	while (!completed_lines && !end_of_file_marks) {
		if (wait_queue_sleep(&readers, 0) == -EINTR) {
			interrupts_restore(flags);
			return -EINTR;
		}
	}
	if (completed_lines) {
		size_t wanted = length < completed_lines ? length : completed_lines;
		copied = (long)byte_ring_get(&input, buffer, wanted);
		completed_lines -= copied;
	} else {
		end_of_file_marks--;
	}
	interrupts_restore(flags);
	return copied;
}

static struct linux_termios console_termios = {
    .input_flags = 0x0500,   /* ICRNL | IXON */
    .output_flags = 0x0005,  /* OPOST | ONLCR */
    .control_flags = 0x00bf, /* B38400 | CS8 | CREAD | HUPCL */
    .local_flags = 0x8a3b,   /* ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN */
    .control_characters = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22},
};

static long console_file_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	(void)file, (void)offset;
	return count ? console_read(buffer, count) : 0;
}

static long console_file_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	(void)file, (void)offset;
	console_write_kernel(buffer, count);
	return (long)count;
}

static long console_file_ioctl(struct file *file, unsigned long request, void *argument)
{
	struct linux_winsize size = {.rows = 24, .columns = 80};

	(void)file;
	switch (request) {
	case TCGETS:
		memcpy(argument, &console_termios, sizeof(console_termios));
		return 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		/* Recorded; the tty layer (console issue) will act on it. */
		memcpy(&console_termios, argument, sizeof(console_termios));
		return 0;
	case TIOCGWINSZ:
		memcpy(argument, &size, sizeof(size));
		return 0;
	case FIONREAD:
		*(int *)argument = (int)completed_lines;
		return 0;
	default:
		return -ENOTTY;
	}
}

static unsigned console_file_poll(struct file *file, struct poll_table *table)
{
	(void)file;
	poll_wait(&console_pollers, table);
	return POLL_OUT | (completed_lines || end_of_file_marks ? POLL_IN : 0);
}

const struct file_operations console_file_operations = {
    .read = console_file_read,
    .write = console_file_write,
    .ioctl = console_file_ioctl,
    .poll = console_file_poll,
    .stream = true,
};

/* The size of each argument of the ioctls above, for the system-call layer's pointer check. */
long console_ioctl_argument_size(unsigned long request)
{
	switch (request) {
	case TCGETS:
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return sizeof(struct linux_termios);
	case TIOCGWINSZ:
		return sizeof(struct linux_winsize);
	case FIONREAD:
		return sizeof(int);
	default:
		return 0;
	}
}
