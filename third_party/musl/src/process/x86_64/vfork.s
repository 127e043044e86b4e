/* SPDX-License-Identifier: MIT */
/* Yolk's replacement for musl's src/process/x86_64/vfork.s.
 *
 * pid_t vfork(void). Yolk has no processes and answers -ENOSYS, which __syscall_ret turns into
 * errno. vfork returns twice where processes exist, so like clone it enters through
 * yolk_syscall_instruction (the `syscall` instruction's contract; see clone.s), with the return
 * address held in RDX, not on the stack the child would share, as musl's original does. */
	.text
	.global vfork
	.type vfork,@function
vfork:
	pop %rdx
	mov $58,%eax		/* SYS_vfork */
	call yolk_syscall_instruction
	push %rdx
	mov %rax,%rdi
	.hidden __syscall_ret
	jmp __syscall_ret
