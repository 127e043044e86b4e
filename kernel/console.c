// SPDX-License-Identifier: MIT
/* The console: a Linux-compatible terminal over the 16550 UART and, when the machine has them,
 * the VGA screen and the PS/2 keyboard (see kernel/console.h). The
 * receive interrupt runs the line discipline the termios settings ask for: in canonical mode
 * (ICANON) erase, kill, word-erase and end-of-file edit a line that becomes readable at its
 * newline; otherwise bytes are readable at once (VMIN/VTIME). ISIG turns ^C and ^\ into
 * SIGINT and SIGQUIT for the program; ECHO (with ECHOCTL for control characters) echoes;
 * ICRNL maps carriage return to newline on input, OPOST|ONLCR newline to CR LF on output. */
#include "kernel/console.h"
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "drivers/serial/uart16550.h"
#include "drivers/video/vga_text.h"
#include "fs/devices.h"
#include "fs/poll.h"
#include "include/uapi/errno.h"
#include "include/uapi/linux.h"
#include "kernel/signal.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "lib/byte_ring.h"
#include "lib/string.h"

#define INPUT_BUFFER_SIZE 4096
#define SIGNAL_INTERRUPT  2
#define SIGNAL_QUIT	  3

/* termios flag bits (Linux). */
#define IGNCR	0000200
#define ICRNL	0000400
#define INLCR	0000100
#define OPOST	0000001
#define ONLCR	0000004
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define NOFLSH	0000200
#define ECHOCTL 0001000
/* control_characters indexes. */
#define VINTR	  0
#define VQUIT	  1
#define VERASE	  2
#define VKILL	  3
#define VEOF	  4
#define VTIME	  5
#define VMIN	  6
#define VWERASE	  14
#define TIOCGPGRP 0x540f
#define TIOCSPGRP 0x5410
#define TCFLSH	  0x540b

static unsigned char input_storage[INPUT_BUFFER_SIZE];
static struct byte_ring input = {input_storage, INPUT_BUFFER_SIZE, 0, 0};
static size_t readable; /* bytes a read may take: whole lines in canonical mode, all in raw */
static unsigned end_of_file_marks;
static struct wait_queue readers = {LIST_INIT(readers.waiters)};
static struct poll_waiters console_pollers = {LIST_INIT(console_pollers.entries)};
static struct linux_winsize window = {.rows = 24, .columns = 80};

static struct linux_termios termios = {
    .input_flags = ICRNL | 02000 /* IXON */,
    .output_flags = OPOST | ONLCR,
    .control_flags = 0x00bf, /* B38400 | CS8 | CREAD | HUPCL */
    .local_flags = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | 0004000 /* ECHOKE */ |
		   0100000 /* IEXTEN */,
    .control_characters = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22},
};

void console_init(void)
{
	uart16550_init();
}

/* Every output device: the serial port and the screen. */
static void output(const char *text, size_t length)
{
	uart16550_write(text, length);
	vga_text_write(text, length);
}

static void write_translated(const char *text, size_t length)
{
	size_t start = 0;

	if (!(termios.output_flags & OPOST) || !(termios.output_flags & ONLCR)) {
		output(text, length);
		return;
	}
	for (size_t i = 0; i < length; i++) {
		if (text[i] != '\n')
			continue;
		output(text + start, i - start);
		output("\r\n", 2);
		start = i + 1;
	}
	output(text + start, length - start);
}

void console_write_kernel(const char *text, size_t length)
{
	uint64_t flags = interrupts_save();

	write_translated(text, length);
	interrupts_restore(flags);
}

static bool canonical(void)
{
	return termios.local_flags & ICANON;
}

static void echo_byte(unsigned char byte)
{
	if (!(termios.local_flags & ECHO)) {
		if (byte == '\n' && (termios.local_flags & ECHONL))
			write_translated("\n", 1);
		return;
	}
	if (byte < 32 && byte != '\n' && byte != '\t' && (termios.local_flags & ECHOCTL)) {
		char shown[2] = {'^', (char)(byte + '@')};
		write_translated(shown, 2);
		return;
	}
	write_translated((const char *)&byte, 1);
}

