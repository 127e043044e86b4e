// SPDX-License-Identifier: MIT
/* 16550 UART driver for COM1: polled output, interrupt-driven input. Input that arrives before
 * the console asks for it is kept and handed over first, so nothing typed or piped at boot is
 * lost; input the console has no room for stays in the UART, its interrupt off, until the
 * console has read some (flow control: a fast sender waits instead of losing bytes). */
#include "drivers/serial/uart16550.h"
#include <stdint.h>
#include "arch/x86_64/cpu.h"
#include "drivers/interrupt/irq.h"

#define COM1			   0x3f8
#define REGISTER_DATA		   0
#define REGISTER_INTERRUPT_ENABLE  1
#define REGISTER_LINE_CONTROL	   3
#define REGISTER_MODEM_CONTROL	   4
#define REGISTER_LINE_STATUS	   5
#define LINE_STATUS_DATA_READY	   0x01
#define LINE_STATUS_TRANSMIT_EMPTY 0x20
#define MODEM_CONTROL_OUT2	   0x08 /* gates the IRQ line on PC hardware */

#define INTERRUPT_DATA_AVAILABLE 0x01

static void (*receive_handler)(unsigned char byte);
static bool (*receiver_has_room)(void);
static bool receive_held; /* bytes wait in the UART; its receive interrupt is off */
/* Bytes that arrived before the receive interrupt was on. */
static unsigned char early_bytes[256];
static unsigned early_count;

void uart16550_init(void)
{
	while ((inb(COM1 + REGISTER_LINE_STATUS) & LINE_STATUS_DATA_READY) &&
	       early_count < sizeof(early_bytes))
		early_bytes[early_count++] = inb(COM1 + REGISTER_DATA);
	outb(COM1 + REGISTER_INTERRUPT_ENABLE, 0);
	outb(COM1 + REGISTER_LINE_CONTROL, 0x80); /* divisor latch */
	outb(COM1 + REGISTER_DATA, 1);		  /* 115200 baud */
	outb(COM1 + REGISTER_INTERRUPT_ENABLE, 0);
	outb(COM1 + REGISTER_LINE_CONTROL, 0x03); /* 8N1 */
	/* The FIFO control register is left as the firmware set it: changing the FIFO-enable
	 * bit clears the receive FIFO (QEMU does), losing what was already typed or piped. */
	outb(COM1 + REGISTER_MODEM_CONTROL, 0x03); /* DTR, RTS */
}

void uart16550_write(const char *bytes, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		/* QEMU's UART is always ready; real hardware needs the wait (bounded). */
		for (int spin = 0; spin < 100000; spin++) {
			if (inb(COM1 + REGISTER_LINE_STATUS) & LINE_STATUS_TRANSMIT_EMPTY)
				break;
			cpu_pause();
		}
		outb(COM1 + REGISTER_DATA, bytes[i]);
	}
}

static void uart16550_interrupt(struct interrupt_frame *frame)
{
	(void)frame;
	while (inb(COM1 + REGISTER_LINE_STATUS) & LINE_STATUS_DATA_READY) {
		if (!receiver_has_room()) {
			receive_held = true;
			outb(COM1 + REGISTER_INTERRUPT_ENABLE, 0);
			return;
		}
		receive_handler(inb(COM1 + REGISTER_DATA));
	}
}

void uart16550_resume_receive(void)
{
	if (!receive_held)
		return;
	receive_held = false;
	/* The UART interrupts at once if data is waiting. */
	outb(COM1 + REGISTER_INTERRUPT_ENABLE, INTERRUPT_DATA_AVAILABLE);
}

void uart16550_enable_receive_interrupt(void (*receive)(unsigned char byte), bool (*has_room)(void))
{
	receive_handler = receive;
	receiver_has_room = has_room;
	for (unsigned i = 0; i < early_count; i++)
		receive(early_bytes[i]);
	early_count = 0;
	interrupt_route_irq(UART16550_IRQ, uart16550_interrupt);
	outb(COM1 + REGISTER_MODEM_CONTROL, 0x03 | MODEM_CONTROL_OUT2);
	outb(COM1 + REGISTER_INTERRUPT_ENABLE, INTERRUPT_DATA_AVAILABLE);
}
