/* SPDX-License-Identifier: MIT */
/* Under QEMU's TCG, grows the emulator's software TLB (mm/emulator_tlb.c); elsewhere nothing. */
#pragma once
#include "boot/bootinfo.h"

/* Grows it EMULATOR_TLB_DELAY_NS after boot, from a kernel timer: a program that is done by
 * then (hello) never pays for it. INFO must stay (its memory map says what to read). Needs
 * the scheduler. */
#define EMULATOR_TLB_DELAY_NS 20000000
void emulator_tlb_grow_later(const struct bootinfo *info);
