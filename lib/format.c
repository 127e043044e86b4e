// SPDX-License-Identifier: MIT
/* printf-style formatting for kernel messages (see lib/format.h for what it accepts). */
#include "lib/format.h"
#include <stdbool.h>
#include <stdint.h>
#include "lib/string.h"

struct output {
	char *buffer;
	size_t size;
	size_t length;
};

struct conversion {
	bool left, zero, plus, space, alternate;
	int width, precision; /* precision -1: none */
	int length;	      /* 0 int, 1 long, 2 long long, -1 short, -2 char */
};

static void put(struct output *out, char character)
{
	if (out->length + 1 < out->size)
		out->buffer[out->length] = character;
	out->length++;
}

static void put_repeated(struct output *out, char character, int count)
{
	while (count-- > 0)
		put(out, character);
}

static void put_padded(struct output *out, const struct conversion *conv, const char *prefix,
		       const char *digits, int digit_count)
{
	int prefix_length = (int)strlen(prefix);
	int zeros = conv->precision > digit_count ? conv->precision - digit_count : 0;
	int padding = conv->width - prefix_length - zeros - digit_count;

	if (conv->zero && !conv->left && conv->precision < 0) {
		zeros += padding > 0 ? padding : 0;
		padding = 0;
	}
	if (!conv->left)
		put_repeated(out, ' ', padding);
	while (*prefix)
		put(out, *prefix++);
	put_repeated(out, '0', zeros);
	for (int i = 0; i < digit_count; i++)
		put(out, digits[i]);
	if (conv->left)
		put_repeated(out, ' ', padding);
}

static void put_number(struct output *out, const struct conversion *conv, uint64_t value,
		       bool negative, unsigned base, bool upper)
{
	const char *symbols = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char reversed[24], digits[24], prefix[4] = "";
	int count = 0;

	while (value) {
		reversed[count++] = symbols[value % base];
		value /= base;
	}
	if (count == 0 && conv->precision != 0)
		reversed[count++] = '0';
	for (int i = 0; i < count; i++)
		digits[i] = reversed[count - 1 - i];
	if (negative)
		strlcpy(prefix, "-", sizeof(prefix));
	else if (conv->plus && base == 10)
		strlcpy(prefix, "+", sizeof(prefix));
	else if (conv->space && base == 10)
		strlcpy(prefix, " ", sizeof(prefix));
	else if (conv->alternate && base == 16 && count && digits[0] != '0')
		strlcpy(prefix, upper ? "0X" : "0x", sizeof(prefix));
	else if (conv->alternate && base == 8 && digits[0] != '0')
		strlcpy(prefix, "0", sizeof(prefix));
	put_padded(out, conv, prefix, digits, count);
}

static const char *parse_conversion(const char *format, struct conversion *conv, va_list *args)
{
	*conv = (struct conversion){.precision = -1};
	for (;; format++) {
		if (*format == '-')
			conv->left = true;
		else if (*format == '0')
			conv->zero = true;
		else if (*format == '+')
			conv->plus = true;
		else if (*format == ' ')
			conv->space = true;
		else if (*format == '#')
			conv->alternate = true;
		else
			break;
	}
	if (*format == '*') {
		conv->width = va_arg(*args, int);
		if (conv->width < 0) {
			conv->left = true;
			conv->width = -conv->width;
		}
		format++;
	}
	while (*format >= '0' && *format <= '9')
		conv->width = conv->width * 10 + (*format++ - '0');
	if (*format == '.') {
		format++;
		conv->precision = 0;
		if (*format == '*') {
			conv->precision = va_arg(*args, int);
			format++;
		}
		while (*format >= '0' && *format <= '9')
			conv->precision = conv->precision * 10 + (*format++ - '0');
	}
	for (;; format++) {
		if (*format == 'l')
			conv->length = conv->length == 1 ? 2 : 1;
		else if (*format == 'h')
			conv->length = conv->length == -1 ? -2 : -1;
		else if (*format == 'z' || *format == 't' || *format == 'j')
			conv->length = 2;
		else
			break;
	}
	return format;
}

static int64_t signed_argument(const struct conversion *conv, va_list *args)
{
	if (conv->length >= 1)
		return va_arg(*args, long long);
	int value = va_arg(*args, int);
	if (conv->length == -1)
		return (short)value;
	if (conv->length == -2)
		return (signed char)value;
	return value;
}

static uint64_t unsigned_argument(const struct conversion *conv, va_list *args)
{
	if (conv->length >= 1)
		return va_arg(*args, unsigned long long);
	unsigned value = va_arg(*args, unsigned);
	if (conv->length == -1)
		return (unsigned short)value;
	if (conv->length == -2)
		return (unsigned char)value;
	return value;
}

static void put_string(struct output *out, const struct conversion *conv, const char *text)
{
	if (!text)
		text = "(null)";
	int length = (int)(conv->precision >= 0 ? strnlen(text, conv->precision) : strlen(text));
	struct conversion plain = *conv;

	plain.zero = false;
	plain.precision = -1;
	put_padded(out, &plain, "", text, length);
}

static void convert(struct output *out, const struct conversion *conv, char specifier,
		    va_list *args)
{
	switch (specifier) {
	case 'd':
	case 'i': {
		int64_t value = signed_argument(conv, args);
		put_number(out, conv, value < 0 ? -(uint64_t)value : (uint64_t)value, value < 0, 10,
			   false);
		break;
	}
	case 'u':
		put_number(out, conv, unsigned_argument(conv, args), false, 10, false);
		break;
	case 'x':
	case 'X':
		put_number(out, conv, unsigned_argument(conv, args), false, 16, specifier == 'X');
		break;
	case 'o':
		put_number(out, conv, unsigned_argument(conv, args), false, 8, false);
		break;
	case 'p': {
		struct conversion pointer = *conv;
		pointer.alternate = true;
		put_number(out, &pointer, (uintptr_t)va_arg(*args, void *), false, 16, false);
		break;
	}
	case 'c': {
		char character = (char)va_arg(*args, int);
		struct conversion plain = *conv;
		plain.precision = -1;
		put_padded(out, &plain, "", &character, 1);
		break;
	}
	case 's':
		put_string(out, conv, va_arg(*args, const char *));
		break;
	default:
		put(out, '%');
		put(out, specifier);
	}
}

int format_vsnprintf(char *buffer, size_t size, const char *format, va_list args)
{
	struct output out = {.buffer = buffer, .size = size};
	struct conversion conv;
	va_list copy;

	va_copy(copy, args);
	while (*format) {
		if (*format != '%') {
			put(&out, *format++);
			continue;
		}
		format++;
		if (*format == '%') {
			put(&out, *format++);
			continue;
		}
		format = parse_conversion(format, &conv, &copy);
		if (!*format)
			break;
		convert(&out, &conv, *format++, &copy);
	}
	va_end(copy);
	if (size)
		buffer[out.length < size ? out.length : size - 1] = 0;
	return (int)out.length;
}

int format_snprintf(char *buffer, size_t size, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	int length = format_vsnprintf(buffer, size, format, args);
	va_end(args);
	return length;
}
