// SPDX-License-Identifier: MIT
/* procfs on /proc: the kernel's state as text. Each file is generated when it is opened, into
 * a buffer the reads then serve (a consistent snapshot per open). The program is process 1:
 * /proc/self is a link to /proc/1, which has fd/, maps, status, cmdline, exe. */
#include "fs/procfs.h"
#include <stdarg.h>
#include "arch/x86_64/cpu.h"
#include "drivers/pci/pci.h"
#include "fs/descriptors.h"
#include "include/uapi/errno.h"
#include "kernel/app_start.h"
#include "kernel/compiler.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"
#include "mm/vm.h"
#include "sys/syscalls.h"

struct text {
	char *data;
	size_t length, capacity;
	bool failed;
};

static void text_add(struct text *text, const char *format, ...) __printf_like(2, 3);

static void text_add(struct text *text, const char *format, ...)
{
	va_list args;

	for (int attempt = 0; attempt < 2 && !text->failed; attempt++) {
		va_start(args, format);
		size_t room = text->capacity - text->length;
		int needed = format_vsnprintf(text->data ? text->data + text->length : NULL,
					      text->data ? room : 0, format, args);
		va_end(args);
		if ((size_t)needed < room) {
			text->length += needed;
			return;
		}
		size_t capacity = MAX(text->capacity * 2, text->length + needed + 256);
		char *bigger = heap_alloc(capacity);
		if (!bigger) {
			text->failed = true;
			return;
		}
		if (text->data)
			memcpy(bigger, text->data, text->length);
		heap_free(text->data);
		text->data = bigger;
		text->capacity = capacity;
	}
}

/* ---- the files ---------------------------------------------------------------------------- */

static void generate_meminfo(struct text *text)
{
	uint64_t total = frame_total_count() * 4, free = frame_free_count() * 4;

	text_add(text,
		 "MemTotal:       %8llu kB\nMemFree:        %8llu kB\n"
		 "MemAvailable:   %8llu kB\nBuffers:               0 kB\n"
		 "Cached:                0 kB\nAnonPages:      %8llu kB\n"
		 "SwapTotal:             0 kB\nSwapFree:              0 kB\n",
		 (unsigned long long)total, (unsigned long long)free, (unsigned long long)free,
		 (unsigned long long)(vm_resident_bytes() / 1024));
}

static void generate_cpuinfo(struct text *text)
{
	uint32_t brand[13] = {0};
	struct cpuid_result vendor = cpuid(0, 0), features = cpuid(1, 0);
	uint32_t vendor_text[4] = {vendor.ebx, vendor.edx, vendor.ecx, 0};

	if (cpuid(0x80000000, 0).eax >= 0x80000004)
		for (unsigned i = 0; i < 3; i++) {
			struct cpuid_result part = cpuid(0x80000002 + i, 0);
			brand[4 * i] = part.eax;
			brand[4 * i + 1] = part.ebx;
			brand[4 * i + 2] = part.ecx;
			brand[4 * i + 3] = part.edx;
		}
	text_add(text,
		 "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
		 "model name\t: %s\ncpu MHz\t\t: %llu.000\nflags\t\t:%s%s%s%s%s\n\n",
		 (char *)vendor_text, (features.eax >> 8) & 0xf, (features.eax >> 4) & 0xf,
		 brand[0] ? (char *)brand : "unknown",
		 (unsigned long long)(time_tsc_hz() / 1000000),
		 features.edx & (1 << 25) ? " sse" : "", features.edx & (1 << 26) ? " sse2" : "",
		 features.ecx & (1 << 0) ? " pni" : "", features.ecx & (1 << 28) ? " avx" : "",
		 features.ecx & (1 << 30) ? " rdrand" : "");
}

static void add_seconds(struct text *text, uint64_t ns)
{
	text_add(text, "%llu.%02llu", (unsigned long long)(ns / NANOSECONDS_PER_SECOND),
		 (unsigned long long)(ns % NANOSECONDS_PER_SECOND / 10000000));
}

static void generate_uptime(struct text *text)
{
	uint64_t up = time_monotonic_ns();

	add_seconds(text, up);
	text_add(text, " ");
	add_seconds(text, up - MIN(up, scheduler_cpu_time_ns(true)));
	text_add(text, "\n");
}

static void generate_loadavg(struct text *text)
{
	text_add(text, "0.00 0.00 0.00 1/%u 1\n", scheduler_thread_count());
}

