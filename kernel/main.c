// SPDX-License-Identifier: MIT
/* The boot script: arch/x86_64/boot_entry.S calls kernel_main in long mode on the boot stack,
 * with the first GiB mapped and what the boot loader passed. One step per line, in dependency
 * order; the last one becomes the application's main thread and never returns. */
#include <stdint.h>
#include "arch/x86_64/cpu.h"
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
#include "kernel/symbols.h"
#include "kernel/thread.h"
#include "lib/format.h"
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

/* The boot profile: the TSC at the end of each step, in the boot's summary as "boot steps"
 * lines of microseconds per step (the first counts from the first boot instruction). A step is
 * named by its function's address, which the image's symbol table turns into its name. */
static struct {
	uint64_t function, end_tsc;
} boot_steps[32];
static unsigned boot_step_count;

static void boot_step_done(void *function)
{
	if (boot_step_count < sizeof boot_steps / sizeof boot_steps[0])
		boot_steps[boot_step_count].function = (uint64_t)function,
		boot_steps[boot_step_count++].end_tsc = rdtsc();
}

#define BOOT_STEP(function, ...)                                                                   \
	do {                                                                                       \
		function(__VA_ARGS__);                                                             \
		boot_step_done(function);                                                          \
	} while (0)

static uint64_t boot_to_main_us;

/* The boot's summary, deferred (log_defer): the protocol, RAM, boot to main and its steps. */
static void report_boot(void)
{
	char line[400];
	size_t used = 0;
	uint64_t previous = boot_first_tsc;
	pr_info("booted by %s, %llu MiB of RAM\n", bootinfo.protocol,
		(unsigned long long)(frame_total_count() >> 8));
	pr_info("boot to main %llu us\n", (unsigned long long)boot_to_main_us);
	for (unsigned i = 0; i < boot_step_count; i++) {
		uint64_t offset;
		const char *name = symbols_lookup(boot_steps[i].function, &offset);
		used += (size_t)format_snprintf(
		    line + used, sizeof line - used, " %s %llu", name ? name : "?",
		    (unsigned long long)(time_tsc_to_ns(boot_steps[i].end_tsc - previous) / 1000));
		previous = boot_steps[i].end_tsc;
		if (used > sizeof line - 64 || i + 1 == boot_step_count) /* a name is < 32 bytes */
			pr_info("boot steps (us):%s\n", line), used = 0;
	}
}

void kernel_main(uint32_t magic, uint32_t information, uint64_t first_tsc)
{
	boot_first_tsc = first_tsc;
	/* The CPU's final mode first (SSE/AVX, syscall MSRs, GS): an emulator translates code
	 * for the mode it runs in, so code run before a mode change is translated again after. */
	BOOT_STEP(cpu_setup);
	BOOT_STEP(console_init);    /* serial output first: every later step can report */
	BOOT_STEP(idt_init);	    /* GDT, TSS with IST stacks, IDT */
	BOOT_STEP(exceptions_init); /* faults become reports from here on */
	if (boot_parse(&bootinfo, magic, (const void *)(uintptr_t)information))
		panic("unknown boot protocol (magic %#x) or no memory map", magic);
	boot_step_done(boot_parse);
	BOOT_STEP(cmdline_parse, &cmdline, bootinfo.command_line);
	app_set_kernel_command_line(bootinfo.command_line);
	if (cmdline.log_level >= 0)
		log_set_console_level(cmdline.log_level);
	if (cmdline.truncated)
		pr_warn("command line too long: the rest was dropped\n");
	for (unsigned i = 0; i < bootinfo.module_count; i++) /* keep the initrd out of RAM */
		bootinfo_reserve(&bootinfo, bootinfo.modules[i].start, bootinfo.modules[i].length);
	BOOT_STEP(syscall_init);				  /* /proc/syscalls */
	BOOT_STEP(frame_init, &bootinfo, paging_init(&bootinfo)); /* final page tables, then RAM */
	BOOT_STEP(vm_init);					  /* the image's memory areas */
	BOOT_STEP(vga_text_init);				  /* the screen, if there is one */
	BOOT_STEP(irq_init);					  /* mask PIC, LAPIC, I/O APIC */
	BOOT_STEP(acpi_init, bootinfo.rsdp);			  /* power-off registers */
	BOOT_STEP(time_init, cmdline.tsc_hz);			  /* TSC and wall clock */
	BOOT_STEP(random_init);					  /* getrandom, AT_RANDOM */
	BOOT_STEP(scheduler_init);		       /* this context becomes thread 1 */
	BOOT_STEP(emulator_tlb_grow_later, &bootinfo); /* under TCG, 20 ms on: room to work */
	BOOT_STEP(console_enable_input);	       /* serial receive interrupt */
	BOOT_STEP(i8042_init);			       /* the keyboard, if there is one */
	BOOT_STEP(vfs_init, &bootinfo);		       /* ramfs root, /dev, initrd, /etc */
	BOOT_STEP(vfs_open_console);		       /* descriptors 0, 1, 2 */
	BOOT_STEP(virtio_mmio_probe, cmdline.virtio_mmio_devices,
		  cmdline.virtio_mmio_count); /* disks, shares */
	BOOT_STEP(pci_init);		      /* /proc/bus/pci/devices */
	BOOT_STEP(graphics_init, &bootinfo);  /* fb0, input (or video/absent.c) */
	BOOT_STEP(virtio_pci_probe);	      /* the same on q35 and pc */
	BOOT_STEP(net_pci_probe);	      /* e1000 */
	BOOT_STEP(sound_init);		      /* AC'97, /dev/dsp (or sound/absent.c) */
	BOOT_STEP(net_init, &cmdline);	      /* lwIP, lo, DHCP (or nothing: net/absent.c) */
	BOOT_STEP(virtio_console_open_streams,
		  cmdline.streams);			/* pipes and files, not the terminal */
	BOOT_STEP(arguments_load, &cmdline, &bootinfo); /* byte-exact ones, where given apart */
	BOOT_STEP(cmdline_add_default_environment, &cmdline); /* PATH, HOME, TERM unless given */
	boot_to_main_us = time_monotonic_ns() / 1000;
	log_defer(report_boot);
	if (log_console_level() >= LOG_INFO) /* shown now, but not counted in the boot's time */
		log_write_deferred();
	app_start(&cmdline);
}
