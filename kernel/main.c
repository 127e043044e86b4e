// SPDX-License-Identifier: MIT
/* The boot script: arch/x86_64/boot_entry.S calls kernel_main in long mode on the boot stack,
 * with the first GiB mapped and what the boot loader passed. One step per line, in dependency
 * order; the last one becomes the application's main thread and never returns. */
#include <stdint.h>
#include "arch/x86_64/cpu_setup.h"
#include "arch/x86_64/exceptions.h"
#include "arch/x86_64/interrupts.h"
#include "boot/boot.h"
#include "drivers/input/i8042.h"
#include "drivers/pci/pci.h"
#include "drivers/interrupt/irq.h"
#include "drivers/platform/acpi.h"
#include "drivers/sound/sound.h"
#include "drivers/virtio/virtio_console.h"
#include "drivers/virtio/virtio_mmio.h"
#include "drivers/virtio/virtio_pci.h"
#include "drivers/video/framebuffer.h"
#include "drivers/video/vga_text.h"
#include "fs/vfs.h"
#include "kernel/app_start.h"
#include "kernel/arguments.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/log.h"
#include "kernel/panic.h"
#include "kernel/random.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "mm/emulator_tlb.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "mm/vm.h"
#include "net/stack.h"
#include "sys/syscalls.h"

static struct bootinfo bootinfo;
static struct cmdline cmdline;

void kernel_main(uint32_t magic, uint32_t information, uint64_t first_tsc);

void kernel_main(uint32_t magic, uint32_t information, uint64_t first_tsc)
{
	boot_first_tsc = first_tsc;
	console_init();	   /* serial output first: every later step can report */
	idt_init();	   /* GDT, TSS with IST stacks, IDT */
	exceptions_init(); /* faults become reports from here on */
	if (boot_parse(&bootinfo, magic, (const void *)(uintptr_t)information))
		panic("unknown boot protocol (magic %#x) or no memory map", magic);
	cmdline_parse(&cmdline, bootinfo.command_line);
	app_set_kernel_command_line(bootinfo.command_line);
	if (cmdline.log_level >= 0)
		log_set_console_level(cmdline.log_level);
	if (cmdline.truncated)
		pr_warn("command line too long: the rest was dropped\n");
	for (unsigned i = 0; i < bootinfo.module_count; i++) /* keep the initrd out of RAM */
		bootinfo_reserve(&bootinfo, bootinfo.modules[i].start, bootinfo.modules[i].length);
	cpu_setup();				       /* SSE/AVX, syscall MSRs, GS */
	syscall_init();				       /* /proc/syscalls */
	frame_init(&bootinfo, paging_init(&bootinfo)); /* final page tables, then RAM */
	vm_init();				       /* the image's memory areas */
	vga_text_init();			       /* the screen, if there is one */
	irq_init();				       /* mask PIC, LAPIC, I/O APIC */
	acpi_init(bootinfo.rsdp);		       /* power-off registers */
	time_init(cmdline.tsc_hz);		       /* TSC and wall clock */
	random_init();				       /* getrandom, AT_RANDOM */
	scheduler_init();			       /* this context becomes thread 1 */
	emulator_tlb_grow_later(&bootinfo);	       /* under TCG, 20 ms on: room to work */
	console_enable_input();			       /* serial receive interrupt */
	i8042_init();				       /* the keyboard, if there is one */
	vfs_init(&bootinfo);			       /* ramfs root, /dev, initrd, /etc */
	vfs_open_console();			       /* descriptors 0, 1, 2 */
	virtio_mmio_probe(cmdline.virtio_mmio_devices,
			  cmdline.virtio_mmio_count); /* disks, shares */
	pci_init();				      /* /proc/bus/pci/devices */
	graphics_init(&bootinfo);		      /* fb0, input (or video/absent.c) */
	virtio_pci_probe();			      /* the same on q35 and pc */
	net_pci_probe();			      /* e1000 */
	sound_init();				      /* AC'97, /dev/dsp (or sound/absent.c) */
	net_init(&cmdline); /* lwIP, lo, DHCP (or nothing: net/absent.c) */
	virtio_console_open_streams(cmdline.streams); /* pipes and files, not the terminal */
	arguments_load(&cmdline, &bootinfo);	      /* byte-exact ones, where given apart */
	cmdline_add_default_environment(&cmdline);    /* PATH, HOME, TERM unless given */
	pr_info("booted by %s, %llu MiB of RAM\n", bootinfo.protocol,
		(unsigned long long)(frame_total_count() >> 8));
	pr_info("boot to main %llu us\n", (unsigned long long)(time_monotonic_ns() / 1000));
	app_start(&cmdline);
}
