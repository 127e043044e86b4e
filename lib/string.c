// SPDX-License-Identifier: MIT
/* The kernel's memory and string functions. Simple loops: the hot copies (user buffers) use
 * rep movsb, which modern CPUs make fast; the compiler also emits calls to these. */
#include "lib/string.h"
#include <stdint.h>

void *memcpy(void *destination, const void *source, size_t length)
{
	void *result = destination;

	/* Copies up to a few hundred bytes (system-call structures, saved register frames) as
	 * plain moves: cheaper than starting rep movsb, much cheaper under emulation. */
	if (length <= 512) {
		unsigned char *to = destination;
		const unsigned char *from = source;
		for (; length >= 8; length -= 8, to += 8, from += 8)
			__builtin_memcpy(to, from, 8);
		while (length--)
			*to++ = *from++;
		return result;
	}
	/* Eight bytes at a time, then the rest: an emulator runs rep movs one element per step,
	 * so movsq is eight times faster there than movsb (and no slower on hardware). */
	size_t words = length / 8, rest = length % 8;

	__asm__ volatile("rep movsq" : "+D"(destination), "+S"(source), "+c"(words) : : "memory");
	__asm__ volatile("rep movsb" : "+D"(destination), "+S"(source), "+c"(rest) : : "memory");
	return result;
}

void *memmove(void *destination, const void *source, size_t length)
{
	unsigned char *to = destination;
	const unsigned char *from = source;

	if (to <= from || to >= from + length)
		return memcpy(destination, source, length);
	while (length--)
		to[length] = from[length];
	return destination;
}

void *memset(void *destination, int value, size_t length)
{
	void *result = destination;
	uint64_t pattern = 0x0101010101010101ull * (unsigned char)value;
	size_t words = length / 8, rest = length % 8;

	/* As memcpy: eight bytes a step (page clearing is most of what comes here). */
	__asm__ volatile("rep stosq" : "+D"(destination), "+c"(words) : "a"(pattern) : "memory");
	__asm__ volatile("rep stosb" : "+D"(destination), "+c"(rest) : "a"(pattern) : "memory");
	return result;
}

int memcmp(const void *a, const void *b, size_t length)
{
	const unsigned char *left = a, *right = b;

	for (size_t i = 0; i < length; i++)
		if (left[i] != right[i])
			return left[i] - right[i];
	return 0;
}

size_t strlen(const char *text)
{
	size_t length = 0;

	while (text[length])
		length++;
	return length;
}

size_t strnlen(const char *text, size_t limit)
{
	size_t length = 0;

	while (length < limit && text[length])
		length++;
	return length;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		if (a[i] != b[i] || !a[i])
			return (unsigned char)a[i] - (unsigned char)b[i];
	}
	return 0;
}

char *strchr(const char *text, int character)
{
	for (;; text++) {
		if (*text == (char)character)
			return (char *)text;
		if (!*text)
			return NULL;
	}
}

char *strrchr(const char *text, int character)
{
	const char *last = NULL;

	for (;; text++) {
		if (*text == (char)character)
			last = text;
		if (!*text)
			return (char *)last;
	}
}
