/* SPDX-License-Identifier: MIT */
/* The smallest guest QEMU's -kernel will boot through PVH: its first instruction writes 0 to the
 * isa-debug-exit port, so QEMU exits with status 1. Booted with Yolk's QEMU command line, it
 * measures QEMU, the firmware (qboot on microvm) and the PVH load with no guest work at all.
 * Built by bench/run.sh with: as --32, ld -m elf_i386 -Ttext=0x100000. */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4				/* name size: "Xen\0" */
	.long 4				/* descriptor size */
	.long 18			/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long entry

	.text
	.code32
	.globl entry
entry:
	movw $0x501, %dx		/* isa-debug-exit, as yolk run configures it */
	xorl %eax, %eax
	outb %al, %dx
1:	hlt
	jmp 1b
