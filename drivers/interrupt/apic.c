// SPDX-License-Identifier: MIT
/* Local APIC (xAPIC, memory-mapped) and I/O APIC of the boot CPU. The I/O APIC is at its
 * standard address 0xfec00000 on QEMU's pc, q35 and microvm machines; MADT parsing comes with
 * SMP. ISA IRQ 0 (the PIT) is wired to I/O APIC input 2 on PC-compatible machines. */
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "drivers/interrupt/irq.h"
#include "drivers/interrupt/pic.h"
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "mm/paging.h"

#define IOAPIC_PHYSICAL	       0xfec00000ul
#define IOAPIC_REGISTER_SELECT 0x00
#define IOAPIC_WINDOW	       0x10
#define IOAPIC_REDIRECTION(n)  (0x10 + 2 * (n))
#define IOAPIC_MASKED	       (1u << 16)
#define IOAPIC_LEVEL_TRIGGERED (1u << 15)

#define LAPIC_ID	       0x20
#define LAPIC_END_OF_INTERRUPT 0xb0
#define LAPIC_SPURIOUS	       0xf0
#define LAPIC_LVT_TIMER	       0x320
#define LAPIC_TIMER_INITIAL    0x380
#define LAPIC_TIMER_CURRENT    0x390
#define LAPIC_TIMER_DIVIDE     0x3e0
#define LAPIC_ENABLE	       0x100
#define LAPIC_BASE_ENABLE      (1ul << 11)

static volatile uint32_t *lapic;
static volatile uint32_t *ioapic;
#define IOAPIC_PINS 24

static void (*irq_handlers[IOAPIC_PINS])(struct interrupt_frame *frame);

static uint32_t lapic_read(unsigned offset)
{
	return lapic[offset / 4];
}

static void lapic_write(unsigned offset, uint32_t value)
{
	lapic[offset / 4] = value;
}

static void ioapic_write(unsigned index, uint32_t value)
{
	ioapic[IOAPIC_REGISTER_SELECT / 4] = index;
	ioapic[IOAPIC_WINDOW / 4] = value;
}

void lapic_end_of_interrupt(void)
{
	lapic_write(LAPIC_END_OF_INTERRUPT, 0);
}

static void spurious_interrupt(struct interrupt_frame *frame)
{
	(void)frame;
}

static void irq_entry(struct interrupt_frame *frame)
{
	unsigned irq = frame->vector - VECTOR_FIRST_IRQ;

	if (irq < IOAPIC_PINS && irq_handlers[irq])
		irq_handlers[irq](frame);
	lapic_end_of_interrupt();
}

static void local_timer_interrupt(struct interrupt_frame *frame)
{
	(void)frame;
	lapic_end_of_interrupt();
}

void irq_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	pic_disable();
	wrmsr(MSR_APIC_BASE, base | LAPIC_BASE_ENABLE);
	lapic = paging_map_device(base & 0xfffff000ul, 4096);
	ioapic = paging_map_device(IOAPIC_PHYSICAL, 4096);
	interrupt_set_handler(VECTOR_SPURIOUS, spurious_interrupt);
	interrupt_set_handler(VECTOR_LOCAL_TIMER, local_timer_interrupt);
	lapic_write(LAPIC_SPURIOUS, LAPIC_ENABLE | VECTOR_SPURIOUS);
	for (unsigned pin = 0; pin < 24; pin++)
		ioapic_write(IOAPIC_REDIRECTION(pin), IOAPIC_MASKED);
}

/* Fixed delivery to the boot CPU, active high: the ISA defaults, and what QEMU's PCI interrupt
 * links are too (its ACPI tables say Level, ActiveHigh; its I/O APIC has no polarity). */
static int route(unsigned irq, void (*handler)(struct interrupt_frame *frame), uint32_t trigger)
{
	uint32_t destination = lapic_read(LAPIC_ID) >> 24;
	unsigned pin = irq == 0 ? 2 : irq;

	if (irq >= IOAPIC_PINS)
		return -EINVAL;
	irq_handlers[irq] = handler;
	interrupt_set_handler(VECTOR_FIRST_IRQ + irq, irq_entry);
	ioapic_write(IOAPIC_REDIRECTION(pin) + 1, destination << 24);
	ioapic_write(IOAPIC_REDIRECTION(pin), trigger | (VECTOR_FIRST_IRQ + irq));
	return 0;
}

int interrupt_route_irq(unsigned irq, void (*handler)(struct interrupt_frame *frame))
{
	return route(irq, handler, 0);
}

int interrupt_route_level_irq(unsigned irq, void (*handler)(struct interrupt_frame *frame))
{
	return route(irq, handler, IOAPIC_LEVEL_TRIGGERED);
}

void lapic_timer_start(uint32_t ticks)
{
	lapic_write(LAPIC_TIMER_DIVIDE, 0x3);		  /* divide by 16 */
	lapic_write(LAPIC_LVT_TIMER, VECTOR_LOCAL_TIMER); /* one-shot */
	lapic_write(LAPIC_TIMER_INITIAL, ticks);
}

void lapic_timer_start_deadline(uint64_t tsc)
{
	/* TSC-deadline mode: the timer fires when the TSC reaches the value (0 disarms). */
	lapic_write(LAPIC_LVT_TIMER, VECTOR_LOCAL_TIMER | (2u << 17));
	wrmsr(MSR_TSC_DEADLINE, tsc);
}

uint32_t lapic_timer_current(void)
{
	return lapic_read(LAPIC_TIMER_CURRENT);
}
