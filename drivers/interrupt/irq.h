/* SPDX-License-Identifier: MIT */
/* Device interrupts: the 8259 PICs are masked (SeaBIOS leaves IRQ0 on vector 8, where a timer
 * tick would look like a double fault), the local APIC receives, and the I/O APIC routes ISA
 * IRQ n to vector 32 + n on the boot CPU. */
#pragma once
#include "arch/x86_64/interrupts.h"

#define VECTOR_LOCAL_TIMER 0xf0

void irq_init(void);
/* Routes an I/O APIC input (ISA IRQs 0-15, then 16-23) to `handler`, edge-triggered; the end
 * of interrupt is sent for it. 0 or -EINVAL. */
int interrupt_route_irq(unsigned irq, void (*handler)(struct interrupt_frame *frame));
/* The same, level-triggered (active high), for a PCI device's INTx line: the handler must
 * quiet the device (acknowledge its cause) before it returns, when the end of interrupt lets
 * the I/O APIC deliver the line again if it is still up. One handler per line: not shared. */
int interrupt_route_level_irq(unsigned irq, void (*handler)(struct interrupt_frame *frame));
void lapic_end_of_interrupt(void);
/* The local APIC timer, one-shot, in its own ticks (kernel/time.c converts); 0 stops it. Its
 * interrupt (VECTOR_LOCAL_TIMER) only acknowledges until the scheduler takes it over. */
void lapic_timer_start(uint32_t ticks);
uint32_t lapic_timer_current(void);
/* The local APIC timer in TSC-deadline mode (CPUs that have it): fires at that TSC value. */
void lapic_timer_start_deadline(uint64_t tsc);
