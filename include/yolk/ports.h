// SPDX-License-Identifier: MIT
/* x86 port I/O for applications. A Yolk application runs in ring 0, so IN and OUT work from
 * ordinary code: these talk to the hardware directly, beside the kernel's own drivers, with
 * nothing in between. A wrong port or value can hang or reset the machine, or confuse a
 * device the kernel drives (the serial console at 0x3f8, the PIC, the PIT): use with care. */
#ifndef YOLK_PORTS_H
#define YOLK_PORTS_H

#include <stdint.h>

static inline uint8_t yolk_in8(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint16_t yolk_in16(uint16_t port)
{
	uint16_t value;

	__asm__ volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint32_t yolk_in32(uint16_t port)
{
	uint32_t value;

	__asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline void yolk_out8(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline void yolk_out16(uint16_t port, uint16_t value)
{
	__asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

static inline void yolk_out32(uint16_t port, uint32_t value)
{
	__asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

#endif
