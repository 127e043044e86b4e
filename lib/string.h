/* SPDX-License-Identifier: MIT */
/* The kernel's own string and memory functions (the application has musl's; the kernel object
 * keeps these local so the two never meet at link time). */
#pragma once
#include <stddef.h>

void *memcpy(void *destination, const void *source, size_t length);
void *memmove(void *destination, const void *source, size_t length);
void *memset(void *destination, int value, size_t length);
int memcmp(const void *a, const void *b, size_t length);
size_t strlen(const char *text);
size_t strnlen(const char *text, size_t limit);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t length);
char *strchr(const char *text, int character);
char *strrchr(const char *text, int character);
/* Copies at most size-1 bytes and always terminates; returns strlen(source). */
size_t strlcpy(char *destination, const char *source, size_t size);