static void generate_stat(struct text *text)
{
	uint64_t ticks_ns = NANOSECONDS_PER_SECOND / 100;
	uint64_t busy = scheduler_cpu_time_ns(true) / ticks_ns;
	uint64_t total = time_monotonic_ns() / ticks_ns;
	uint64_t idle = total > busy ? total - busy : 0;

	text_add(text,
		 "cpu  %llu 0 0 %llu 0 0 0 0 0 0\ncpu0 %llu 0 0 %llu 0 0 0 0 0 0\n"
		 "btime %llu\nprocesses 1\nprocs_running 1\nprocs_blocked 0\n",
		 (unsigned long long)busy, (unsigned long long)idle, (unsigned long long)busy,
		 (unsigned long long)idle,
		 (unsigned long long)((time_realtime_ns() - time_monotonic_ns()) /
				      NANOSECONDS_PER_SECOND));
}

static void generate_version(struct text *text)
{
	text_add(text, "Yolk version %s (x86_64) #1 %s\n", YOLK_VERSION, __DATE__);
}

static void generate_mounts(struct text *text)
{
	text_add(text, "ramfs / ramfs rw 0 0\ndevfs /dev devfs rw 0 0\nproc /proc proc rw 0 0\n");
}

static void generate_kernel_cmdline(struct text *text)
{
	text_add(text, "%s\n", app_kernel_command_line());
}

static void generate_cmdline(struct text *text)
{
	const struct cmdline *cmdline = app_cmdline();

	for (unsigned i = 0; i < cmdline->argument_count; i++) {
		text_add(text, "%s", cmdline->arguments[i]);
		text_add(text, "%c", 0);
	}
}

static void add_area(const struct vm_area *area, void *context)
{
	static const char *const kinds[] = {"", "", "[stack]"};
	struct text *text = context;

	text_add(text, "%012llx-%012llx %c%c%cp 00000000 00:00 0          %s\n",
		 (unsigned long long)area->start, (unsigned long long)area->end,
		 area->protection & PROT_READ ? 'r' : '-',
		 area->protection & PROT_WRITE ? 'w' : '-',
		 area->protection & PROT_EXEC ? 'x' : '-',
		 area->kind == VM_IMAGE ? app_image_name() : kinds[area->kind]);
}

static void generate_maps(struct text *text)
{
	vm_for_each_area(add_area, text);
}

static void count_thread(const struct thread *thread, void *context)
{
	(void)thread;
	(*(unsigned *)context)++;
}

static void generate_status(struct text *text)
{
	unsigned threads = 0;

	scheduler_for_each_thread(count_thread, &threads);
	text_add(text,
		 "Name:\t%s\nState:\tR (running)\nTgid:\t1\nPid:\t1\nPPid:\t0\nUid:\t0\t0\t0\t0\n"
		 "Gid:\t0\t0\t0\t0\nVmSize:\t%8llu kB\nVmRSS:\t%8llu kB\nThreads:\t%u\n",
		 app_image_name(), (unsigned long long)(vm_mapped_bytes() / 1024),
		 (unsigned long long)(vm_resident_bytes() / 1024), threads);
}

/* /proc/threads (Yolk's own: there are no processes, so no /proc/PID for each thread): a header,
 * then one line per thread, the columns ps and top show. Stack use is from the thread's saved
 * stack pointer to the top of the memory area it is in. */
static void add_thread(const struct thread *thread, void *context)
{
	static const char states[] = {[THREAD_RUNNABLE] = 'R',
				      [THREAD_RUNNING] = 'R',
				      [THREAD_BLOCKED] = 'S',
				      [THREAD_DEAD] = 'Z'};
	const struct vm_area *stack = vm_find(thread->context.rsp);
	uint64_t stack_used = stack ? stack->end - thread->context.rsp : 0;

	text_add(context, "%5d %c %3d %12llu %8llu %s\n", thread->id, states[thread->state],
		 thread->priority, (unsigned long long)thread->cpu_time_ns,
		 (unsigned long long)stack_used, thread->name);
}

static void generate_threads(struct text *text)
{
	text_add(text, "  TID S PRI  CPU_TIME_NS STACK_BYTES NAME\n");
	scheduler_for_each_thread(add_thread, text);
}

/* /proc/syscalls (Yolk's own): how often each system call was made since boot, through either
 * entry, one "NAME COUNT" line per call made at least once, in number order. The vDSO's
 * clock_gettime, gettimeofday, time and getcpu are not system calls and do not count. */
static void generate_syscalls(struct text *text)
{
	for (unsigned number = 0; number < SYSCALL_COUNT; number++) {
		uint64_t count = syscall_call_count(number);
		const char *name = syscall_name(number);
		if (count)
			text_add(text, "%s %llu\n", name ? name : "?", (unsigned long long)count);
	}
}

