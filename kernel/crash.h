/* SPDX-License-Identifier: MIT */
/* What happens when the application (or the kernel) faults: a register dump, a symbolized
 * backtrace, and power-off with 128 + the signal number Linux would have used. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/interrupts.h"
#include "kernel/compiler.h"

#define SIGNAL_ILL  4
#define SIGNAL_TRAP 5
#define SIGNAL_ABRT 6
#define SIGNAL_BUS  7
#define SIGNAL_FPE  8
#define SIGNAL_KILL 9
#define SIGNAL_SEGV 11

/* `description` says what happened ("page fault at 0x0 (not mapped) reading"). */
__noreturn void crash_report(const struct interrupt_frame *frame, const char *description,
			     int signal);
/* Follows the frame-pointer chain from (instruction, frame_pointer), each step checked against
 * the memory areas and the page tables first, so a corrupt or foreign chain ends the walk and
 * never faults: visit(address, context) gets the instruction and then each caller's address
 * (inside its call), until it returns false or the chain ends. */
void crash_walk_frames(uint64_t instruction, uint64_t frame_pointer,
		       bool (*visit)(uint64_t address, void *context), void *context);
/* Prints the backtrace from a frame pointer. */
void crash_print_backtrace(uint64_t instruction, uint64_t frame_pointer);
