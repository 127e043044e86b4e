/* SPDX-License-Identifier: MIT */
/* Yolk's replacement for musl's src/thread/x86_64/__unmapself.s: munmap then exit as calls of
 * yolk_syscall instead of `syscall` instructions.
 *
 * void __unmapself(void *base, size_t size): pthread_exit of a detached thread unmaps the stack
 * it is running on and exits. musl's original touches no memory between the two system calls;
 * here both calls push a return address on that stack, and the kernel runs on it. That is safe
 * only because of a kernel contract: munmap of a range holding the caller's stack pointer
 * returns 0 at once and unmaps it when the thread has exited (sys/memory.c, sys_munmap). A
 * kernel that unmapped at once would fault on the way back from munmap. */
	.text
	.global __unmapself
	.type __unmapself,@function
__unmapself:
	push $11		/* SYS_munmap(base, size): RDI and RSI already hold them */
	call yolk_syscall
	xor %edi,%edi		/* exit(0) */
	movq $60,(%rsp)		/* SYS_exit */
	call yolk_syscall
	ud2			/* exit does not return */