static void wake_readers(void)
{
	wait_queue_wake(&readers, ~0u);
	poll_notify(&console_pollers);
}

/* Canonical editing: takes back the last byte of the line being typed. */
static bool erase_one(void)
{
	unsigned char erased;

	if (byte_ring_count(&input) <= readable || !byte_ring_unput(&input, &erased))
		return false;
	if (termios.local_flags & ECHO) {
		write_translated("\b \b", 3);
		if (erased < 32 && erased != '\t' && (termios.local_flags & ECHOCTL))
			write_translated("\b \b", 3);
	}
	return true;
}

static void erase_word(void)
{
	unsigned char last;

	/* Spaces first, then the word before them. */
	while (byte_ring_count(&input) > readable &&
	       (last = input.data[(input.head - 1) & (input.capacity - 1)]) == ' ')
		erase_one();
	while (byte_ring_count(&input) > readable &&
	       (last = input.data[(input.head - 1) & (input.capacity - 1)]) != ' ')
		erase_one();
}

static void interrupt_program(int signal, unsigned char byte)
{
	echo_byte(byte);
	if (!(termios.local_flags & NOFLSH)) {
		while (byte_ring_count(&input) > readable)
			erase_one();
	}
	signal_send_to_program(signal);
}

/* Canonical-mode editing characters; true when the byte was one. */
static bool edit_line(unsigned char byte)
{
	const uint8_t *keys = termios.control_characters;

	if (byte == keys[VERASE] || byte == '\b') {
		erase_one();
	} else if (byte == keys[VKILL]) {
		while (erase_one())
			;
	} else if (byte == keys[VWERASE]) {
		erase_word();
	} else if (byte == keys[VEOF]) {
		readable = byte_ring_count(&input);
		if (!readable)
			end_of_file_marks++;
		wake_readers();
	} else {
		return false;
	}
	return true;
}

void console_input(unsigned char byte)
{
	const uint8_t *keys = termios.control_characters;

	if (byte == '\r' && (termios.input_flags & IGNCR))
		return;
	if (byte == '\r' && (termios.input_flags & ICRNL))
		byte = '\n';
	else if (byte == '\n' && (termios.input_flags & INLCR))
		byte = '\r';
	if ((termios.local_flags & ISIG) && (byte == keys[VINTR] || byte == keys[VQUIT])) {
		interrupt_program(byte == keys[VINTR] ? SIGNAL_INTERRUPT : SIGNAL_QUIT, byte);
		return;
	}
	if (canonical() && edit_line(byte))
		return;
	/* A full line keeps room for the newline that ends it. */
	if (byte_ring_count(&input) >= INPUT_BUFFER_SIZE - 1 && !(canonical() && byte == '\n'))
		return;
	if (!byte_ring_put(&input, byte))
		return;
	echo_byte(byte);
	if (!canonical() || byte == '\n') {
		readable = byte_ring_count(&input);
		wake_readers();
	}
}

/* Whether console_input can take a byte without dropping it: a full buffer holds the serial
 * line back until the program reads. Except for one line longer than the whole buffer in
 * canonical mode: nothing in it is readable yet, so its excess is taken and dropped, as on
 * Linux, and its newline still comes. */
static bool console_has_room(void)
{
	return byte_ring_count(&input) < INPUT_BUFFER_SIZE - 1 || (canonical() && !readable);
}

void console_enable_input(void)
{
	uart16550_enable_receive_interrupt(console_input, console_has_room);
}

/* Raw mode: VMIN bytes (at least one when VMIN > 0), or what came within VTIME tenths. */
static uint64_t raw_deadline(void)
{
	uint8_t tenths = termios.control_characters[VTIME];

	return tenths ? time_monotonic_ns() + tenths * 100000000ull : 0;
}

