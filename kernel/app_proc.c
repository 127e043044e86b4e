// SPDX-License-Identifier: MIT
/* The program's /proc files (registered by app_start): /proc/cmdline (the kernel's) and
 * /proc/1, the one process: cmdline, exe, maps, status. */
#include "fs/procfs.h"
#include "kernel/app_start.h"
#include "kernel/thread.h"
#include "mm/vm.h"

static void generate_kernel_cmdline(struct procfs_text *text, void *context)
{
	(void)context;
	procfs_printf(text, "%s\n", app_kernel_command_line());
}

static void generate_cmdline(struct procfs_text *text, void *context)
{
	const struct cmdline *cmdline = app_cmdline();

	(void)context;
	for (unsigned i = 0; i < cmdline->argument_count; i++) {
		procfs_printf(text, "%s", cmdline->arguments[i]);
		procfs_printf(text, "%c", 0);
	}
}

static void add_area(const struct vm_area *area, void *context)
{
	static const char *const kinds[] = {"", "", "[stack]", "[framebuffer]"};

	procfs_printf(context, "%012llx-%012llx %c%c%cp 00000000 00:00 0          %s\n",
		      (unsigned long long)area->start, (unsigned long long)area->end,
		      area->protection & PROT_READ ? 'r' : '-',
		      area->protection & PROT_WRITE ? 'w' : '-',
		      area->protection & PROT_EXEC ? 'x' : '-',
		      area->kind == VM_IMAGE ? app_image_name() : kinds[area->kind]);
}

static void generate_maps(struct procfs_text *text, void *context)
{
	(void)context;
	vm_for_each_area(add_area, text);
}

static void count_thread(const struct thread *thread, void *context)
{
	(void)thread;
	(*(unsigned *)context)++;
}

static void generate_status(struct procfs_text *text, void *context)
{
	unsigned threads = 0;

	(void)context;
	scheduler_for_each_thread(count_thread, &threads);
	procfs_printf(text,
		      "Name:\t%s\nState:\tR (running)\nTgid:\t1\nPid:\t1\nPPid:\t0\n"
		      "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nVmSize:\t%8llu kB\nVmRSS:\t%8llu kB\n"
		      "Threads:\t%u\n",
		      app_image_name(), (unsigned long long)(vm_mapped_bytes() / 1024),
		      (unsigned long long)(vm_resident_bytes() / 1024), threads);
}

void app_register_proc_files(void)
{
	procfs_register_file("cmdline", generate_kernel_cmdline, NULL);
	procfs_register_file("1/cmdline", generate_cmdline, NULL);
	procfs_register_link("1/exe", app_image_path());
	procfs_register_file("1/maps", generate_maps, NULL);
	procfs_register_file("1/status", generate_status, NULL);
}
