/* SPDX-License-Identifier: MIT */
/* The 16550 UART on COM1 (I/O port 0x3f8, IRQ 4): the console's wire. */
#pragma once
#include <stddef.h>

#define UART16550_IRQ 4

void uart16550_init(void);
/* Turns on the receive interrupt; each received byte goes to `receive` in interrupt context. */
void uart16550_enable_receive_interrupt(void (*receive)(unsigned char byte));
void uart16550_write(const char *bytes, size_t length);
