/* SPDX-License-Identifier: MIT */
/* Kernel log: printk-style levels, written to the console sink. */
#pragma once
#include <stdarg.h>
#include <stddef.h>
#include "kernel/compiler.h"

enum log_level {
	LOG_ERROR = 3,
	LOG_WARNING = 4,
	LOG_INFO = 6,
	LOG_DEBUG = 7,
};

/* Messages at or below this level are shown on the console (default LOG_WARNING). */
void log_set_console_level(int level);
int log_console_level(void);
/* The kept messages, oldest first (at most the newest `size` bytes), for dmesg; not consumed. */
size_t log_read_all(char *buffer, size_t size);
size_t log_size(void);
void log_print(int level, const char *format, ...) __printf_like(2, 3);
/* For a message that costs more to format than it is worth at boot: WRITE (which logs it) runs
 * when the log is next written or read, or at log_write_deferred (the end of boot, when the
 * console shows messages of that level), so the log keeps its order and a quiet boot formats
 * nothing. WRITE reads what it needs from where it was kept. */
void log_defer(void (*write)(void));
void log_write_deferred(void);
void log_vprint(int level, const char *format, va_list args);
/* Raw text to the console, no level, no prefix: for panic reports. */
void log_raw(const char *format, ...) __printf_like(1, 2);
void log_raw_write(const char *text, size_t length);

#define pr_error(...) log_print(LOG_ERROR, __VA_ARGS__)
#define pr_warn(...)  log_print(LOG_WARNING, __VA_ARGS__)
#define pr_info(...)  log_print(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) log_print(LOG_DEBUG, __VA_ARGS__)
