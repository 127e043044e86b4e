/* SPDX-License-Identifier: MIT */
/* registers_preserved: a system call changes only RAX (the result), RCX and R11, as on Linux:
 * every other general register, all sixteen XMM registers, RSP, the direction flag and the 128
 * bytes of red zone below RSP come back as they were, for quick calls, a call that blocks
 * (nanosleep), a missing call (ENOSYS) and a call that fails with EFAULT. Then a long spin with
 * the same patterns in place checks that interrupts taken meanwhile change nothing either.
 * The probes are in assembly, so that the compiler cannot keep anything elsewhere. */
#include <errno.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

/* Bit numbers of the mask the probes return: one per thing found changed. */
static const char *const clobber_names[32] = {
    "rdi",   "rsi",   "rdx",   "r10",	"r8",	"r9",	    "rbx",
    "r12",   "r13",   "r14",   "r15",	"rbp",	"red zone", "direction flag",
    "rsp",   "?",     "xmm0",  "xmm1",	"xmm2", "xmm3",	    "xmm4",
    "xmm5",  "xmm6",  "xmm7",  "xmm8",	"xmm9", "xmm10",    "xmm11",
    "xmm12", "xmm13", "xmm14", "xmm15",
};

const uint64_t preserve_xmm_pattern[32] = {
    0x0001020304050607, 0x08090a0b0c0d0e0f, 0x1011121314151617, 0x18191a1b1c1d1e1f,
    0x2021222324252627, 0x28292a2b2c2d2e2f, 0x3031323334353637, 0x38393a3b3c3d3e3f,
    0x4041424344454647, 0x48494a4b4c4d4e4f, 0x5051525354555657, 0x58595a5b5c5d5e5f,
    0x6061626364656667, 0x68696a6b6c6d6e6f, 0x7071727374757677, 0x78797a7b7c7d7e7f,
    0x8081828384858687, 0x88898a8b8c8d8e8f, 0x9091929394959697, 0x98999a9b9c9d9e9f,
    0xa0a1a2a3a4a5a6a7, 0xa8a9aaabacadaeaf, 0xb0b1b2b3b4b5b6b7, 0xb8b9babbbcbdbebf,
    0xc0c1c2c3c4c5c6c7, 0xc8c9cacbcccdcecf, 0xd0d1d2d3d4d5d6d7, 0xd8d9dadbdcdddedf,
    0xe0e1e2e3e4e5e6e7, 0xe8e9eaebecedeeef, 0xf0f1f2f3f4f5f6f7, 0xf8f9fafbfcfdfeff,
};
uint64_t preserve_scratch[2], preserve_saved_rsp, preserve_number, preserve_arguments[3];
long preserve_result;

/* unsigned long syscall_clobbers(long number, long arg0, long arg1, long arg2);
 * unsigned long spin_clobbers(long iterations, long arg0, long arg1, long arg2);
 * Both put patterns in the registers and the red zone (and the arguments in RDI, RSI, RDX), do
 * their work, and return the mask of what changed; syscall_clobbers leaves the call's result in
 * preserve_result. RAX, RCX and R11 are scratch; the red zone is checked before anything is
 * pushed. */
