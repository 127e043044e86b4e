/* SPDX-License-Identifier: MIT */
/* The first instructions: entered from PVH (EBX = hvm_start_info) or Multiboot2 (EAX = magic,
 * EBX = boot information) in 32-bit protected mode with paging off. Stamps the TSC, builds boot
 * page tables that map the first GiB three times (identity, direct map, image), enters long
 * mode and calls kernel_main(magic, information, first_tsc) in the higher half. mm/paging.c
 * replaces these tables. */

#define IMAGE_BASE 0xffffffff80000000
#define PAGE_PRESENT_WRITABLE 0x3
#define PAGE_LARGE 0x80
#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_PGE (1 << 7)
#define MSR_EFER 0xc0000080
#define EFER_SCE (1 << 0)
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#include "arch/x86_64/selectors.h"

	.section .boot.text, "ax"
	.code32
	.global pvh_entry, multiboot2_entry
pvh_entry:
multiboot2_entry:
	cli
	cld
	movl %eax, %edi
	movl %ebx, %esi
	rdtsc
	movl %eax, boot_first_tsc
	movl %edx, boot_first_tsc + 4
	movl %edi, boot_magic
	movl %esi, boot_information

	/* PML4[0] and PML4[256] -> low PDPT (identity and direct map), PML4[511] -> high PDPT. */
	movl $boot_pdpt_low + PAGE_PRESENT_WRITABLE, boot_pml4
	movl $boot_pdpt_low + PAGE_PRESENT_WRITABLE, boot_pml4 + 256 * 8
	movl $boot_pdpt_high + PAGE_PRESENT_WRITABLE, boot_pml4 + 511 * 8
	movl $boot_pd + PAGE_PRESENT_WRITABLE, boot_pdpt_low
	movl $boot_pd + PAGE_PRESENT_WRITABLE, boot_pdpt_high + 510 * 8
	/* The page directory: 512 large pages of 2 MiB = the first GiB. */
	movl $boot_pd, %edi
	movl $(PAGE_PRESENT_WRITABLE | PAGE_LARGE), %eax
1:	movl %eax, (%edi)
	addl $0x200000, %eax
	addl $8, %edi
	cmpl $boot_pd + 4096, %edi
	jne 1b

	movl %cr4, %eax
	orl $(CR4_PAE | CR4_PGE), %eax
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $(EFER_LME | EFER_NXE | EFER_SCE), %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP | CR0_PE), %eax
	movl %eax, %cr0
	lgdt boot_gdt_pointer
	ljmp $KERNEL_CODE_SELECTOR, $long_mode_entry

	.code64
long_mode_entry:
	movw $KERNEL_DATA_SELECTOR, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorl %eax, %eax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp
	movl boot_magic, %edi
	movl boot_information, %esi
	movq boot_first_tsc, %rdx
	movabsq $kernel_main, %rax
	callq *%rax
2:	cli
	hlt
	jmp 2b

	.section .boot.data, "aw"
	.balign 8
boot_first_tsc:
	.quad 0
boot_magic:
	.long 0
boot_information:
	.long 0
	.balign 8
boot_gdt:
	.quad 0
	.quad KERNEL_CODE_DESCRIPTOR	/* loaded in 64-bit mode only */
	.quad KERNEL_DATA_DESCRIPTOR
boot_gdt_end:
boot_gdt_pointer:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt

	.section .boot.bss, "aw", @nobits
	.balign 4096
boot_pml4:
	.skip 4096
boot_pdpt_low:
	.skip 4096
boot_pdpt_high:
	.skip 4096
boot_pd:
	.skip 4096

	.section .bss
	.balign 16
	.global boot_stack_top
boot_stack:
	.skip 16384
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
