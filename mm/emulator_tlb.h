/* SPDX-License-Identifier: MIT */
/* Under QEMU's TCG, grows the emulator's software TLB (mm/emulator_tlb.c); elsewhere nothing. */
#pragma once
#include "boot/bootinfo.h"

void emulator_tlb_grow(const struct bootinfo *info);
