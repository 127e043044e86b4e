/* SPDX-License-Identifier: MIT */
/* The registers arch/x86_64/syscall_entry.S saves on entry, lowest address first: with them and
 * the caller's RBP and RSP (found through entry_rbp) the kernel has the caller's whole register
 * set, which clone needs to start a thread where its parent was. RBX, R12-R15 and entry_rbp
 * (the entry's RBP) are written only for clone, signal delivery and rt_sigreturn: the handlers,
 * C functions, keep those registers anyway. */
#pragma once
#include <stdint.h>

#define SYSCALL_RED_ZONE 128

struct syscall_frame {
	uint64_t number;
	uint64_t r15, r14, r13, r12, rbx;
	uint64_t r9, r8, r10, rdx, rsi, rdi;
	uint64_t rflags, rip;
	uint64_t entry_rbp; /* where the entry saved the caller's RBP, 8 bytes below the red zone */
	uint64_t padding;
};

/* arch/x86_64/syscall_entry.S uses these offsets. */
_Static_assert(__builtin_offsetof(struct syscall_frame, rflags) == 96, "FRAME_RFLAGS");
_Static_assert(__builtin_offsetof(struct syscall_frame, entry_rbp) == 112, "entry_rbp");

static inline uint64_t syscall_frame_caller_rsp(const struct syscall_frame *frame)
{
	return frame->entry_rbp + 8 + SYSCALL_RED_ZONE;
}

static inline uint64_t syscall_frame_caller_rbp(const struct syscall_frame *frame)
{
	return *(const uint64_t *)frame->entry_rbp;
}
