/* SPDX-License-Identifier: MIT */
/* The GDT's selectors (arch/x86_64/descriptors.c builds the table; boot_entry.S has its own
 * until then), for C and assembly alike.
 * The data descriptor, which SS holds, has its size bit (D/B) clear. 64-bit mode ignores it, but
 * an emulator does not: QEMU's TCG keys each translated block on SS's size bit, and an interrupt
 * through an IST stack (every interrupt here) loads SS with null, size bit clear. With the bit
 * set in the descriptor, code run both in interrupts and in threads was translated twice. The
 * `syscall` instruction loads SS with the bit set, and the trap entry leaves it so: the code a
 * call through the trap runs is translated once more for that state, once, where reloading SS
 * cost every such call about 40 ns under TCG (a move to SS ends a translation block). */
#pragma once

#define KERNEL_CODE_SELECTOR 0x08
#define KERNEL_DATA_SELECTOR 0x10
#define TSS_SELECTOR	     0x18
/* The descriptors themselves: 64-bit code; data, 4 GiB, size bit clear (above). Ring 0 both. */
#define KERNEL_CODE_DESCRIPTOR 0x00af9a000000ffff
#define KERNEL_DATA_DESCRIPTOR 0x008f92000000ffff
