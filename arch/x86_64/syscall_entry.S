/* SPDX-License-Identifier: MIT */
/* The `syscall` instruction executed in ring 0 lands here (LSTAR). The CPU saved RIP in RCX and
 * RFLAGS in R11, masked DF/TF/AC (FMASK; not IF: interrupts that come while kernel code runs
 * are deferred, see arch/x86_64/descriptors.c) and loaded SS from STAR with its size bit set
 * (left so: arch/x86_64/selectors.h), and switched nothing else: RSP is still the caller's,
 * with up to 128 bytes of red zone in use below it. So the first instruction steps over the
 * red zone; then the registers a C handler may change are saved in a struct
 * syscall_frame (arch/x86_64/syscall_frame.h), whose address goes to the per-CPU block for the
 * calls that need the caller's full register set (clone and signal delivery complete it,
 * rt_sigreturn reads the caller's stack), and the handler is called through the one dispatch
 * (below), which the direct path also uses. Linux preserves every register but RAX, RCX and
 * R11. Return is a jmp through RCX (sysret would drop to ring 3).
 * Once an exit has read the pending-signal and deferred-interrupt word and found nothing, the
 * call is over: the instructions from there to the return (syscall_return_direct and
 * syscall_return_trap up to their _end labels) count as the caller's code, so an interrupt
 * there is handled at once (arch/x86_64/descriptors.c). Deferred there, it would return to
 * the caller with interrupts off, and a caller that then only computes would never be
 * interrupted again.
 * Cost budget: ~30 instructions around the dispatcher and, for an emulator's sake, one
 * conditional branch on the fast path: each ends a translation block (bench: getppid through
 * the trap). */

#define CPU_LOCAL_SYSCALL_FRAME 16	/* offsetof(struct cpu_local, syscall_frame) */
#define CPU_LOCAL_SIGNAL_STACK 24	/* offsetof(struct cpu_local, signal_stack_top) */
#define CPU_LOCAL_SIGNAL_PENDING 32	/* offsetof(struct cpu_local, signal_pending) */
#define FRAME_RFLAGS 96			/* offsetof(struct syscall_frame, rflags) */
#define ENOSYS 38
#define RFLAGS_DIRECTION 0x400
#define SYSCALL_COUNT 512		/* sys/syscalls.h */

/* The dispatch both entries share: RAX = number, arguments in RDI, RSI, RDX, RCX, R8, R9,
 * result in RAX; clobbers the caller-saved registers. The table (sys/dispatch.c) has an entry
 * for every number below SYSCALL_COUNT (syscall_missing_entry where there is no handler) and
 * one more, syscall_unknown_entry, which a number beyond it becomes (with the number as called
 * in R10). A conditional move, not a branch: an emulator ends a translation block at each. */
	.macro dispatch
	movq %rax, %r10
	movl $SYSCALL_COUNT, %r11d
	cmpq %r11, %rax
	cmovaeq %r11, %rax
	incq syscall_call_counts(, %rax, 8)
	call *syscall_handlers(, %rax, 8)
	.endm

/* Restores the caller's registers from the trap frame at RSP (the number and the room of RBX,
 * R12-R15 first), leaving the caller's RIP in RCX, its RFLAGS in R11 and RSP 128 bytes below the
 * caller's (its red zone); the frame pointer is cleared first. */
	.macro restore_caller_registers
	movq $0, %gs:CPU_LOCAL_SYSCALL_FRAME
	addq $48, %rsp
	popq %r9
	popq %r8
	popq %r10
	popq %rdx
	popq %rsi
	popq %rdi
	popq %r11
	popq %rcx
	movq %rbp, %rsp
	popq %rbp
	.endm

/* Completes a trap frame at FRAME with the registers a C function keeps, which still hold the
 * caller's values (and the entry's RBP) on every path from the entry (struct syscall_frame: r15
 * at 8 ... rbx at 40, entry_rbp at 112). */
	.macro save_callee_saved frame
	movq %r15, 8(\frame)
	movq %r14, 16(\frame)
	movq %r13, 24(\frame)
	movq %r12, 32(\frame)
	movq %rbx, 40(\frame)
	movq %rbp, 112(\frame)		/* entry_rbp */
	.endm

	.text
	.global syscall_entry, yolk_syscall_instruction, yolk_syscall, yolk_syscall_exit
	.global syscall_clone_entry, sys_rt_sigreturn
	.global syscall_missing_entry, syscall_unknown_entry
	.global syscall_return_direct, syscall_return_direct_end
	.global syscall_return_trap, syscall_return_trap_end

