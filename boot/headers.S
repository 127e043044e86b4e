/* SPDX-License-Identifier: MIT */
/* The two boot protocols' markers in the image: a Multiboot2 header (GRUB, BIOS and UEFI) and a
 * PVH ELF note (QEMU -kernel, Firecracker). Both enter arch/x86_64/boot_entry.S in 32-bit
 * protected mode with paging off. */

#define MULTIBOOT2_MAGIC 0xe85250d6
#define MULTIBOOT2_ARCH_I386 0
#define MULTIBOOT2_HEADER_LENGTH (multiboot2_header_end - multiboot2_header)
#define XEN_ELFNOTE_PHYS32_ENTRY 18

	.section .multiboot2, "a"
	.balign 8
multiboot2_header:
	.long MULTIBOOT2_MAGIC
	.long MULTIBOOT2_ARCH_I386
	.long MULTIBOOT2_HEADER_LENGTH
	.long -(MULTIBOOT2_MAGIC + MULTIBOOT2_ARCH_I386 + MULTIBOOT2_HEADER_LENGTH)
	/* entry address tag: the physical address of the 32-bit entry */
	.balign 8
	.short 3, 0
	.long 12
	.long multiboot2_entry
	/* framebuffer tag, optional (flags bit 0), no preferred size or depth: a boot loader that
	 * set a graphics mode (yolk pack does for images with graphics) describes it */
	.balign 8
	.short 5, 1
	.long 20
	.long 0, 0, 0
	/* end tag */
	.balign 8
	.short 0, 0
	.long 8
multiboot2_header_end:

	.section .note.Xen, "a", @note
	.balign 4
	.long 4			/* name size: "Xen\0" */
	.long 8			/* descriptor size */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.balign 4
	.quad pvh_entry
	.balign 4

	.section .note.GNU-stack, "", @progbits
