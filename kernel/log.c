// SPDX-License-Identifier: MIT
/* The kernel log: every message is kept in a ring buffer (for dmesg), and those at or below the
 * console level are also written to the console, prefixed "yolk: ". A deferred message
 * (log_defer) is written when the log is next written or read. */
#include "kernel/log.h"
#include <stdbool.h>
#include "arch/x86_64/cpu.h"
#include "kernel/console.h"
#include "lib/byte_ring.h"
#include "lib/format.h"

#define LOG_BUFFER_SIZE 16384

static int console_level = LOG_WARNING;
static unsigned char log_storage[LOG_BUFFER_SIZE];
static struct byte_ring log_ring = {log_storage, LOG_BUFFER_SIZE, 0, 0};

#define DEFERRED_MAXIMUM 4
static void (*deferred[DEFERRED_MAXIMUM])(void);
static unsigned deferred_count;

/* The deferred messages, oldest first; the list is emptied first, since each one logs. */
static void write_deferred(void)
{
	void (*writers[DEFERRED_MAXIMUM])(void);
	uint64_t flags = interrupts_save(); /* a timer may defer one meanwhile */
	unsigned count = deferred_count;

	for (unsigned i = 0; i < count; i++)
		writers[i] = deferred[i];
	deferred_count = 0;
	interrupts_restore(flags);
	for (unsigned i = 0; i < count; i++)
		writers[i]();
}

void log_defer(void (*write)(void))
{
	uint64_t flags = interrupts_save();
	bool now = deferred_count == DEFERRED_MAXIMUM;

	if (!now)
		deferred[deferred_count++] = write;
	interrupts_restore(flags);
	if (now)
		write();
}

void log_write_deferred(void)
{
	if (deferred_count)
		write_deferred();
}

size_t log_read_all(char *buffer, size_t size)
{
	log_write_deferred();
	size_t count = byte_ring_count(&log_ring), skip = count > size ? count - size : 0;
	size_t copied = 0;

	/* The newest `size` bytes, oldest first, without consuming them. */
	for (size_t i = skip; i < count; i++)
		buffer[copied++] = log_ring.data[(log_ring.tail + i) & (log_ring.capacity - 1)];
	return copied;
}

size_t log_size(void)
{
	return log_ring.capacity;
}

int log_console_level(void)
{
	return console_level;
}

void log_set_console_level(int level)
{
	console_level = level;
}

static void log_keep(const char *text, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		unsigned char dropped;
		if (byte_ring_full(&log_ring))
			byte_ring_get(&log_ring, &dropped, 1);
		byte_ring_put(&log_ring, text[i]);
	}
}

void log_vprint(int level, const char *format, va_list args)
{
	char line[512];
	log_write_deferred();
	int length = format_vsnprintf(line, sizeof(line), format, args);

	if (length >= (int)sizeof(line))
		length = sizeof(line) - 1;
	log_keep(line, length);
	if (level <= console_level) {
		console_write_kernel("yolk: ", 6);
		console_write_kernel(line, length);
	}
}

void log_print(int level, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	log_vprint(level, format, args);
	va_end(args);
}

void log_raw_write(const char *text, size_t length)
{
	console_write_kernel(text, length);
}

void log_raw(const char *format, ...)
{
	char line[512];
	va_list args;

	va_start(args, format);
	int length = format_vsnprintf(line, sizeof(line), format, args);
	va_end(args);
	if (length >= (int)sizeof(line))
		length = sizeof(line) - 1;
	console_write_kernel(line, length);
}