syscall_missing_entry:
	movq %rax, %rdi
	jmp syscall_missing
syscall_unknown_entry:
	movq %r10, %rdi
	jmp syscall_missing

/* The table's entry for clone: the child starts with every register its parent had, so the trap
 * frame is completed first (a direct call has no frame, and sys_clone refuses it). */
syscall_clone_entry:
	movq %gs:CPU_LOCAL_SYSCALL_FRAME, %r11
	testq %r11, %r11
	jz 1f
	save_callee_saved %r11
1:	jmp sys_clone

/* The table's entry for rt_sigreturn: kernel/signal.c's signal_return reads the ucontext at the
 * caller's stack and resumes there, so it runs on the per-CPU signal stack (the frame it
 * restores may cover this one). Only through the trap: a direct call has no frame and gets
 * -ENOSYS. RBP is still the trap entry's (the dispatch's call keeps it). */
sys_rt_sigreturn:
	cmpq $0, %gs:CPU_LOCAL_SYSCALL_FRAME
	je 1f
	/* signal_return ends in an interrupt return, not in the exit path: so interrupts go off
	 * here, and one deferred so far in this call runs first, on this thread's stack (else a
	 * timer interrupt that came during the call would be lost, and a thread that then only
	 * computes would never be preempted again). */
	cli
	call scheduler_finish_system_call
	movq %gs:CPU_LOCAL_SYSCALL_FRAME, %rdi
	movq $0, %gs:CPU_LOCAL_SYSCALL_FRAME
	movq %rbp, 112(%rdi)		/* entry_rbp */
	movq %gs:CPU_LOCAL_SIGNAL_STACK, %rsp
	call signal_return
	ud2
1:	movq $-ENOSYS, %rax
	ret

/* long yolk_syscall(a1, a2, a3, a4, a5, a6, number): the direct call of Yolk's musl, an
 * ordinary System V function (number is the seventh argument, on the stack). It runs the
 * dispatcher with interrupts on (a device interrupt that comes while kernel code runs is
 * deferred: see interrupt_dispatch), and on the way out, in one compare, looks for a deferred
 * interrupt or a pending signal. It has no trap frame (clone and rt_sigreturn need one
 * and come through yolk_syscall_instruction).
 * Cost budget: ~10 instructions around the dispatcher (bench: getppid on the direct path). */
	.balign 16
yolk_syscall:
	movq 8(%rsp), %rax		/* the number, the seventh argument */
	subq $8, %rsp			/* 16-aligned for the call */
	dispatch
	addq $8, %rsp
	cmpw $0, %gs:CPU_LOCAL_SIGNAL_PENDING	/* and interrupt_deferred, the next byte */
syscall_return_direct:
	jne direct_exit_path
	ret
syscall_return_direct_end:
/* A deferred interrupt or a signal: interrupts off, the interrupt run (maybe a yield), then the
 * signal. RAX holds the result; the return address is on top of the stack. The inline direct
 * path of Yolk's musl calls it as yolk_syscall_exit, with the same stack. */
yolk_syscall_exit:
direct_exit_path:
	cli
	pushq %rax
	call scheduler_finish_system_call
	popq %rax
	cmpb $0, %gs:CPU_LOCAL_SIGNAL_PENDING
	jne direct_signal_path
	sti
	ret
direct_signal_path:
	/* struct direct_frame for kernel/signal.c: the callee-saved registers and the return. */
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, %rdi
	movq %rax, %rsi
	movq %gs:CPU_LOCAL_SIGNAL_STACK, %rsp
	call signal_deliver_from_direct_call
	ud2

	.balign 16
/* `call yolk_syscall_instruction` behaves as the `syscall` instruction: for the direct-call
 * libc's stubs that need the trap's exact contract (clone: the child resumes after the call on
 * its new stack). The call pushed the return address; nothing else is on the stack. */
yolk_syscall_instruction:
	popq %rcx
	pushfq
	popq %r11
	/* fall through */