__asm__(".macro preserve_fill\n"
	"	mov %rdi, preserve_number(%rip)\n"
	"	mov %rsi, preserve_arguments(%rip)\n"
	"	mov %rdx, preserve_arguments+8(%rip)\n"
	"	mov %rcx, preserve_arguments+16(%rip)\n"
	"	movabs $0x0808080808080808, %r8\n"
	"	movabs $0x0909090909090909, %r9\n"
	"	movabs $0x1010101010101010, %r10\n"
	"	movabs $0x1b1b1b1b1b1b1b1b, %rbx\n"
	"	movabs $0x1212121212121212, %r12\n"
	"	movabs $0x1313131313131313, %r13\n"
	"	movabs $0x1414141414141414, %r14\n"
	"	movabs $0x1515151515151515, %r15\n"
	"	.irp n,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
	"	movdqu preserve_xmm_pattern+16*\\n(%rip), %xmm\\n\n"
	"	.endr\n"
	"	mov $16, %ecx\n"
	"1:	movabs $0x5a5a5a5a5a5a5a00, %rax\n"
	"	or %rcx, %rax\n"
	"	mov %rax, -136(%rsp,%rcx,8)\n" /* -128(%rsp) .. -8(%rsp) */
	"	dec %ecx\n"
	"	jnz 1b\n"
	"	mov %rsp, preserve_saved_rsp(%rip)\n"
	"	mov preserve_arguments(%rip), %rdi\n"
	"	mov preserve_arguments+8(%rip), %rsi\n"
	"	mov preserve_arguments+16(%rip), %rdx\n"
	"	mov preserve_number(%rip), %rax\n"
	".endm\n"
	".macro preserve_expect register, value, bit\n"
	"	movabs $\\value, %rcx\n"
	"	cmp %rcx, \\register\n"
	"	je 1f\n"
	"	bts $\\bit, %r11\n"
	"1:\n"
	".endm\n"
	".macro preserve_expect_memory register, address, bit\n"
	"	cmp \\address, \\register\n"
	"	je 1f\n"
	"	bts $\\bit, %r11\n"
	"1:\n"
	".endm\n"
	".macro preserve_check\n"
	"	xor %r11d, %r11d\n"
	"	cmp preserve_saved_rsp(%rip), %rsp\n"
	"	je 1f\n"
	"	bts $14, %r11\n"
	"	mov preserve_saved_rsp(%rip), %rsp\n"
	"1:	mov $16, %ecx\n"
	"2:	movabs $0x5a5a5a5a5a5a5a00, %rax\n"
	"	or %rcx, %rax\n"
	"	cmp %rax, -136(%rsp,%rcx,8)\n"
	"	je 3f\n"
	"	bts $12, %r11\n"
	"3:	dec %ecx\n"
	"	jnz 2b\n"
	"	preserve_expect_memory %rdi, preserve_arguments(%rip), 0\n"
	"	preserve_expect_memory %rsi, preserve_arguments+8(%rip), 1\n"
	"	preserve_expect_memory %rdx, preserve_arguments+16(%rip), 2\n"
	"	preserve_expect %r10, 0x1010101010101010, 3\n"
	"	preserve_expect %r8, 0x0808080808080808, 4\n"
	"	preserve_expect %r9, 0x0909090909090909, 5\n"
	"	preserve_expect %rbx, 0x1b1b1b1b1b1b1b1b, 6\n"
	"	preserve_expect %r12, 0x1212121212121212, 7\n"
	"	preserve_expect %r13, 0x1313131313131313, 8\n"
	"	preserve_expect %r14, 0x1414141414141414, 9\n"
	"	preserve_expect %r15, 0x1515151515151515, 10\n"
	"	lea 40(%rsp), %rcx\n" /* RBP points above the five saved registers */
	"	cmp %rcx, %rbp\n"
	"	je 4f\n"
	"	bts $11, %r11\n"
	"4:\n"
	"	.irp n,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
	"	movdqu %xmm\\n, preserve_scratch(%rip)\n"
	"	mov preserve_scratch(%rip), %rcx\n"
	"	cmp preserve_xmm_pattern+16*\\n(%rip), %rcx\n"
	"	jne 5f\n"
	"	mov preserve_scratch+8(%rip), %rcx\n"
	"	cmp preserve_xmm_pattern+16*\\n+8(%rip), %rcx\n"
	"	je 6f\n"
	"5:	bts $(16+\\n), %r11\n"
	"6:\n"
	"	.endr\n"
	".endm\n"
	".macro preserve_prologue\n"
	"	push %rbp\n"
	"	mov %rsp, %rbp\n"
	"	push %rbx\n"
	"	push %r12\n"
	"	push %r13\n"
	"	push %r14\n"
	"	push %r15\n"
	".endm\n"
	".macro preserve_epilogue\n"
	"	mov %r11, %rax\n"
	"	pop %r15\n"
	"	pop %r14\n"
	"	pop %r13\n"
	"	pop %r12\n"
	"	pop %rbx\n"
	"	pop %rbp\n"
	"	ret\n"
	".endm\n"
	"	.text\n"
	"	.globl syscall_clobbers\n"
	"	.type syscall_clobbers, @function\n"
	"syscall_clobbers:\n"
	"	preserve_prologue\n"
	"	preserve_fill\n"
	"	std\n" /* the kernel must clear DF for itself (FMASK) and restore it from R11 */
	"	syscall\n"
	"	mov %rax, preserve_result(%rip)\n"
	"	preserve_check\n"
	"	pushfq\n"
	"	pop %rcx\n"
	"	cld\n"
	"	bt $10, %rcx\n"
	"	jc 7f\n"
	"	bts $13, %r11\n"
	"7:\n"
	"	preserve_epilogue\n"
	"	.size syscall_clobbers, .-syscall_clobbers\n"
	"	.globl spin_clobbers\n"
	"	.type spin_clobbers, @function\n"
	"spin_clobbers:\n"
	"	preserve_prologue\n"
	"	preserve_fill\n"
	"8:	dec %rax\n"
	"	jnz 8b\n"
	"	preserve_check\n"
	"	preserve_epilogue\n"
	"	.size spin_clobbers, .-spin_clobbers\n");