/* /proc/bus/pci/devices, as Linux writes it: bus and device/function, vendor and device id,
 * interrupt line (the rest of Linux's columns, the BARs, are left out). */
static struct text *pci_text;

static void add_pci_function(const struct pci_function *pci)
{
	text_add(pci_text, "%02x%02x\t%04x%04x\t%x\n", pci->bus, pci->slot << 3 | pci->function,
		 pci->vendor, pci->device, pci_read8(pci, 0x3c));
}

static void generate_pci_devices(struct text *text)
{
	pci_text = text;
	pci_for_each(add_pci_function);
}

/* ---- the tree ----------------------------------------------------------------------------- */

struct proc_entry {
	const char *name;
	uint32_t mode;
	void (*generate)(struct text *text); /* files */
	const char *link;		     /* symbolic links */
	const struct proc_entry *children;   /* directories (ending with an empty entry) */
};

static const struct proc_entry process_entries[] = {
    {"cmdline", S_IFREG | 0444, generate_cmdline, NULL, NULL},
    {"exe", S_IFLNK | 0777, NULL, "", NULL},
    {"fd", S_IFDIR | 0500, NULL, NULL, NULL},
    {"maps", S_IFREG | 0444, generate_maps, NULL, NULL},
    {"status", S_IFREG | 0444, generate_status, NULL, NULL},
    {NULL, 0, NULL, NULL, NULL},
};

static const struct proc_entry pci_entries[] = {
    {"devices", S_IFREG | 0444, generate_pci_devices, NULL, NULL},
    {NULL, 0, NULL, NULL, NULL},
};

static const struct proc_entry bus_entries[] = {
    {"pci", S_IFDIR | 0555, NULL, NULL, pci_entries},
    {NULL, 0, NULL, NULL, NULL},
};

static const struct proc_entry root_entries[] = {
    {"1", S_IFDIR | 0555, NULL, NULL, process_entries},
    {"bus", S_IFDIR | 0555, NULL, NULL, bus_entries},
    {"cmdline", S_IFREG | 0444, generate_kernel_cmdline, NULL, NULL},
    {"cpuinfo", S_IFREG | 0444, generate_cpuinfo, NULL, NULL},
    {"loadavg", S_IFREG | 0444, generate_loadavg, NULL, NULL},
    {"meminfo", S_IFREG | 0444, generate_meminfo, NULL, NULL},
    {"mounts", S_IFREG | 0444, generate_mounts, NULL, NULL},
    {"self", S_IFLNK | 0777, NULL, "1", NULL},
    {"stat", S_IFREG | 0444, generate_stat, NULL, NULL},
    {"syscalls", S_IFREG | 0444, generate_syscalls, NULL, NULL},
    {"threads", S_IFREG | 0444, generate_threads, NULL, NULL},
    {"uptime", S_IFREG | 0444, generate_uptime, NULL, NULL},
    {"version", S_IFREG | 0444, generate_version, NULL, NULL},
    {NULL, 0, NULL, NULL, NULL},
};

static struct superblock proc_superblock = {.type = "proc", .device = 3, .transient_inodes = true};
static const struct inode_operations directory_operations, fd_directory_operations, link_operations;
static const struct file_operations text_file_operations;

static struct inode *make_inode(const struct proc_entry *entry, struct inode *parent)
{
	struct inode *inode = inode_create(&proc_superblock, entry->mode);

	if (!inode)
		return NULL;
	inode->links = 1;
	inode->parent = parent;
	inode->private = (void *)entry;
	switch (entry->mode & S_IFMT) {
	case S_IFDIR:
		inode->ops = entry->children ? &directory_operations : &fd_directory_operations;
		break;
	case S_IFLNK:
		inode->ops = &link_operations;
		break;
	default:
		inode->file_ops = &text_file_operations;
	}
	return inode;
}

static const struct inode_operations fd_link_operations;

static void free_inode(struct inode *inode)
{
	if (inode->ops == &fd_link_operations) /* other inodes point at static entries */
		heap_free(inode->private);
}

static int proc_lookup(struct inode *directory, const char *name, size_t length,
		       struct inode **result)
{
	const struct proc_entry *entry = directory->private;

	for (const struct proc_entry *child = entry->children; child->name; child++) {
		if (strlen(child->name) != length || memcmp(child->name, name, length))
			continue;
		*result = make_inode(child, directory);
		if (!*result)
			return -ENOMEM;
		return 0;
	}
	return -ENOENT;
}

