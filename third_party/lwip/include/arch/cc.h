/* SPDX-License-Identifier: MIT */
/* lwIP's compiler and platform definitions for the Yolk kernel: freestanding, little-endian
 * x86-64; diagnostics go to the kernel log, and a failed lwIP assertion is a kernel warning
 * (logged once per place), never a halt. */
#pragma once
#include <stddef.h>
#include <stdint.h>

#define LWIP_NO_INTTYPES_H 1
#define LWIP_NO_LIMITS_H   1
#define LWIP_NO_UNISTD_H   1
#define LWIP_NO_CTYPE_H	   1
#define BYTE_ORDER	   LITTLE_ENDIAN

#define X8_F  "02x"
#define U16_F "u"
#define S16_F "d"
#define X16_F "x"
#define U32_F "u"
#define S32_F "d"
#define X32_F "x"
#define SZT_F "zu"

typedef long ssize_t;
#define SSIZE_MAX INT64_MAX
#define INT_MAX	  2147483647

void net_log_diagnostic(const char *format, ...) __attribute__((format(printf, 1, 2)));
void net_log_assertion(const char *message, const char *file, int line);
#define LWIP_PLATFORM_DIAG(message)   net_log_diagnostic message
#define LWIP_PLATFORM_ASSERT(message) net_log_assertion(message, __FILE__, __LINE__)

/* lwIP's byte-order helpers as the compiler's built-ins. */
#define lwip_htons(x) __builtin_bswap16(x)
#define lwip_htonl(x) __builtin_bswap32(x)
