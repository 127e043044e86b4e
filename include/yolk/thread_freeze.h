/* SPDX-License-Identifier: MIT */
/* Freezing the program's other threads: two prctl options of Yolk's own (Linux answers
 * EINVAL), for a garbage collector that stops the world without signals (docs/gc.md).
 *
 *   prctl(PR_YOLK_FREEZE_THREADS, threads, count, 0, 0)
 *     each listed thread, named by its thread pointer (pthread_self(): the FS base), stops
 *     until it is thawed; one waiting in a system call goes on waiting and, when its wait
 *     ends, stays stopped. Fills in each one's stack pointer and registers as it stopped.
 *     0, or -1 with errno: EFAULT (the array), EINVAL (count 0 or over
 *     YOLK_FREEZE_MAX_THREADS, the caller itself, a thread listed twice), ESRCH (no live
 *     thread has that pointer), EBUSY (one is frozen already). On an error none is frozen.
 *   prctl(PR_YOLK_THAW_THREADS, threads, count, 0, 0)
 *     the listed threads run again (only thread_pointer is read). 0, or -1 with errno:
 *     EFAULT, EINVAL, ESRCH, or EBUSY when one is not frozen; then none is thawed.
 *
 * A thread preempted while it computed stopped with its own registers; one that waits in a
 * system call stopped in the kernel, on its own stack, with its registers of that moment
 * saved on that stack or still in the registers returned. Either way what it holds is in
 * `registers`, `vector_registers` or between stack_pointer - YOLK_RED_ZONE and the top of its
 * stack (the application's code keeps up to 128 bytes below its RSP). */
#ifndef YOLK_THREAD_FREEZE_H
#define YOLK_THREAD_FREEZE_H

#include <stdint.h>

#define PR_YOLK_FREEZE_THREADS	0x594f4c01 /* "YOL" and 1 */
#define PR_YOLK_THAW_THREADS	0x594f4c02
#define YOLK_FREEZE_MAX_THREADS 1024
#define YOLK_RED_ZONE		128

struct yolk_frozen_thread {
	uint64_t thread_pointer; /* in: which thread */
	uint64_t stack_pointer;	 /* out: its RSP */
	/* out: RAX, RBX, RCX, RDX, RSI, RDI, RBP, R8-R15, RIP */
	uint64_t registers[16];
	/* out: XMM0-XMM15 when the kernel kept them (a thread preempted, or waiting in a call
	 * through the `syscall` trap); zeros for a thread waiting in a direct call, across which
	 * they are dead */
	uint64_t vector_registers[32];
};

#endif