long console_read(char *buffer, size_t length)
{
	uint64_t flags = interrupts_save();
	uint8_t minimum = termios.control_characters[VMIN];
	uint64_t deadline = canonical() ? 0 : raw_deadline();
	long copied = 0;

	while (!readable && !end_of_file_marks) {
		if (!canonical() && !minimum && !deadline)
			break; /* VMIN 0, VTIME 0: return at once */
		int woken = wait_queue_sleep(&readers, deadline);
		if (woken == -EINTR) {
			interrupts_restore(flags);
			return -EINTR;
		}
		if (woken == -ETIMEDOUT)
			break;
	}
	if (readable) {
		size_t wanted = length < readable ? length : readable;
		copied = (long)byte_ring_get(&input, buffer, wanted);
		readable -= copied;
		uart16550_resume_receive();
	} else if (end_of_file_marks) {
		end_of_file_marks--;
	}
	interrupts_restore(flags);
	return copied;
}

static long console_file_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	(void)file, (void)offset;
	if (!count)
		return 0;
	if ((file->flags & O_NONBLOCK) && !readable && !end_of_file_marks)
		return -EAGAIN;
	return console_read(buffer, count);
}

static long console_file_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	(void)file, (void)offset;
	console_write_kernel(buffer, count);
	return (long)count;
}

static void set_termios(const struct linux_termios *settings, bool flush)
{
	uint64_t flags = interrupts_save();

	termios = *settings;
	if (flush) {
		byte_ring_init(&input, input_storage, INPUT_BUFFER_SIZE);
		readable = 0;
	}
	/* Leaving canonical mode makes a partly typed line readable. */
	if (!canonical())
		readable = byte_ring_count(&input);
	uart16550_resume_receive();
	interrupts_restore(flags);
	wake_readers();
}

static long console_file_ioctl(struct file *file, unsigned long request, void *argument)
{
	(void)file;
	switch (request) {
	case TCGETS:
		memcpy(argument, &termios, sizeof(termios));
		return 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		set_termios(argument, request == TCSETSF);
		return 0;
	case TIOCGWINSZ:
		memcpy(argument, &window, sizeof(window));
		return 0;
	case TIOCSWINSZ:
		memcpy(&window, argument, sizeof(window));
		return 0;
	case TIOCGPGRP:
		*(int *)argument = 1; /* the program is the one foreground process group */
		return 0;
	case TIOCSPGRP:
		return *(int *)argument == 1 ? 0 : -EPERM;
	case TCFLSH:
		if ((unsigned long)argument == 0 || (unsigned long)argument == 2) {
			uint64_t flags = interrupts_save();
			byte_ring_init(&input, input_storage, INPUT_BUFFER_SIZE);
			readable = 0;
			uart16550_resume_receive();
			interrupts_restore(flags);
		}
		return (unsigned long)argument <= 2 ? 0 : -EINVAL;
	case FIONREAD:
		*(int *)argument = (int)readable;
		return 0;
	default:
		return -ENOTTY;
	}
}

static unsigned console_file_poll(struct file *file, struct poll_table *table)
{
	(void)file;
	poll_wait(&console_pollers, table);
	return POLL_OUT | (readable || end_of_file_marks ? POLL_IN : 0);
}

const struct file_operations console_file_operations = {
    .read = console_file_read,
    .write = console_file_write,
    .ioctl = console_file_ioctl,
    .poll = console_file_poll,
    .stream = true,
};

long console_ioctl_argument_size(unsigned long request)
{
	switch (request) {
	case TCGETS:
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return sizeof(struct linux_termios);
	case TIOCGWINSZ:
	case TIOCSWINSZ:
		return sizeof(struct linux_winsize);
	case FIONREAD:
	case TIOCGPGRP:
	case TIOCSPGRP:
		return sizeof(int);
	default:
		return 0; /* TCFLSH takes a number, not a pointer */
	}
}
