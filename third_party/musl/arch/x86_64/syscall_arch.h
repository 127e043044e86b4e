/* SPDX-License-Identifier: MIT */
/* Yolk's replacement for musl's arch/x86_64/syscall_arch.h: the inline `syscall` instruction
 * becomes a plain call of the kernel's dispatcher, which is linked into the same image and runs
 * in the same ring (third_party/musl/README.md). yolk_syscall is an ordinary System V function:
 * the compiler saves what the call clobbers, so no register contract is needed beyond the C
 * one. It returns what the instruction would: the result, or -errno. */

long yolk_syscall(long a1, long a2, long a3, long a4, long a5, long a6, long number);

#define __SYSCALL_LL_E(x) (x)
#define __SYSCALL_LL_O(x) (x)

static __inline long __syscall0(long n)
{
	return yolk_syscall(0, 0, 0, 0, 0, 0, n);
}

static __inline long __syscall1(long n, long a1)
{
	return yolk_syscall(a1, 0, 0, 0, 0, 0, n);
}

static __inline long __syscall2(long n, long a1, long a2)
{
	return yolk_syscall(a1, a2, 0, 0, 0, 0, n);
}

static __inline long __syscall3(long n, long a1, long a2, long a3)
{
	return yolk_syscall(a1, a2, a3, 0, 0, 0, n);
}

static __inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
	return yolk_syscall(a1, a2, a3, a4, 0, 0, n);
}

static __inline long __syscall5(long n, long a1, long a2, long a3, long a4, long a5)
{
	return yolk_syscall(a1, a2, a3, a4, a5, 0, n);
}

static __inline long __syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	return yolk_syscall(a1, a2, a3, a4, a5, a6, n);
}

/* No VDSO_* definitions: Yolk has no vDSO, and without VDSO_CGT_SYM musl's clock_gettime and
 * sched_getcpu go straight to the system call, which is itself a function call here. */

#define IPC_64 0
