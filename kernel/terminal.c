// SPDX-License-Identifier: MIT
/* The line discipline and job-control state every terminal shares (see kernel/terminal.h). */
#include "kernel/terminal.h"
#include "arch/x86_64/cpu.h"
#include "fs/devices.h"
#include "include/uapi/errno.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "lib/string.h"

#define SIGNAL_HANGUP	      1
#define SIGNAL_INTERRUPT      2
#define SIGNAL_QUIT	      3
#define SIGNAL_WINDOW_CHANGED 28

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
#define VINTR	0
#define VQUIT	1
#define VERASE	2
#define VKILL	3
#define VEOF	4
#define VTIME	5
#define VMIN	6
#define VWERASE 14
/* Terminal requests beyond include/uapi/linux.h's. */
#define TCFLSH	   0x540b
#define TIOCSCTTY  0x540e
#define TIOCGPGRP  0x540f
#define TIOCSPGRP  0x5410
#define TIOCOUTQ   0x5411
#define TIOCNOTTY  0x5422
#define TIOCGSID   0x5429
#define TIOCGPTN   0x80045430
#define TIOCSPTLCK 0x40045431

static const struct linux_termios initial_settings = {
    .input_flags = ICRNL | 02000 /* IXON */,
    .output_flags = OPOST | ONLCR,
    .control_flags = 0x00bf, /* B38400 | CS8 | CREAD | HUPCL */
    .local_flags = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | 0004000 /* ECHOKE */ |
		   0100000 /* IEXTEN */,
    .control_characters = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22},
};

void terminal_init(struct terminal *terminal, const struct terminal_operations *operations)
{
	terminal->operations = operations;
	byte_ring_init(&terminal->input, terminal->input_storage, TERMINAL_INPUT_SIZE);
	terminal->readable = 0;
	terminal->end_of_file_marks = 0;
	wait_queue_init(&terminal->readers);
	wait_queue_init(&terminal->writers);
	poll_waiters_init(&terminal->pollers);
	terminal->termios = initial_settings;
	terminal->window = (struct linux_winsize){.rows = 24, .columns = 80};
	terminal->session = 0;
	terminal->foreground_group = 0;
	terminal->hung_up = false;
}

static size_t output_room(struct terminal *terminal)
{
	return terminal->operations->room ? terminal->operations->room(terminal) : (size_t)-1;
}

/* Output processing of as much of `text` as fits the output's room; returns the bytes of
 * `text` taken. A newline that becomes CR LF goes whole or waits. */
static size_t put_processed(struct terminal *terminal, const char *text, size_t length)
{
	bool crlf =
	    (terminal->termios.output_flags & OPOST) && (terminal->termios.output_flags & ONLCR);
	size_t room = output_room(terminal), taken = 0;

	while (taken < length && room) {
		size_t run = 0;
		while (taken + run < length && run < room && !(crlf && text[taken + run] == '\n'))
			run++;
		if (run) {
			terminal->operations->put(terminal, text + taken, run);
			taken += run;
			room -= run;
			continue;
		}
		if (room < 2)
			break;
		terminal->operations->put(terminal, "\r\n", 2);
		taken++;
		room -= 2;
	}
	return taken;
}

void terminal_write_kernel(struct terminal *terminal, const char *text, size_t length)
{
	uint64_t flags = interrupts_save();

	put_processed(terminal, text, length);
	interrupts_restore(flags);
}

long terminal_write(struct terminal *terminal, const char *text, size_t length, bool nonblocking)
{
	uint64_t flags = interrupts_save();
	size_t written = 0;
	long result = 0;

	while (written < length) {
		if (terminal->hung_up) {
			result = -EIO;
			break;
		}
		size_t taken = put_processed(terminal, text + written, length - written);
		written += taken;
		if (taken || written == length)
			continue;
		if (nonblocking) {
			result = -EAGAIN;
			break;
		}
		result = wait_queue_sleep(&terminal->writers, 0);
		if (result)
			break;
	}
	interrupts_restore(flags);
	return written ? (long)written : result;
}

