// SPDX-License-Identifier: MIT
/* The legacy 8259 PIC pair: remapped away from the exception vectors and fully masked. */
#include "arch/x86_64/cpu.h"
#include "drivers/interrupt/pic.h"

void pic_disable(void)
{
	/* Remap to 0x20/0x28 first, so a spurious IRQ cannot land on an exception vector. */
	outb(0x20, 0x11);
	outb(0xa0, 0x11);
	outb(0x21, 0x20);
	outb(0xa1, 0x28);
	outb(0x21, 0x04);
	outb(0xa1, 0x02);
	outb(0x21, 0x01);
	outb(0xa1, 0x01);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}