static int proc_readdir(struct inode *directory, uint64_t *position, struct directory_sink *sink)
{
	const struct proc_entry *entry = directory->private;

	if (*position == 0 && !sink->emit(sink, ".", 1, directory->number, 4, 1))
		return 0;
	if (*position == 0)
		*position = 1;
	for (uint64_t index = *position - 1; entry->children[index].name; index++) {
		const struct proc_entry *child = &entry->children[index];
		if (!sink->emit(sink, child->name, strlen(child->name), 1000 + index,
				(child->mode & S_IFMT) >> 12, index + 2))
			return 0;
		*position = index + 2;
	}
	return 0;
}

static const char *proc_name_of(struct inode *directory, struct inode *child, size_t *length)
{
	(void)directory;
	const struct proc_entry *entry = child->private;

	*length = strlen(entry->name);
	return entry->name;
}

static long proc_readlink(struct inode *link, char *buffer, size_t size)
{
	const struct proc_entry *entry = link->private;
	const char *target = entry->link[0] ? entry->link : app_image_path();
	size_t length = MIN(strlen(target), size);

	memcpy(buffer, target, length);
	return (long)length;
}

/* /proc/1/fd: one link per open descriptor, to the path it was opened by. */
static int fd_lookup(struct inode *directory, const char *name, size_t length,
		     struct inode **result)
{
	int fd = 0;

	for (size_t i = 0; i < length; i++) {
		if (name[i] < '0' || name[i] > '9' || fd > 100000000)
			return -ENOENT;
		fd = fd * 10 + (name[i] - '0');
	}
	struct file *file = descriptor_get(fd);
	if (!file)
		return -ENOENT;
	struct inode *inode = inode_create(&proc_superblock, S_IFLNK | 0700);
	char *target = heap_alloc(PATH_MAX);
	if (!inode || !target) {
		heap_free(inode);
		heap_free(target);
		file_put(file);
		return -ENOMEM;
	}
	if (file->path)
		strlcpy(target, file->path, PATH_MAX);
	else
		format_snprintf(target, PATH_MAX, "%s:[%llu]",
				(file->inode->mode & S_IFMT) == S_IFIFO ? "pipe" : "anon_inode",
				(unsigned long long)file->inode->number);
	file_put(file);
	inode->ops = &fd_link_operations;
	inode->parent = directory;
	inode->private = target; /* freed with the inode */
	inode->size = strlen(target);
	*result = inode;
	return 0;
}

static long fd_readlink(struct inode *link, char *buffer, size_t size)
{
	size_t length = MIN((size_t)link->size, size);

	memcpy(buffer, link->private, length);
	return (long)length;
}

static int fd_readdir(struct inode *directory, uint64_t *position, struct directory_sink *sink)
{
	char name[16];

	if (*position == 0 && !sink->emit(sink, ".", 1, directory->number, 4, 1))
		return 0;
	if (*position == 0)
		*position = 1;
	for (unsigned fd = *position - 1; fd < descriptor_limit(); fd++) {
		struct file *file = descriptor_get(fd);
		if (!file)
			continue;
		file_put(file);
		int length = format_snprintf(name, sizeof(name), "%u", fd);
		if (!sink->emit(sink, name, length, 2000 + fd, 10, fd + 2))
			return 0;
		*position = fd + 2;
	}
	return 0;
}

static const struct inode_operations directory_operations = {
    .lookup = proc_lookup,
    .readdir = proc_readdir,
    .name_of = proc_name_of,
};
static const struct inode_operations fd_directory_operations = {
    .lookup = fd_lookup,
    .readdir = fd_readdir,
};
static const struct inode_operations link_operations = {
    .readlink = proc_readlink,
};
static const struct inode_operations fd_link_operations = {
    .readlink = fd_readlink,
};

static int text_open(struct inode *inode, struct file *file)
{
	const struct proc_entry *entry = inode->private;
	struct text *text = heap_alloc_zeroed(sizeof(*text));

	if (!text)
		return -ENOMEM;
	entry->generate(text);
	if (text->failed) {
		heap_free(text->data);
		heap_free(text);
		return -ENOMEM;
	}
	file->private = text;
	inode->size = text->length;
	return 0;
}

static void text_release(struct file *file)
{
	struct text *text = file->private;

	heap_free(text->data);
	heap_free(text);
}

static long text_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	struct text *text = file->private;

	if (offset >= text->length)
		return 0;
	count = MIN(count, text->length - offset);
	memcpy(buffer, text->data + offset, count);
	return (long)count;
}

static const struct file_operations text_file_operations = {
    .open = text_open,
    .release = text_release,
    .read = text_read,
};

struct inode *procfs_create(void)
{
	static const struct proc_entry root = {"proc", S_IFDIR | 0555, NULL, NULL, root_entries};

	proc_superblock.free_inode = free_inode;
	return make_inode(&root, NULL);
}
