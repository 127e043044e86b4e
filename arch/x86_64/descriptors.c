// SPDX-License-Identifier: MIT
/* GDT, TSS and IDT of the boot CPU. Every IDT vector names an IST stack: the kernel and the
 * application share ring 0, so without IST an interrupt would push its frame onto the
 * application's stack, over the 128-byte red zone musl's code expects to be left alone. */
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/cpu_setup.h"
#include "arch/x86_64/interrupts.h"
#include "fs/procfs.h"
#include "arch/x86_64/selectors.h"
#include "kernel/compiler.h"
#include "kernel/symbols.h"
#include "kernel/thread.h"
#include "lib/string.h"

#define IST_STACK_SIZE 8192
#define IST_COUNT      6

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t io_bitmap_offset;
} __packed;

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attributes;
	uint16_t offset_middle;
	uint32_t offset_high;
	uint32_t reserved;
} __packed;

struct descriptor_pointer {
	uint16_t limit;
	uint64_t base;
} __packed;

BUILD_BUG_ON(sizeof(struct tss) != 104);
BUILD_BUG_ON(sizeof(struct idt_gate) != 16);
BUILD_BUG_ON(sizeof(struct interrupt_frame) != 22 * 8);

static uint64_t gdt[5] __aligned(16);
static struct tss tss __aligned(16);
static struct idt_gate idt[256] __aligned(16);
static uint8_t ist_stacks[IST_COUNT][IST_STACK_SIZE] __aligned(16);
static void (*handlers[256])(struct interrupt_frame *frame);
static uint64_t counts[256]; /* handled, by vector: /proc/interrupts */
extern const char trap_stubs[];

static void gdt_init(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;
	struct descriptor_pointer pointer = {sizeof(gdt) - 1, (uint64_t)gdt};

	gdt[1] = KERNEL_CODE_DESCRIPTOR;
	gdt[2] = KERNEL_DATA_DESCRIPTOR;
	/* 64-bit available TSS: a 16-byte descriptor. */
	gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ul << 40) |
		 ((limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
	gdt[4] = base >> 32;
	for (int i = 0; i < IST_COUNT; i++)
		tss.ist[i] = (uint64_t)ist_stacks[i] + IST_STACK_SIZE;
	tss.io_bitmap_offset = sizeof(tss);

	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ds\n\t"
			 "movw %w2, %%es\n\t"
			 "movw %w2, %%ss\n\t"
			 "ltr %w3"
			 :
			 : "m"(pointer), "i"(KERNEL_CODE_SELECTOR), "r"(KERNEL_DATA_SELECTOR),
			   "r"(TSS_SELECTOR)
			 : "rax", "memory");
}

static unsigned interrupt_stack_for(unsigned vector)
{
	switch (vector) {
	case VECTOR_PAGE_FAULT:
		return IST_PAGE_FAULT;
	case VECTOR_DOUBLE_FAULT:
		return IST_DOUBLE_FAULT;
	case VECTOR_NMI:
		return IST_NMI;
	case VECTOR_MACHINE_CHECK:
		return IST_MACHINE_CHECK;
	default:
		return vector < VECTOR_FIRST_IRQ ? IST_EXCEPTION : IST_IRQ;
	}
}

/* /proc/interrupts, as Linux's: a line per interrupt vector that has a handler and per
 * exception taken, with its count and, where Linux names the device, the handler's function. */
static void generate_interrupts(struct procfs_text *text, void *context)
{
	(void)context;
	procfs_printf(text, "%8s%-10s\n", "", "CPU0");
	for (unsigned vector = 0; vector < 256; vector++) {
		uint64_t offset;
		const char *name =
		    handlers[vector] ? symbols_lookup((uint64_t)handlers[vector], &offset) : NULL;

		if (!counts[vector] && (!handlers[vector] || vector < VECTOR_FIRST_IRQ))
			continue;
		procfs_printf(text, "%6u: %10llu  %s\n", vector, (unsigned long long)counts[vector],
			      name			  ? name
			      : vector < VECTOR_FIRST_IRQ ? "exception"
							  : "-");
	}
}