void terminal_output_drained(struct terminal *terminal)
{
	wait_queue_wake(&terminal->writers, ~0u);
	poll_notify(&terminal->pollers);
}

static bool canonical(const struct terminal *terminal)
{
	return terminal->termios.local_flags & ICANON;
}

static void echo_byte(struct terminal *terminal, unsigned char byte)
{
	unsigned local = terminal->termios.local_flags;

	if (!(local & ECHO)) {
		if (byte == '\n' && (local & ECHONL))
			put_processed(terminal, "\n", 1);
		return;
	}
	if (byte < 32 && byte != '\n' && byte != '\t' && (local & ECHOCTL)) {
		char shown[2] = {'^', (char)(byte + '@')};
		put_processed(terminal, shown, 2);
		return;
	}
	put_processed(terminal, (const char *)&byte, 1);
}

static void wake_readers(struct terminal *terminal)
{
	wait_queue_wake(&terminal->readers, ~0u);
	poll_notify(&terminal->pollers);
}

/* Canonical editing: takes back the last byte of the line being typed. */
static bool erase_one(struct terminal *terminal)
{
	unsigned char erased;

	if (byte_ring_count(&terminal->input) <= terminal->readable ||
	    !byte_ring_unput(&terminal->input, &erased))
		return false;
	if (terminal->termios.local_flags & ECHO) {
		put_processed(terminal, "\b \b", 3);
		if (erased < 32 && erased != '\t' && (terminal->termios.local_flags & ECHOCTL))
			put_processed(terminal, "\b \b", 3);
	}
	return true;
}

static unsigned char last_typed(const struct terminal *terminal)
{
	const struct byte_ring *input = &terminal->input;

	return input->data[(input->head - 1) & (input->capacity - 1)];
}

static void erase_word(struct terminal *terminal)
{
	/* Spaces first, then the word before them. */
	while (byte_ring_count(&terminal->input) > terminal->readable &&
	       last_typed(terminal) == ' ')
		erase_one(terminal);
	while (byte_ring_count(&terminal->input) > terminal->readable &&
	       last_typed(terminal) != ' ')
		erase_one(terminal);
}

int terminal_signal_foreground(struct terminal *terminal, int signal)
{
	if (!terminal->foreground_group)
		return -ESRCH;
	return signal_send_to_group(terminal->foreground_group, signal);
}

static void interrupt_foreground(struct terminal *terminal, int signal, unsigned char byte)
{
	echo_byte(terminal, byte);
	if (!(terminal->termios.local_flags & NOFLSH)) {
		while (byte_ring_count(&terminal->input) > terminal->readable)
			erase_one(terminal);
	}
	terminal_signal_foreground(terminal, signal);
}

/* Canonical-mode editing characters; true when the byte was one. */
static bool edit_line(struct terminal *terminal, unsigned char byte)
{
	const uint8_t *keys = terminal->termios.control_characters;

	if (byte == keys[VERASE] || byte == '\b') {
		erase_one(terminal);
	} else if (byte == keys[VKILL]) {
		while (erase_one(terminal))
			;
	} else if (byte == keys[VWERASE]) {
		erase_word(terminal);
	} else if (byte == keys[VEOF]) {
		terminal->readable = byte_ring_count(&terminal->input);
		if (!terminal->readable)
			terminal->end_of_file_marks++;
		wake_readers(terminal);
	} else {
		return false;
	}
	return true;
}

