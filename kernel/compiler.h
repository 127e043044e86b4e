/* SPDX-License-Identifier: MIT */
/* Compiler helpers used across the kernel: attributes, build-time checks, array sizes. */
#pragma once

#define ARRAY_SIZE(array)	(sizeof(array) / sizeof((array)[0]))
#define BUILD_BUG_ON(condition) _Static_assert(!(condition), #condition)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define likely(x)		__builtin_expect(!!(x), 1)
#define __noreturn		__attribute__((noreturn))
/* Run once or rarely (the boot): compiled for size, kept apart from the hot code. */
#define __cold				__attribute__((cold))
#define __packed			__attribute__((packed))
#define __aligned(n)			__attribute__((aligned(n)))
#define __printf_like(fmt, args)	__attribute__((format(printf, fmt, args)))
#define ALIGN_UP(x, a)			(((x) + (a)-1) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a)		((x) & ~((__typeof__(x))(a)-1))
#define MIN(a, b)			((a) < (b) ? (a) : (b))
#define MAX(a, b)			((a) > (b) ? (a) : (b))
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#ifndef __always_inline /* the host's C library has its own, for the unit tests */
#define __always_inline inline __attribute__((always_inline))
#endif
