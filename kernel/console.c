// SPDX-License-Identifier: MIT
/* The console: the terminal (kernel/terminal.c) over the 16550 UART and, when the machine has
 * them, the VGA screen and the PS/2 keyboard (see kernel/console.h). Its output takes every
 * byte at once; its input is held back at the UART while the line discipline's buffer is
 * full. It is the controlling terminal of the program's first session (process group 1). */
#include "kernel/console.h"
#include "drivers/serial/uart16550.h"
#include "drivers/video/vga_text.h"
#include "kernel/terminal.h"

#define IMAGE_SESSION 1

static struct terminal console;

/* Every output device: the serial port and the screen. */
static void put(struct terminal *terminal, const char *text, size_t length)
{
	(void)terminal;
	uart16550_write(text, length);
	vga_text_write(text, length);
}

static void input_room(struct terminal *terminal)
{
	(void)terminal;
	uart16550_resume_receive();
}

static const struct terminal_operations console_operations = {
    .put = put,
    .input_room = input_room,
};

void console_init(void)
{
	uart16550_init();
	terminal_init(&console, &console_operations);
	console.session = IMAGE_SESSION;
	console.foreground_group = IMAGE_SESSION;
}

void console_write_kernel(const char *text, size_t length)
{
	terminal_write_kernel(&console, text, length);
}

void console_input(unsigned char byte)
{
	terminal_input(&console, byte);
}

static bool console_has_room(void)
{
	return terminal_has_room(&console);
}

void console_enable_input(void)
{
	uart16550_enable_receive_interrupt(console_input, console_has_room);
}

static long console_file_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	(void)offset;
	return terminal_read(&console, buffer, count, file->flags & O_NONBLOCK);
}

static long console_file_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	(void)offset;
	return terminal_write(&console, buffer, count, file->flags & O_NONBLOCK);
}

static long console_file_ioctl(struct file *file, unsigned long request, void *argument)
{
	(void)file;
	return terminal_ioctl(&console, request, argument);
}

static unsigned console_file_poll(struct file *file, struct poll_table *table)
{
	(void)file;
	return terminal_poll(&console, table);
}

const struct file_operations console_file_operations = {
    .read = console_file_read,
    .write = console_file_write,
    .ioctl = console_file_ioctl,
    .poll = console_file_poll,
    .stream = true,
};
