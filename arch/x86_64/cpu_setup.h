/* SPDX-License-Identifier: MIT */
/* Boot-CPU setup and the per-CPU block reached through GS.base. */
#pragma once
#include <stdint.h>

struct cpu_local {
	struct cpu_local *self; /* %gs:0 */
	unsigned index;
};

void cpu_setup(void);
/* FS.base: the application's thread pointer (musl's TLS), set by arch_prctl(ARCH_SET_FS). */
void cpu_set_thread_pointer(uint64_t fs_base);
uint64_t cpu_get_thread_pointer(void);
