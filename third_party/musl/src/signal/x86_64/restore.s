/* SPDX-License-Identifier: MIT */
/* Yolk's replacement for musl's src/signal/x86_64/restore.s.
 *
 * __restore_rt is the sa_restorer musl installs: a signal handler's `ret` lands here, having
 * popped the frame's return address, so RSP points at the ucontext of the signal frame, where
 * Linux's rt_sigreturn reads it. A C call of yolk_syscall would move RSP, so it enters through
 * yolk_syscall_instruction (the `syscall` instruction's contract, see clone.s): the entry pops
 * the return address of the call again, and the kernel (kernel/signal.c, signal_return) finds
 * the frame at the RSP of this call site, restores every register from it and never returns.
 * Unwinders that spot a signal frame by the bytes of `mov $15,%rax; syscall` (libgcc, gdb) do
 * not recognise this one. */
	nop
	.global __restore_rt
	.hidden __restore_rt
	.type __restore_rt,@function
__restore_rt:
	mov $15,%rax		/* SYS_rt_sigreturn */
	call yolk_syscall_instruction
	ud2			/* rt_sigreturn does not return */
	.size __restore_rt,.-__restore_rt