void terminal_input(struct terminal *terminal, unsigned char byte)
{
	const struct linux_termios *settings = &terminal->termios;
	const uint8_t *keys = settings->control_characters;
	uint64_t flags = interrupts_save();

	if (byte == '\r' && (settings->input_flags & IGNCR))
		goto done;
	if (byte == '\r' && (settings->input_flags & ICRNL))
		byte = '\n';
	else if (byte == '\n' && (settings->input_flags & INLCR))
		byte = '\r';
	if ((settings->local_flags & ISIG) && (byte == keys[VINTR] || byte == keys[VQUIT])) {
		interrupt_foreground(terminal, byte == keys[VINTR] ? SIGNAL_INTERRUPT : SIGNAL_QUIT,
				     byte);
		goto done;
	}
	if (canonical(terminal) && edit_line(terminal, byte))
		goto done;
	/* A full line keeps room for the newline that ends it. */
	if (byte_ring_count(&terminal->input) >= TERMINAL_INPUT_SIZE - 1 &&
	    !(canonical(terminal) && byte == '\n'))
		goto done;
	if (!byte_ring_put(&terminal->input, byte))
		goto done;
	echo_byte(terminal, byte);
	if (!canonical(terminal) || byte == '\n') {
		terminal->readable = byte_ring_count(&terminal->input);
		wake_readers(terminal);
	}
done:
	interrupts_restore(flags);
}

/* A full buffer holds the input back until the program reads. Except for one line longer
 * than the whole buffer in canonical mode: nothing in it is readable yet, so its excess is
 * taken and dropped, as on Linux, and its newline still comes. */
bool terminal_has_room(const struct terminal *terminal)
{
	return byte_ring_count(&terminal->input) < TERMINAL_INPUT_SIZE - 1 ||
	       (canonical(terminal) && !terminal->readable);
}

static void input_has_room(struct terminal *terminal)
{
	if (terminal->operations->input_room)
		terminal->operations->input_room(terminal);
}

/* Raw mode: VMIN bytes (at least one when VMIN > 0), or what came within VTIME tenths. */
static uint64_t raw_deadline(const struct terminal *terminal)
{
	uint8_t tenths = terminal->termios.control_characters[VTIME];

	return tenths ? time_monotonic_ns() + tenths * 100000000ull : 0;
}

long terminal_read(struct terminal *terminal, char *buffer, size_t length, bool nonblocking)
{
	uint64_t flags = interrupts_save();
	uint8_t minimum = terminal->termios.control_characters[VMIN];
	uint64_t deadline = canonical(terminal) ? 0 : raw_deadline(terminal);
	long copied = 0;

	while (length && !terminal->readable && !terminal->end_of_file_marks &&
	       !terminal->hung_up) {
		if (nonblocking) {
			interrupts_restore(flags);
			return -EAGAIN;
		}
		if (!canonical(terminal) && !minimum && !deadline)
			break; /* VMIN 0, VTIME 0: return at once */
		int woken = wait_queue_sleep(&terminal->readers, deadline);
		if (woken == -EINTR) {
			interrupts_restore(flags);
			return -EINTR;
		}
		if (woken == -ETIMEDOUT)
			break;
	}
	if (terminal->readable) {
		size_t wanted = length < terminal->readable ? length : terminal->readable;
		copied = (long)byte_ring_get(&terminal->input, buffer, wanted);
		terminal->readable -= copied;
		input_has_room(terminal);
	} else if (terminal->end_of_file_marks && length) {
		terminal->end_of_file_marks--;
	}
	interrupts_restore(flags);
	return copied;
}

static void flush_input(struct terminal *terminal)
{
	byte_ring_init(&terminal->input, terminal->input_storage, TERMINAL_INPUT_SIZE);
	terminal->readable = 0;
	input_has_room(terminal);
}

static void set_settings(struct terminal *terminal, const struct linux_termios *settings,
			 bool flush)
{
	uint64_t flags = interrupts_save();

	terminal->termios = *settings;
	if (flush)
		flush_input(terminal);
	/* Leaving canonical mode makes a partly typed line readable. */
	if (!canonical(terminal))
		terminal->readable = byte_ring_count(&terminal->input);
	input_has_room(terminal);
	wake_readers(terminal);
	interrupts_restore(flags);
}

