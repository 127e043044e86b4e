/* SPDX-License-Identifier: MIT */
/* Yolk's replacement for musl's arch/x86_64/syscall_arch.h: the inline `syscall` instruction
 * becomes a plain call of the kernel's dispatcher, which is linked into the same image and runs
 * in the same ring (third_party/musl/README.md). yolk_syscall is an ordinary System V function:
 * the compiler saves what the call clobbers, so no register contract is needed beyond the C
 * one. It returns what the instruction would: the result, or -errno. */

long yolk_syscall(long a1, long a2, long a3, long a4, long a5, long a6, long number);

#define __SYSCALL_LL_E(x) (x)
#define __SYSCALL_LL_O(x) (x)

/* The direct path, inline: the same steps as yolk_syscall (arch/x86_64/syscall_entry.S in
 * Yolk), without the call into it. Count the call, step over the caller's red zone (musl is
 * built as Debian builds it, red zone and all), call the handler from the kernel's table (the
 * kernel defers device interrupts while its own code runs), and look at the pending-signal and
 * deferred-interrupt bytes of the per-CPU block (%gs:32, %gs:33: Yolk's struct cpu_local) at
 * once: only when one is set does yolk_syscall_exit run (it may deliver a signal, and comes
 * back here as from a call). The handler is a C function: it may clobber what the System V
 * convention lets it, vector registers included, as for any call (a thread that blocks here has
 * only its FPU control words kept: switching threads then costs no XSAVE). */
#define __YOLK_SYSCALL_COUNT 512
#define __YOLK_SYSCALL_SEQUENCE                                                                    \
	"incq yolk_syscall_counts(,%%rax,8)\n\t"                                                   \
	"leaq -128(%%rsp), %%rsp\n\t"                                                              \
	"call *yolk_syscall_table(,%%rax,8)\n\t"                                                   \
	"cmpw $0, %%gs:32\n\t"                                                                     \
	"je 1f\n\t"                                                                                \
	"call yolk_syscall_exit\n"                                                                 \
	"1:\tleaq 128(%%rsp), %%rsp"

/* Each arity passes only its own arguments; the registers it does not use are clobbered (the
 * handler is a C function). A number outside the table goes to yolk_syscall. */
#define __YOLK_CLOBBERS                                                                            \
	"r10", "r11", "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",      \
	    "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"
#define __YOLK_OUT_OF_TABLE(n, a1, a2, a3, a4, a5, a6)                                             \
	if ((unsigned long)(n) >= __YOLK_SYSCALL_COUNT)                                            \
	return yolk_syscall(a1, a2, a3, a4, a5, a6, n)

static __inline long __syscall0(long n)
{
	__YOLK_OUT_OF_TABLE(n, 0, 0, 0, 0, 0, 0);
	__asm__ __volatile__(__YOLK_SYSCALL_SEQUENCE
			     : "+a"(n)
			     :
			     : "rdi", "rsi", "rdx", "rcx", "r8", "r9", __YOLK_CLOBBERS);
	return n;
}

static __inline long __syscall1(long n, long a1)
{
	__YOLK_OUT_OF_TABLE(n, a1, 0, 0, 0, 0, 0);
	__asm__ __volatile__(__YOLK_SYSCALL_SEQUENCE
			     : "+a"(n), "+D"(a1)
			     :
			     : "rsi", "rdx", "rcx", "r8", "r9", __YOLK_CLOBBERS);
	return n;
}

static __inline long __syscall2(long n, long a1, long a2)
{
	__YOLK_OUT_OF_TABLE(n, a1, a2, 0, 0, 0, 0);
	__asm__ __volatile__(__YOLK_SYSCALL_SEQUENCE
			     : "+a"(n), "+D"(a1), "+S"(a2)
			     :
			     : "rdx", "rcx", "r8", "r9", __YOLK_CLOBBERS);
	return n;
}

static __inline long __syscall3(long n, long a1, long a2, long a3)
{
	__YOLK_OUT_OF_TABLE(n, a1, a2, a3, 0, 0, 0);
	__asm__ __volatile__(__YOLK_SYSCALL_SEQUENCE
			     : "+a"(n), "+D"(a1), "+S"(a2), "+d"(a3)
			     :
			     : "rcx", "r8", "r9", __YOLK_CLOBBERS);
	return n;
}

static __inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
	__YOLK_OUT_OF_TABLE(n, a1, a2, a3, a4, 0, 0);
	__asm__ __volatile__(__YOLK_SYSCALL_SEQUENCE
			     : "+a"(n), "+D"(a1), "+S"(a2), "+d"(a3), "+c"(a4)
			     :
			     : "r8", "r9", __YOLK_CLOBBERS);
	return n;
}

static __inline long __syscall5(long n, long a1, long a2, long a3, long a4, long a5)
{
	register long r8 __asm__("r8") = a5;

	__YOLK_OUT_OF_TABLE(n, a1, a2, a3, a4, a5, 0);
	__asm__ __volatile__(__YOLK_SYSCALL_SEQUENCE
			     : "+a"(n), "+D"(a1), "+S"(a2), "+d"(a3), "+c"(a4), "+r"(r8)
			     :
			     : "r9", __YOLK_CLOBBERS);
	return n;
}

static __inline long __syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;

	__YOLK_OUT_OF_TABLE(n, a1, a2, a3, a4, a5, a6);
	__asm__ __volatile__(__YOLK_SYSCALL_SEQUENCE
			     : "+a"(n), "+D"(a1), "+S"(a2), "+d"(a3), "+c"(a4), "+r"(r8), "+r"(r9)
			     :
			     : __YOLK_CLOBBERS);
	return n;
}

/* As in musl's own file: clock_gettime and sched_getcpu look for these in the vDSO, which
 * Yolk provides too (AT_SYSINFO_EHDR; sys/vdso.c in Yolk), and call them without a system call
 * (a function of the kernel's that reads the TSC). */
#define VDSO_USEFUL
#define VDSO_CGT_SYM	"__vdso_clock_gettime"
#define VDSO_CGT_VER	"LINUX_2.6"
#define VDSO_GETCPU_SYM "__vdso_getcpu"
#define VDSO_GETCPU_VER "LINUX_2.6"

#define IPC_64 0
