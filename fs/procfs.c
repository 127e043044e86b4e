// SPDX-License-Identifier: MIT
/* procfs on /proc: the kernel's state as text (see fs/procfs.h). The tree is a static table of
 * entries, each with its parent, filled by registrations; each file is generated when it is
 * opened, into a buffer the reads then serve (a consistent snapshot per open). The program is
 * process 1: /proc/self is a link to /proc/1, whose fd/ is the descriptor table. */
#include "fs/procfs.h"
#include <stdarg.h>
#include "fs/descriptors.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/heap.h"

#define PROCFS_MAX_ENTRIES 64

struct procfs_text {
	char *data;
	size_t length, capacity;
	bool failed;
};

void procfs_printf(struct procfs_text *text, const char *format, ...)
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

/* ---- the table ---------------------------------------------------------------------------- */

struct proc_entry {
	const char *name; /* a component of the registered path: not NUL-terminated */
	size_t name_length;
	const struct proc_entry *parent;
	uint32_t mode;
	procfs_generator generate; /* files */
	void *context;
	const char *link; /* symbolic links */
	bool descriptors; /* /proc/1/fd */
};

/* Zeroed (in .bss, not in the image file): the root, entries[0], is filled in by root(). */
static struct proc_entry entries[PROCFS_MAX_ENTRIES];
static unsigned entry_count = 1;

static struct proc_entry *root(void)
{
	entries[0] = (struct proc_entry){.name = "proc", .name_length = 4, .mode = S_IFDIR | 0555};
	return &entries[0];
}

static struct proc_entry *find_child(const struct proc_entry *directory, const char *name,
				     size_t length)
{
	for (unsigned i = 1; i < entry_count; i++)
		if (entries[i].parent == directory && entries[i].name_length == length &&
		    !memcmp(entries[i].name, name, length))
			return &entries[i];
	return NULL;
}

static struct proc_entry *add_entry(const struct proc_entry *directory, const char *name,
				    size_t length, uint32_t mode)
{
	if (entry_count == PROCFS_MAX_ENTRIES)
		return NULL;
	struct proc_entry *entry = &entries[entry_count++];
	*entry = (struct proc_entry){
	    .name = name, .name_length = length, .parent = directory, .mode = mode};
	return entry;
}

/* Adds /proc/PATH with MODE, and the directories on the way that are not there yet. */
static int register_entry(const char *path, uint32_t mode, struct proc_entry **result)
{
	struct proc_entry *directory = root();

	for (;;) {
		const char *slash = strchr(path, '/');
		size_t length = slash ? (size_t)(slash - path) : strlen(path);
		if (!length)
			return -EINVAL;
		struct proc_entry *child = find_child(directory, path, length);
		if (!slash) {
			if (child)
				return -EEXIST;
			*result = add_entry(directory, path, length, mode);
			return *result ? 0 : -ENOSPC;
		}
		if (child && (child->mode & S_IFMT) != S_IFDIR)
			return -EEXIST;
		if (!child && !(child = add_entry(directory, path, length, S_IFDIR | 0555)))
			return -ENOSPC;
		directory = child;
		path = slash + 1;
	}
}

int procfs_register_file(const char *path, procfs_generator generate, void *context)
{
	struct proc_entry *entry;
	int error = register_entry(path, S_IFREG | 0444, &entry);

	if (error)
		return error;
	entry->generate = generate;
	entry->context = context;
	return 0;
}

int procfs_register_link(const char *path, const char *target)
{
	struct proc_entry *entry;
	int error = register_entry(path, S_IFLNK | 0777, &entry);

	if (!error)
		entry->link = target;
	return error;
}

/* ---- procfs's own files ------------------------------------------------------------------- */

static void generate_version(struct procfs_text *text, void *context)
{
	(void)context;
	procfs_printf(text, "Yolk version %s (x86_64) #1 %s\n", YOLK_VERSION, __DATE__);
}

static void generate_mounts(struct procfs_text *text, void *context)
{
	(void)context;
	procfs_printf(text,
		      "ramfs / ramfs rw 0 0\ndevfs /dev devfs rw 0 0\nproc /proc proc rw 0 0\n");
}

static void register_own_files(void)
{
	struct proc_entry *descriptors;

	procfs_register_file("mounts", generate_mounts, NULL);
	procfs_register_file("version", generate_version, NULL);
	procfs_register_link("self", "1");
	if (!register_entry("1/fd", S_IFDIR | 0500, &descriptors))
		descriptors->descriptors = true;
}

/* ---- the tree ----------------------------------------------------------------------------- */

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
		inode->ops = entry->descriptors ? &fd_directory_operations : &directory_operations;
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
	const struct proc_entry *child = find_child(directory->private, name, length);

	if (!child)
		return -ENOENT;
	*result = make_inode(child, directory);
	return *result ? 0 : -ENOMEM;
}

static int proc_readdir(struct inode *directory, uint64_t *position, struct directory_sink *sink)
{
	const struct proc_entry *entry = directory->private;

	if (*position == 0 && !sink->emit(sink, ".", 1, directory->number, 4, 1))
		return 0;
	if (*position == 0)
		*position = 1;
	/* The cookie after entries[index] is index + 1. */
	for (uint64_t index = *position; index < entry_count; index++) {
		const struct proc_entry *child = &entries[index];
		if (child->parent != entry)
			continue;
		if (!sink->emit(sink, child->name, child->name_length, 1000 + index,
				(child->mode & S_IFMT) >> 12, index + 1))
			return 0;
		*position = index + 1;
	}
	return 0;
}

static const char *proc_name_of(struct inode *directory, struct inode *child, size_t *length)
{
	(void)directory;
	const struct proc_entry *entry = child->private;

	*length = entry->name_length;
	return entry->name;
}

static long proc_readlink(struct inode *link, char *buffer, size_t size)
{
	const struct proc_entry *entry = link->private;
	const char *target = entry->link;
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
	struct procfs_text *text = heap_alloc_zeroed(sizeof(*text));

	if (!text)
		return -ENOMEM;
	entry->generate(text, entry->context);
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
	struct procfs_text *text = file->private;

	heap_free(text->data);
	heap_free(text);
}

static long text_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	struct procfs_text *text = file->private;

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
	register_own_files();
	proc_superblock.free_inode = free_inode;
	return make_inode(root(), NULL);
}