void terminal_set_window(struct terminal *terminal, const struct linux_winsize *window)
{
	bool changed = memcmp(&terminal->window, window, sizeof(*window)) != 0;

	terminal->window = *window;
	if (changed)
		terminal_signal_foreground(terminal, SIGNAL_WINDOW_CHANGED);
}

void terminal_hang_up(struct terminal *terminal)
{
	uint64_t flags = interrupts_save();

	terminal->hung_up = true;
	wake_readers(terminal);
	terminal_output_drained(terminal);
	terminal_signal_foreground(terminal, SIGNAL_HANGUP);
	interrupts_restore(flags);
}

/* TIOCSCTTY: the calling session leader takes the terminal as its controlling terminal (from
 * another session too: everybody is root). */
static long take_as_controlling(struct terminal *terminal)
{
	struct thread *current = thread_current();

	if (current->session != current->id && current->session != terminal->session)
		return -EPERM;
	terminal->session = current->session;
	terminal->foreground_group = current->process_group;
	return 0;
}

static long set_foreground_group(struct terminal *terminal, int group)
{
	if (group <= 0)
		return -EINVAL;
	if (terminal->session != thread_current()->session)
		return -ENOTTY;
	if (thread_group_session(group) != terminal->session)
		return -EPERM;
	terminal->foreground_group = group;
	return 0;
}

long terminal_ioctl(struct terminal *terminal, unsigned long request, void *argument)
{
	switch (request) {
	case TCGETS:
		memcpy(argument, &terminal->termios, sizeof(terminal->termios));
		return 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		set_settings(terminal, argument, request == TCSETSF);
		return 0;
	case TIOCGWINSZ:
		memcpy(argument, &terminal->window, sizeof(terminal->window));
		return 0;
	case TIOCSWINSZ:
		terminal_set_window(terminal, argument);
		return 0;
	case TIOCSCTTY:
		return take_as_controlling(terminal);
	case TIOCNOTTY:
		if (terminal->session != thread_current()->session)
			return -ENOTTY;
		terminal->session = 0;
		terminal->foreground_group = 0;
		return 0;
	case TIOCGPGRP:
		*(int *)argument = terminal->foreground_group;
		return 0;
	case TIOCSPGRP:
		return set_foreground_group(terminal, *(int *)argument);
	case TIOCGSID:
		if (!terminal->session)
			return -ENOTTY;
		*(int *)argument = terminal->session;
		return 0;
	case TCFLSH:
		if ((unsigned long)argument == 0 || (unsigned long)argument == 2) {
			uint64_t flags = interrupts_save();
			flush_input(terminal);
			interrupts_restore(flags);
		}
		return (unsigned long)argument <= 2 ? 0 : -EINVAL;
	case FIONREAD:
		*(int *)argument = (int)terminal->readable;
		return 0;
	case TIOCOUTQ:
		*(int *)argument = 0; /* output is handed on at once */
		return 0;
	default:
		return -ENOTTY;
	}
}

unsigned terminal_poll(struct terminal *terminal, struct poll_table *table)
{
	unsigned ready = 0;

	poll_wait(&terminal->pollers, table);
	if (terminal->readable || terminal->end_of_file_marks || terminal->hung_up)
		ready |= POLL_IN;
	if (terminal->hung_up)
		ready |= POLL_HUP;
	else if (output_room(terminal))
		ready |= POLL_OUT;
	return ready;
}

long terminal_ioctl_argument_size(unsigned long request)
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
	case TIOCOUTQ:
	case TIOCGPGRP:
	case TIOCSPGRP:
	case TIOCGSID:
	case TIOCGPTN:
	case TIOCSPTLCK:
		return sizeof(int);
	default:
		return 0; /* TCFLSH, TIOCSCTTY, TIOCSIG take a number, not a pointer */
	}
}
