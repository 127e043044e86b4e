/* SPDX-License-Identifier: MIT */
/* Fatal errors: boot failures and kernel corruption only, never what the application can cause. */
#pragma once
#include "kernel/compiler.h"

__noreturn void panic(const char *format, ...) __printf_like(1, 2);

#define ASSERT(condition)                                                                          \
	do {                                                                                       \
		if (unlikely(!(condition)))                                                        \
			panic("assertion failed: %s at %s:%d", #condition, __FILE__, __LINE__);    \
	} while (0)

#define WARN_ON_ONCE(condition)                                                                    \
	({                                                                                         \
		static int warned_;                                                                \
		int hit_ = !!(condition);                                                          \
		if (unlikely(hit_) && !warned_) {                                                  \
			warned_ = 1;                                                               \
			pr_warn("warning: %s at %s:%d\n", #condition, __FILE__, __LINE__);         \
		}                                                                                  \
		hit_;                                                                              \
	})
