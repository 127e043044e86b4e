/* SPDX-License-Identifier: MIT */
/* Yolk's replacement for musl's src/thread/x86_64/syscall_cp.s: the system call of a
 * cancellation point is a call of yolk_syscall, not the `syscall` instruction.
 *
 * long __syscall_cp_asm(volatile int *cancel, long nr, long u, long v, long w, long x,
 *                       long y, long z)
 *
 * musl's contract (src/thread/pthread_cancel.c): if the cancellation signal finds the thread at
 * a pc in [__cp_begin, __cp_end), the system call has not been made yet, and the handler sends
 * the thread to __cp_cancel instead. So the call is the last instruction before __cp_end, where
 * `syscall` was: up to and including the call, nothing has happened; at the return address,
 * __cp_end, the call is over (one that a signal cut short returned -EINTR, which
 * __syscall_cp_c turns into the cancellation). The kernel must never report a pc in the range
 * for a call it has entered: a signal that arrives during the call is delivered as the call
 * returns, at __cp_end (third_party/musl/README.md).
 *
 * The number is pushed before __cp_begin, so every pc in the range has the same stack, and
 * __cp_cancel drops it before going on to __cancel, which may return (-ECANCELED) to our caller. */
	.text
	.global __cp_begin
	.hidden __cp_begin
	.global __cp_end
	.hidden __cp_end
	.global __cp_cancel
	.hidden __cp_cancel
	.hidden __cancel
	.global __syscall_cp_asm
	.hidden __syscall_cp_asm
	.type __syscall_cp_asm,@function
__syscall_cp_asm:
	push %rsi		/* nr: yolk_syscall's 7th argument; aligns the call */
__cp_begin:
	mov (%rdi),%eax		/* cancellation pending? */
	test %eax,%eax
	jnz __cp_cancel
	mov %rdx,%rdi		/* u */
	mov %rcx,%rsi		/* v */
	mov %r8,%rdx		/* w */
	mov %r9,%rcx		/* x */
	mov 16(%rsp),%r8	/* y */
	mov 24(%rsp),%r9	/* z */
	call yolk_syscall
__cp_end:
	pop %rcx
	ret
__cp_cancel:
	pop %rcx
	jmp __cancel