unsigned long syscall_clobbers(long number, long arg0, long arg1, long arg2);
unsigned long spin_clobbers(long iterations, long arg0, long arg1, long arg2);

static void report(unsigned long mask, const char *what)
{
	char names[256] = "";

	if (!mask)
		return;
	for (int bit = 0; bit < 32; bit++)
		if (mask & (1ul << bit)) {
			strncat(names, " ", sizeof(names) - strlen(names) - 1);
			strncat(names, clobber_names[bit], sizeof(names) - strlen(names) - 1);
		}
	CHECK(0, "%s changed:%s", what, names);
}

static void check_call(const char *what, long number, long arg0, long arg1, long arg2,
		       long expected)
{
	unsigned long mask = syscall_clobbers(number, arg0, arg1, arg2);

	report(mask, what);
	CHECK(preserve_result == expected, "%s returned %ld, expected %ld", what, preserve_result,
	      expected);
}

int main(void)
{
	static const char text[] = "written with every register set\n";
	struct timespec now, nap = {0, 2000000};
	long parent = syscall(SYS_getppid);
	struct timespec before, after;

	check_call("getppid", SYS_getppid, 0x1a1a, 0x2b2b, 0x3c3c, parent);
	check_call("write", SYS_write, 1, (long)text, sizeof(text) - 1, sizeof(text) - 1);
	check_call("clock_gettime", SYS_clock_gettime, CLOCK_MONOTONIC, (long)&now, 0x3c3c, 0);
	check_call("nanosleep of 2 ms", SYS_nanosleep, (long)&nap, 0, 0x3c3c, 0);
	check_call("sched_yield", SYS_sched_yield, 0x1a1a, 0x2b2b, 0x3c3c, 0);
	check_call("syscall 999", 999, 0x1a1a, 0x2b2b, 0x3c3c, -ENOSYS);
	check_call("write from (void *)1", SYS_write, 1, 1, 10, -EFAULT);

	/* Long enough under TCG for timer interrupts to arrive while the patterns are live. */
	clock_gettime(CLOCK_MONOTONIC, &before);
	report(spin_clobbers(1l << 26, 0x1a1a, 0x2b2b, 0x3c3c), "a spin across interrupts");
	clock_gettime(CLOCK_MONOTONIC, &after);
	printf("spun for %ld ms\n", (long)((after.tv_sec - before.tv_sec) * 1000 +
					   (after.tv_nsec - before.tv_nsec) / 1000000));
	return test_result();
}
