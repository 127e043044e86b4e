// SPDX-License-Identifier: MIT
/* Console over the 16550 UART (see kernel/console.h). The receive interrupt does the line
 * discipline: echo, backspace, ^U, carriage return as newline, ^D as end of file. */
#include "kernel/console.h"
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "drivers/serial/uart16550.h"
#include "kernel/thread.h"
#include "lib/byte_ring.h"

#define INPUT_BUFFER_SIZE 4096
#define CONTROL(letter) ((letter) & 0x1f)

static unsigned char input_storage[INPUT_BUFFER_SIZE];
static struct byte_ring input = { input_storage, INPUT_BUFFER_SIZE, 0, 0 };
static size_t completed_lines; /* bytes of input that form complete lines (readable) */
static struct wait_queue readers = { LIST_INIT(readers.waiters) };
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
		return;
	}
	if (byte_ring_count(&input) >= INPUT_BUFFER_SIZE - 1 && byte != '\n')
		return; /* full: keep room for the newline that ends the line */
	if (!byte_ring_put(&input, byte))
		return;
	write_translated((const char *)&byte, 1);
	if (byte == '\n')
		completed_lines = byte_ring_count(&input);
	if (completed_lines)
		wait_queue_wake(&readers, ~0u);
}

void console_enable_input(void)
{
	uart16550_enable_receive_interrupt(console_receive);
}

long console_read(char *buffer, size_t length)
{
	uint64_t flags = interrupts_save();
	long copied = 0;

	while (!completed_lines && !end_of_file_marks)
		wait_queue_sleep(&readers, 0);
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

void console_window_size(unsigned short *rows, unsigned short *columns)
{
	*rows = 24;
	*columns = 80;
}
