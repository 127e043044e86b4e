/* SPDX-License-Identifier: MIT */
/* The virtual file system: one tree of inodes with filesystems mounted on directories, open
 * files, and the operations filesystems and devices provide. Everything here runs inside system
 * calls, which run with interrupts off on one CPU (the kernel is not preemptible), so the tree
 * needs no locks yet; blocking operations sleep on wait queues. Functions return 0 or -errno;
 * user buffers given to file operations have already been checked by the system-call layer. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lib/list.h"

#define NAME_MAX	   255
#define PATH_MAX	   4096
#define SYMLINK_MAX_FOLLOW 40

/* Linux file-type bits of st_mode. */
#define S_IFMT	 0170000
#define S_IFSOCK 0140000
#define S_IFLNK	 0120000
#define S_IFREG	 0100000
#define S_IFBLK	 0060000
#define S_IFDIR	 0040000
#define S_IFCHR	 0020000
#define S_IFIFO	 0010000

struct inode;
struct file;
struct superblock;
struct poll_table;

/* Collects directory entries for getdents64; returns false when the buffer is full. */
struct directory_sink {
	bool (*emit)(struct directory_sink *sink, const char *name, size_t length,
		     uint64_t inode_number, unsigned type, uint64_t next_position);
};

/* A change to an inode's attributes (chmod, chown, utimensat): which fields, and their values. */
enum inode_attribute {
	INODE_MODE = 1 << 0,
	INODE_UID = 1 << 1,
	INODE_GID = 1 << 2,
	INODE_ACCESSED = 1 << 3,
	INODE_MODIFIED = 1 << 4,
};

struct timestamp {
	int64_t seconds;
	int64_t nanoseconds;
};

struct inode_attributes {
	unsigned valid; /* enum inode_attribute bits */
	uint32_t mode;	/* permission bits only */
	uint32_t uid, gid;
	struct timestamp accessed, modified;
};

struct inode_operations {
	int (*lookup)(struct inode *directory, const char *name, size_t length,
		      struct inode **result);
	/* Makes a file, directory, fifo or device node per `mode`'s type bits. */
	int (*create)(struct inode *directory, const char *name, size_t length, uint32_t mode,
		      uint32_t device, struct inode **result);
	int (*symlink)(struct inode *directory, const char *name, size_t length,
		       const char *target);
	int (*link)(struct inode *directory, const char *name, size_t length, struct inode *target);
	/* Removes a name; `directory_expected` says rmdir (ENOTDIR/ENOTEMPTY) or unlink (EISDIR).
	 */
	int (*unlink)(struct inode *directory, const char *name, size_t length,
		      bool directory_expected);
	int (*rename)(struct inode *old_directory, const char *old_name, size_t old_length,
		      struct inode *new_directory, const char *new_name, size_t new_length,
		      unsigned flags);
	long (*readlink)(struct inode *link, char *buffer, size_t size);
	int (*truncate)(struct inode *inode, uint64_t size);
	/* Stores mode, owner or times (`changes->valid` says which) where the filesystem keeps
	 * them, before vfs_set_attributes updates the inode; NULL when the inode is the store. */
	int (*set_attributes)(struct inode *inode, const struct inode_attributes *changes);
	/* The name `child` has in `directory` (for getcwd), or NULL. */
	const char *(*name_of)(struct inode *directory, struct inode *child, size_t *length);
	/* Emits entries from *position on (a filesystem's own cookie, 0 = start). */
	int (*readdir)(struct inode *directory, uint64_t *position, struct directory_sink *sink);
};

struct file_operations {
	int (*open)(struct inode *inode, struct file *file);
	void (*release)(struct file *file);
	long (*read)(struct file *file, void *buffer, size_t count, uint64_t offset);
	long (*write)(struct file *file, const void *buffer, size_t count, uint64_t offset);
	/* Readiness (POLLIN, POLLOUT, ...); with a table, also registers the caller to be woken. */
	unsigned (*poll)(struct file *file, struct poll_table *table);
	long (*ioctl)(struct file *file, unsigned long request, void *argument);
	int (*fsync)(struct file *file);
	/* Files whose position means nothing (pipes, terminals) say so: lseek is ESPIPE. */
	bool stream;
};

struct inode {
	uint64_t number;
	uint32_t mode; /* type and permission bits */
	uint32_t uid, gid;
	uint32_t links;
	uint32_t device; /* for device nodes: major << 8 | minor */
	uint64_t size;
	struct timestamp accessed, modified, changed;
	const struct inode_operations *ops;
	const struct file_operations *file_ops;
	struct superblock *superblock;
	struct inode *parent;  /* directories: for ".." */
	struct inode *mounted; /* the root of a filesystem mounted here, if any */
	struct inode *covered; /* a root: the directory it is mounted on */
	unsigned references;   /* open files, working directory, the tree's own */
	void *private;
};

