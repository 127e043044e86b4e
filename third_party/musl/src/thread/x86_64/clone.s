/* SPDX-License-Identifier: MIT */
/* Yolk's replacement for musl's src/thread/x86_64/clone.s.
 *
 * int __clone(int (*func)(void *), void *stack, int flags, void *arg, int *ptid, void *tls,
 *             int *ctid)
 *
 * clone returns twice, so it cannot be a C call of yolk_syscall (a C function does not know
 * where its caller was). It enters through yolk_syscall_instruction, which the kernel provides
 * for exactly this (arch/x86_64/syscall_entry.S) and which behaves as the `syscall`
 * instruction: number in RAX; flags, stack, ptid, ctid, tls in RDI, RSI, RDX, R10, R8; every
 * register but RAX, RCX and R11 preserved in the parent, which gets the child's id or -errno.
 *
 * The contract for the child, all that this stub relies on: it starts at the instruction after
 * the call (the return address the call pushed, which the entry pops), with RSP = `stack` as
 * passed in RSI and RAX = 0, interrupts on. No other register has to survive: func and arg
 * wait on the new stack, 16-byte aligned, [RSP] = func and [RSP+8] = arg. */
	.text
	.global __clone
	.hidden __clone
	.type __clone,@function
__clone:
	and $-16,%rsi
	sub $16,%rsi
	mov %rdi,(%rsi)		/* func */
	mov %rcx,8(%rsi)	/* arg */
	mov %rdx,%rdi		/* flags */
	mov %r8,%rdx		/* ptid */
	mov 8(%rsp),%r10	/* ctid */
	mov %r9,%r8		/* tls */
	mov $56,%eax		/* SYS_clone */
	call yolk_syscall_instruction
	test %eax,%eax
	jnz 1f
	xor %ebp,%ebp		/* the child: the outermost frame */
	pop %rax		/* func */
	pop %rdi		/* arg; RSP is 16-byte aligned again */
	call *%rax
	mov %eax,%edi		/* exit(func's result) */
	sub $16,%rsp
	movq $60,(%rsp)		/* SYS_exit, yolk_syscall's 7th argument */
	call yolk_syscall
	ud2			/* exit does not return */
1:	ret
