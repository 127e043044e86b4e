/* SPDX-License-Identifier: MIT */
/* Interrupt and exception entry stubs, one per vector. Each pushes a zero error code where the
 * CPU pushes none, then the vector, saves the general registers in struct interrupt_frame order
 * (arch/x86_64/interrupts.h) and calls interrupt_dispatch. The CPU has already switched to the
 * vector's IST stack and aligned it to 16 bytes; 22 quadwords keep that alignment at the call. */

	.macro trap_stub vector
	.balign 16
	.if (\vector == 8) || (\vector >= 10 && \vector <= 14) || (\vector == 17) || (\vector == 21) || (\vector == 29) || (\vector == 30)
	.else
	pushq $0
	.endif
	pushq $\vector
	jmp trap_common
	.endm

	.text
trap_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movq %rsp, %rdi
	call interrupt_dispatch
/* Also where arch_resume (syscall_entry.S) returns to any struct interrupt_frame. */
	.global trap_return
trap_return:
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp
	iretq

/* 256 stubs of 16 bytes each: the stub of vector v is at trap_stubs + 16 * v. */
	.balign 16
	.global trap_stubs
trap_stubs:
	.altmacro
	.set vector, 0
	.rept 256
	trap_stub %vector
	.set vector, vector + 1
	.endr
	.noaltmacro

	.section .note.GNU-stack, "", @progbits
