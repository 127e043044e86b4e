/* SPDX-License-Identifier: MIT */
/* printf-style formatting for the kernel: %d %i %u %x %X %o %p %s %c %%, flags "-0+ #",
 * width and precision (also *), length modifiers hh h l ll z t j. No floating point. */
#pragma once
#include <stdarg.h>
#include <stddef.h>
#include "kernel/compiler.h"

/* Like vsnprintf: writes at most size bytes including the terminator, returns the length the
 * full output would have had. */
int format_vsnprintf(char *buffer, size_t size, const char *format, va_list args);
int format_snprintf(char *buffer, size_t size, const char *format, ...) __printf_like(3, 4);
