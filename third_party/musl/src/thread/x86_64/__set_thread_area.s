/* SPDX-License-Identifier: MIT */
/* Yolk's replacement for musl's src/thread/x86_64/__set_thread_area.s: arch_prctl(ARCH_SET_FS,
 * tp) as a call of yolk_syscall instead of the `syscall` instruction.
 * int __set_thread_area(void *tp): a C function, so a C call is all it needs. */
	.text
	.global __set_thread_area
	.hidden __set_thread_area
	.type __set_thread_area,@function
__set_thread_area:
	push $158		/* SYS_arch_prctl, yolk_syscall's 7th argument; aligns the call */
	mov %rdi,%rsi		/* tp */
	mov $0x1002,%edi	/* ARCH_SET_FS */
	call yolk_syscall
	pop %rcx
	ret