void idt_init(void)
{
	struct descriptor_pointer pointer = {sizeof(idt) - 1, (uint64_t)idt};

	gdt_init();
	for (unsigned vector = 0; vector < 256; vector++) {
		uint64_t stub = (uint64_t)trap_stubs + 16 * vector;
		idt[vector] = (struct idt_gate){
		    .offset_low = stub & 0xffff,
		    .selector = KERNEL_CODE_SELECTOR,
		    .ist = interrupt_stack_for(vector),
		    .type_attributes = 0x8e, /* present, ring 0, interrupt gate */
		    .offset_middle = stub >> 16 & 0xffff,
		    .offset_high = stub >> 32,
		};
	}
	__asm__ volatile("lidt %0" : : "m"(pointer));
	procfs_register_file("interrupts", generate_interrupts, NULL);
}

void interrupt_set_handler(unsigned vector, void (*handler)(struct interrupt_frame *frame))
{
	handlers[vector & 0xff] = handler;
}

void trap_unhandled(struct interrupt_frame *frame);

static void run_handler(struct interrupt_frame *frame)
{
	void (*handler)(struct interrupt_frame *) = handlers[frame->vector & 0xff];

	counts[frame->vector & 0xff]++;
	if (handler)
		handler(frame);
	else
		trap_unhandled(frame);
}

extern const char __kernel_text_start[], __kernel_text_end[];
/* The system call exits' last instructions, after their final look at the per-CPU word: the
 * call is over there (arch/x86_64/syscall_entry.S). */
extern const char syscall_return_direct[], syscall_return_direct_end[];
extern const char syscall_return_trap[], syscall_return_trap_end[];

static bool within(uint64_t address, const char *start, const char *end)
{
	return address >= (uint64_t)start && address < (uint64_t)end;
}

bool interrupt_in_system_call(const struct interrupt_frame *frame)
{
	struct cpu_local *cpu = this_cpu();
	uint64_t rip = frame->rip;

	return within(rip, __kernel_text_start, __kernel_text_end) && cpu->current != cpu->idle &&
	       !within(rip, syscall_return_direct, syscall_return_direct_end) &&
	       !within(rip, syscall_return_trap, syscall_return_trap_end);
}

/* Every interrupt and exception. System calls run with the interrupt flag on (cli and sti cost
 * more than a direct call itself), yet the kernel is not reentrant: so a device interrupt that
 * arrives while a thread runs kernel code (a system call: the image's only other code is the
 * application's, and the idle thread's halt is excepted) is not handled now. It is kept, and
 * the interrupted code resumes with the interrupt flag off, so nothing else comes; the APIC,
 * without an end of interrupt, holds back the rest. The call's exit, or a switch away from the
 * thread, runs it (interrupt_replay_deferred). Exceptions and the reschedule vector are never
 * deferred. */
void interrupt_dispatch(struct interrupt_frame *frame)
{
	struct cpu_local *cpu = this_cpu();
	unsigned vector = frame->vector & 0xff;

	if (vector >= VECTOR_FIRST_IRQ && vector != VECTOR_RESCHEDULE &&
	    interrupt_in_system_call(frame)) {
		cpu->deferred_vector = (uint8_t)vector;
		cpu->interrupt_deferred |= CPU_EXIT_INTERRUPT | CPU_EXIT_ENABLE;
		frame->rflags &= ~(uint64_t)RFLAGS_IF;
		return;
	}
	run_handler(frame);
	scheduler_interrupt_exit(frame);
}

bool interrupt_replay_deferred(void)
{
	struct cpu_local *cpu = this_cpu();
	/* The flag off in the frame: the scheduler neither switches nor delivers signals here. */
	struct interrupt_frame frame = {.vector = cpu->deferred_vector};

	if (!(cpu->interrupt_deferred & CPU_EXIT_INTERRUPT))
		return false;
	cpu->interrupt_deferred &= (uint8_t)~CPU_EXIT_INTERRUPT;
	run_handler(&frame);
	return true;
}
