/* SPDX-License-Identifier: MIT */
/* The vDSO (sys/vdso.c): its ELF directory's address, which the auxiliary vector carries as
 * AT_SYSINFO_EHDR. */
#pragma once
#include <stdint.h>

uint64_t vdso_address(void);
