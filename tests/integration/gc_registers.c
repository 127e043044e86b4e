/* SPDX-License-Identifier: MIT */
/* gc_registers (yolk build --gc): a pointer that lives only in a thread's register while the
 * collector runs survives. A thread allocates an object filled with a pattern, keeps the only
 * pointer to it in R15 (in memory only mangled, the dead stack below wiped, the other scratch
 * and vector registers cleared) and spins in a loop of its own that touches no memory but a
 * flag, while main collects and allocates objects of the same size, zeroed, which reuse the
 * memory of collected ones. The object's pattern must be intact afterwards. Run spinning
 * (stopped while it computes) and blocked in a system call with the pointer in R15 (which the
 * call must keep); gc_registers stops the world through the kernel (--gc), gc_registers@signals
 * with bdwgc's signals. A control run first drops the pointer instead: its object must
 * be reused (overwritten), or this test could not tell (stale copies anywhere, main's stack or
 * the kernel's data included, would keep it). */
#include <gc.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

#define SIZE	 256
#define PATTERN	 0x5a
#define REGISTER "r15"
#define MANGLE	 0x5555000000000000ull /* the result is never an address */

static volatile int spinning, stop;
static volatile uintptr_t hidden; /* the object's address, mangled: not a pointer */
static int pipe_ends[2];

static int intact(const unsigned char *object)
{
	for (int i = 0; i < SIZE; i++)
		if (object[i] != PATTERN)
			return 0;
	return 1;
}

/* Spins until `stop`, with the object's address in R15 only; returns it. */
static __attribute__((noinline)) unsigned char *spin_holding(unsigned char *object)
{
	register unsigned char *held __asm__(REGISTER) = object;

	/* The scratch and vector registers are cleared: stale copies there (the signal frame
	 * that stops the thread holds them all, as the kernel's report does) would keep the
	 * object too. */
	__asm__ volatile(
	    "xorl %%eax, %%eax\n\txorl %%ecx, %%ecx\n\txorl %%edx, %%edx\n\t"
	    "pxor %%xmm0, %%xmm0\n\tpxor %%xmm1, %%xmm1\n\tpxor %%xmm2, %%xmm2\n\t"
	    "pxor %%xmm3, %%xmm3\n\tpxor %%xmm4, %%xmm4\n\tpxor %%xmm5, %%xmm5\n\t"
	    "pxor %%xmm6, %%xmm6\n\tpxor %%xmm7, %%xmm7\n\tpxor %%xmm8, %%xmm8\n\t"
	    "pxor %%xmm9, %%xmm9\n\tpxor %%xmm10, %%xmm10\n\tpxor %%xmm11, %%xmm11\n\t"
	    "pxor %%xmm12, %%xmm12\n\tpxor %%xmm13, %%xmm13\n\tpxor %%xmm14, %%xmm14\n\t"
	    "pxor %%xmm15, %%xmm15\n\t"
	    "xorl %%esi, %%esi\n\txorl %%edi, %%edi\n\txorl %%r8d, %%r8d\n\t"
	    "xorl %%r9d, %%r9d\n\txorl %%r10d, %%r10d\n\txorl %%r11d, %%r11d\n\t"
	    "movl $1, %[spinning]\n"
	    "1:\tpause\n\t"
	    "cmpl $0, %[stop]\n\t"
	    "je 1b"
	    : "+r"(held), [spinning] "=m"(spinning)
	    : [stop] "m"(stop)
	    : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "xmm0", "xmm1", "xmm2",
	      "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12",
	      "xmm13", "xmm14", "xmm15", "memory");
	return held;
}

/* Blocks in read() with the address in R15 only (the call must keep callee-saved registers). */
static __attribute__((noinline)) unsigned char *block_holding(unsigned char *object)
{
	register unsigned char *held __asm__(REGISTER) = object;
	char byte;

	__asm__ volatile("" : "+r"(held));
	spinning = 1;
	(void)!read(pipe_ends[0], &byte, 1);
	__asm__ volatile("" : "+r"(held));
	return held;
}

static __attribute__((noinline)) uintptr_t make_object(void)
{
	unsigned char *object = GC_MALLOC_ATOMIC(SIZE);

	memset(object, PATTERN, SIZE);
	return (uintptr_t)object ^ MANGLE;
}

enum mode { SPINNING, BLOCKED, DROPPED };
static const char *const mode_names[] = {"spinning", "blocked in read()", "dropped (control)"};

/* Overwrites the dead stack below the caller, where make_object's frames left copies. */
static __attribute__((noinline)) void wipe_stack(void)
{
	volatile unsigned char area[16384];

	memset((void *)area, 0, sizeof(area));
}

static void *thread_main(void *argument)
{
	enum mode mode = (enum mode)(uintptr_t)argument;
	unsigned char *object;

	hidden = make_object();
	wipe_stack();
	if (mode == DROPPED) {
		spin_holding(NULL);
		return NULL;
	}
	object = (unsigned char *)(hidden ^ MANGLE);
	object = mode == BLOCKED ? block_holding(object) : spin_holding(object);
	return (void *)(uintptr_t)intact(object);
}

/* Allocates objects of the same size, which would reuse a collected object's memory. */
static __attribute__((noinline)) void churn(void)
{
	for (int i = 0; i < 10000; i++)
		memset(GC_MALLOC_ATOMIC(SIZE), 0, SIZE);
}

static void run(enum mode mode)
{
	pthread_t thread;
	void *result;

	spinning = stop = 0;
	CHECK(pthread_create(&thread, NULL, thread_main, (void *)(uintptr_t)mode) == 0,
	      "pthread_create failed");
	while (!spinning)
		sched_yield();
	usleep(10000);
	for (int round = 0; round < 4; round++) {
		GC_gcollect();
		churn();
		wipe_stack(); /* no stale copies of churn's pointers in main's frames */
	}
	int was_collected = !intact((const unsigned char *)(hidden ^ MANGLE));
	stop = 1;
	if (mode == BLOCKED)
		CHECK(write(pipe_ends[1], "x", 1) == 1, "write failed");
	pthread_join(thread, &result);
	printf("object %s: %s\n", mode_names[mode], was_collected ? "collected" : "kept, intact");
	if (mode == DROPPED) {
		CHECK(was_collected,
		      "the control's object was not collected: the test cannot tell");
		return;
	}
	CHECK(!was_collected && result != NULL, "the object held in %s while %s was collected",
	      REGISTER, mode_names[mode]);
}

int main(void)
{
	CHECK(pipe(pipe_ends) == 0, "pipe failed");
	run(DROPPED);
	run(SPINNING);
	run(BLOCKED);
	return test_result();
}
