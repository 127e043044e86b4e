/* SPDX-License-Identifier: MIT */
/* The 16550 UART on COM1 (I/O port 0x3f8, IRQ 4): the console's wire. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#define UART16550_IRQ 4

void uart16550_init(void);
/* Turns on the receive interrupt; each received byte goes to `receive` in interrupt context,
 * while `has_room` says the receiver can take one. When it cannot, the bytes stay in the UART
 * (whose sender, QEMU or a line with flow control, then waits) until
 * uart16550_resume_receive: input is held back, never dropped. */
void uart16550_enable_receive_interrupt(void (*receive)(unsigned char byte),
					bool (*has_room)(void));
/* The receiver has room again: takes the held bytes (a no-op when nothing was held). */
void uart16550_resume_receive(void);
void uart16550_write(const char *bytes, size_t length);
