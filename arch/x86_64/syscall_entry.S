/* SPDX-License-Identifier: MIT */
/* The `syscall` instruction executed in ring 0 lands here (LSTAR). The CPU saved RIP in RCX and
 * RFLAGS in R11, masked IF/DF/TF/AC (FMASK), and switched nothing else: RSP is still the
 * caller's, with up to 128 bytes of red zone in use below it. So the first instruction steps
 * over the red zone, then this becomes an ordinary call of yolk_syscall(a1..a6, number), the
 * same dispatcher the direct-call libc calls. Linux preserves every register but RAX, RCX and
 * R11; the C side is built -mgeneral-regs-only, so saving the C caller-saved registers is
 * enough. Return is popfq + jmp (sysret would drop to ring 3).
 * Cost budget: ~30 instructions around the dispatcher (bench: getppid through the trap). */

	.text
	.global syscall_entry
	.balign 16
syscall_entry:
	leaq -128(%rsp), %rsp		/* step over the red zone; flags are saved in r11 */
	pushq %rbp
	movq %rsp, %rbp			/* rbp = our frame; the original rsp is rbp + 136 */
	andq $-16, %rsp
	pushq %rcx			/* return address */
	pushq %r11			/* flags to restore */
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %r8
	pushq %r9
	pushq %r10
	/* 8 pushes = 64 bytes: still 16-aligned. Seventh argument (number) on the stack. */
	subq $8, %rsp
	pushq %rax
	movq %r10, %rcx
	call yolk_syscall
	addq $16, %rsp
	popq %r10
	popq %r9
	popq %r8
	popq %rdx
	popq %rsi
	popq %rdi
	popq %r11
	popq %rcx
	movq %rbp, %rsp
	popq %rbp
	pushq %r11			/* lands at the original rsp - 136: below the red zone */
	popfq
	leaq 128(%rsp), %rsp		/* lea leaves the restored flags alone */
	jmpq *%rcx

	.section .note.GNU-stack, "", @progbits