syscall_entry:
	leaq -128(%rsp), %rsp		/* step over the red zone; flags are saved in r11 */
	pushq %rbp
	movq %rsp, %rbp			/* rbp = our frame; the original rsp is rbp + 136 */
	andq $-16, %rsp
	subq $16, %rsp			/* padding and entry_rbp: RBP itself, written by the
					 * paths that need the frame (save_callee_saved) */
	pushq %rcx			/* rip */
	pushq %r11			/* rflags */
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %r10
	pushq %r8
	pushq %r9
	/* rbx, r12-r15: room only. The handlers are C functions, which keep them, so they are
	 * written into the frame only by the paths that need the caller's whole register set:
	 * clone (syscall_clone_entry) and signal delivery (signal_path). */
	subq $40, %rsp
	pushq %rax			/* number */
	movq %rsp, %gs:CPU_LOCAL_SYSCALL_FRAME
	movq %r10, %rcx
	dispatch
	/* One branch on the way out, for a pending signal or deferred interrupt (the per-CPU word)
	 * and for a caller's direction flag to restore. */
	movzwl %gs:CPU_LOCAL_SIGNAL_PENDING, %ecx	/* and interrupt_deferred, the next byte */
syscall_return_trap:
	movl FRAME_RFLAGS(%rsp), %r11d
	andl $RFLAGS_DIRECTION, %r11d
	orl %r11d, %ecx
	jnz trap_slow_exit
	restore_caller_registers
	leaq 128(%rsp), %rsp
	jmpq *%rcx
trap_slow_exit:
	cmpw $0, %gs:CPU_LOCAL_SIGNAL_PENDING
	jne trap_exit_path
trap_return_to_caller:
	/* The frame pointer is set only during a call through here: a switch on the slow path
	 * above still sees it (the scheduler keeps a trap caller's vector registers). */
	restore_caller_registers
	/* The caller's flags come back only when its direction flag was set: otherwise all that
	 * differs is the status flags, and the interrupt flag is on as it was. (popfq costs more
	 * than the rest of the return: an emulator ends its translation block there.) */
	testl $RFLAGS_DIRECTION, %r11d
	jnz restore_flags
	leaq 128(%rsp), %rsp
	jmpq *%rcx
restore_flags:
	pushq %r11			/* lands at the original rsp - 136: below the red zone */
	popfq
	leaq 128(%rsp), %rsp		/* lea leaves the restored flags alone */
	jmpq *%rcx
syscall_return_trap_end:

/* A deferred interrupt or a signal: interrupts off, the interrupt run (maybe a yield), then
 * the signal. */
trap_exit_path:
	cli
	pushq %rax
	pushq %rax			/* twice: the frame's 16-byte alignment is kept */
	call scheduler_finish_system_call
	popq %rax
	popq %rax
	cmpb $0, %gs:CPU_LOCAL_SIGNAL_PENDING
	jne signal_path
	sti
	jmp trap_return_to_caller

/* The slow path of a signal, on the per-CPU signal stack: the signal frame it writes on the
 * thread's stack may cover the region this entry is using. It ends in an interrupt return. */
signal_path:
	movq $0, %gs:CPU_LOCAL_SYSCALL_FRAME
	save_callee_saved %rsp
	movq %rsp, %rdi			/* the syscall frame */
	movq %rax, %rsi			/* the system call's result */
	movq %gs:CPU_LOCAL_SIGNAL_STACK, %rsp
	call signal_deliver_from_syscall
	ud2
/* arch_resume(frame): load every register from a struct interrupt_frame and return to it,
 * through the interrupt stubs' own return (traps.S). */
	.global arch_resume
arch_resume:
	movq %rdi, %rsp
	jmp trap_return

/* arch_call_signal_handler(handler, signal, info, context): calls an application's signal
 * handler from kernel code as a System V function, on a stack aligned to 16 as the handler's
 * code expects (the kernel keeps only 8). */
	.global arch_call_signal_handler
arch_call_signal_handler:
	pushq %rbp
	movq %rsp, %rbp
	andq $-16, %rsp
	movq %rdi, %rax
	movl %esi, %edi
	movq %rdx, %rsi
	movq %rcx, %rdx
	call *%rax
	leave
	ret

	.section .note.GNU-stack, "", @progbits