struct superblock {
	const char *type; /* "ramfs", "devfs", ... */
	uint32_t device;
	uint64_t next_inode;
	void (*free_inode)(struct inode *inode);
	/* Inodes made afresh on each lookup (procfs, 9p): they go when unused, whatever their
	 * link count says. */
	bool transient_inodes;
	unsigned open_files; /* a filesystem with open files cannot be unmounted */
};

struct file {
	struct inode *inode;
	const struct file_operations *ops;
	uint64_t offset;
	unsigned flags; /* O_ACCMODE | O_APPEND | O_NONBLOCK ... as given to open */
	unsigned references;
	void *private;
	char *path; /* absolute path it was opened by, if known (for /proc/self/fd) */
	/* The epoll interests watching it (fs/epoll.c): they hold no reference, and go when the
	 * file does, as on Linux (closing a descriptor takes it out of epoll sets). */
	struct list_node epoll_interests;
};

/* Open-flag values (Linux x86-64). */
#define O_ACCMODE   0003
#define O_RDONLY    0
#define O_WRONLY    1
#define O_RDWR	    2
#define O_CREAT	    0100
#define O_EXCL	    0200
#define O_NOCTTY    0400
#define O_TRUNC	    01000
#define O_APPEND    02000
#define O_NONBLOCK  04000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW  0400000
#define O_CLOEXEC   02000000
#define O_PATH	    010000000

/* Builds the boot file tree (fs/tree.c), then opens the console as descriptors 0-2. */
struct bootinfo;
void vfs_init(const struct bootinfo *info);
void vfs_open_console(void);
struct inode *vfs_root(void);

/* Inodes. */
struct inode *inode_create(struct superblock *superblock, uint32_t mode);
void inode_get(struct inode *inode);
void inode_put(struct inode *inode);
struct timestamp vfs_now(void);
/* Changes the attributes CHANGES names: on the filesystem's store first (9P), then the inode's
 * own fields and its change time. */
int vfs_set_attributes(struct inode *inode, const struct inode_attributes *changes);
void inode_touch(struct inode *inode, bool accessed, bool modified);

/* Paths, resolved from `start` (NULL: the working directory) unless absolute. */
#define RESOLVE_NOFOLLOW 1 /* do not follow a symbolic link in the last component */
int vfs_resolve(struct inode *start, const char *path, unsigned flags, struct inode **result);
/* The directory that would hold the last component, and that component. */
int vfs_resolve_parent(struct inode *start, const char *path, struct inode **directory,
		       const char **name, size_t *length);

/* mkdir -p of the first `length` bytes of `path` (relative paths from the root). */
int vfs_make_directories(const char *path, size_t length);

/* Files. */
int vfs_open(struct inode *start, const char *path, unsigned flags, uint32_t mode,
	     struct file **result);
struct file *file_open_inode(struct inode *inode, unsigned flags, int *error);
void file_get(struct file *file);
void file_put(struct file *file);
long file_read(struct file *file, void *buffer, size_t count);
long file_write(struct file *file, const void *buffer, size_t count);

/* The umask: permission bits taken away from new files and directories. */
uint32_t vfs_set_creation_mask(uint32_t mask);
uint32_t vfs_creation_mask(void);

/* The working directory. */
struct inode *vfs_working_directory(void);
void vfs_set_working_directory(struct inode *directory);
struct thread;
/* The working directory belongs to a thread's fs context: a new thread shares its parent's
 * (clone with CLONE_FS) or gets a copy (`copy`: clone without it); unshare(CLONE_FS) gives the
 * caller its own (0 or -ENOMEM); a thread that ends releases its share. */
void fs_context_share(struct thread *child, const struct thread *parent, bool copy);
void fs_context_release(struct thread *thread);
int fs_context_unshare(void);
/* Makes DIRECTORY the working directory: 0, or -ENOTDIR. */
int vfs_enter_directory(struct inode *directory);
/* chdir(2) from the kernel: 0, or -ENOENT, -ENOTDIR, ... */
int vfs_change_directory(const char *path);
/* The path of a directory from the root, into buffer; the length or -errno. */
long vfs_path_of(struct inode *directory, char *buffer, size_t size);

/* Gives a device node or fifo its file operations (fs/devices.c, fs/pipe.c). */
void vfs_attach_special(struct inode *inode);

/* Mounting a filesystem's root inode on a directory. */
int vfs_mount(struct inode *directory, struct inode *root);
/* Takes a filesystem off its mount point; -EBUSY while in use unless `detach`. */
int vfs_unmount(struct inode *root, bool detach);

static inline bool inode_is_directory(const struct inode *inode)
{
	return (inode->mode & S_IFMT) == S_IFDIR;
}
