// SPDX-License-Identifier: MIT
/* System calls on paths: the stat family, directory listing, making and removing names,
 * links, the working directory, permissions and times, filesystem statistics. Everything runs
 * as root: permission bits are kept and reported, not enforced (except execute for access). */
#include "sys/syscalls.h"
#include "include/uapi/linux.h"
#include "kernel/compiler.h"
#include "kernel/time.h"
#include "fs/ninep.h"
#include "fs/procfs.h"
#include "fs/ramfs.h"
#include "kernel/log.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "net/ninep_tcp.h"
#include "sys/file_helpers.h"

struct linux_stat {
	uint64_t device, inode, links;
	uint32_t mode, uid, gid, padding;
	uint64_t special_device;
	int64_t size, block_size, blocks;
	struct linux_timespec accessed, modified, changed;
	int64_t reserved[3];
};

struct linux_statx_timestamp {
	int64_t seconds;
	uint32_t nanoseconds;
	int32_t reserved;
};

struct linux_statx {
	uint32_t mask, block_size;
	uint64_t attributes;
	uint32_t links, uid, gid;
	uint16_t mode, padding;
	uint64_t inode, size, blocks, attributes_mask;
	struct linux_statx_timestamp accessed, born, changed, modified;
	uint32_t special_major, special_minor, device_major, device_minor;
	uint64_t reserved[14];
};

#define STATX_BASIC_STATS 0x7ff

/* The inode a (dirfd, path, flags) names, with a reference. */
static int lookup_at(int dirfd, const char *user_path, unsigned flags, struct inode **result)
{
	struct path_argument path;
	struct inode *start;
	int error = path_copy_in(&path, user_path);

	if (error == -ENOENT && (flags & AT_EMPTY_PATH)) {
		if (dirfd == AT_FDCWD) {
			*result = vfs_working_directory();
			inode_get(*result);
			return 0;
		}
		struct file *file = descriptor_get(dirfd);
		if (!file)
			return -EBADF;
		*result = file->inode;
		inode_get(*result);
		file_put(file);
		return 0;
	}
	if (error)
		return error;
	error = start_directory(dirfd, path.text, &start);
	if (!error) {
		error = vfs_resolve(start, path.text,
				    (flags & AT_SYMLINK_NOFOLLOW) ? RESOLVE_NOFOLLOW : 0, result);
		inode_put(start);
	}
	path_release(&path);
	return error;
}

static void fill_stat(const struct inode *inode, struct linux_stat *out)
{
	*out = (struct linux_stat){
	    .device = inode->superblock->device,
	    .inode = inode->number,
	    .links = inode->links,
	    .mode = inode->mode,
	    .uid = inode->uid,
	    .gid = inode->gid,
	    .special_device = inode->device,
	    .size = (int64_t)inode->size,
	    .block_size = 4096,
	    .blocks = (int64_t)(ALIGN_UP(inode->size, 4096) / 512),
	    .accessed = {inode->accessed.seconds, inode->accessed.nanoseconds},
	    .modified = {inode->modified.seconds, inode->modified.nanoseconds},
	    .changed = {inode->changed.seconds, inode->changed.nanoseconds},
	};
}

long sys_newfstatat(int dirfd, const char *path, struct linux_stat *result, unsigned flags)
{
	struct inode *inode;
	struct linux_stat value;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 /* AT_NO_AUTOMOUNT */))
		return -EINVAL;
	if (!user_writable(result, sizeof(*result)))
		return -EFAULT;
	int error = lookup_at(dirfd, path, flags, &inode);
	if (error)
		return error;
	fill_stat(inode, &value);
	inode_put(inode);
	*result = value;
	return 0;
}

long sys_stat(const char *path, struct linux_stat *result)
{
	return sys_newfstatat(AT_FDCWD, path, result, 0);
}

long sys_lstat(const char *path, struct linux_stat *result)
{
	return sys_newfstatat(AT_FDCWD, path, result, AT_SYMLINK_NOFOLLOW);
}

long sys_fstat(int fd, struct linux_stat *result)
{
	struct file *file = descriptor_get(fd);
	struct linux_stat value;

	if (!file)
		return -EBADF;
	fill_stat(file->inode, &value);
	file_put(file);
	return copy_to_user(result, &value, sizeof(value));
}

static struct linux_statx_timestamp statx_time(struct timestamp time)
{
	return (struct linux_statx_timestamp){time.seconds, (uint32_t)time.nanoseconds, 0};
}

long sys_statx(int dirfd, const char *path, unsigned flags, unsigned mask,
	       struct linux_statx *result)
{
	struct inode *inode;

	(void)mask;
	if (!user_writable(result, sizeof(*result)))
		return -EFAULT;
	int error = lookup_at(dirfd, path, flags, &inode);
	if (error)
		return error;
	*result = (struct linux_statx){
	    .mask = STATX_BASIC_STATS,
	    .block_size = 4096,
	    .links = inode->links,
	    .uid = inode->uid,
	    .gid = inode->gid,
	    .mode = (uint16_t)inode->mode,
	    .inode = inode->number,
	    .size = inode->size,
	    .blocks = ALIGN_UP(inode->size, 4096) / 512,
	    .accessed = statx_time(inode->accessed),
	    .changed = statx_time(inode->changed),
	    .modified = statx_time(inode->modified),
	    .special_major = inode->device >> 8,
	    .special_minor = inode->device & 0xff,
	    .device_major = inode->superblock->device >> 8,
	    .device_minor = inode->superblock->device & 0xff,
	};
	inode_put(inode);
	return 0;
}

/* Resolves the directory part of (dirfd, path) and hands the last name to `operation`. */
static long with_parent(int dirfd, const char *user_path,
			long (*operation)(struct inode *directory, const char *name, size_t length,
					  void *context),
			void *context)
{
	struct path_argument path;
	struct inode *start, *directory;
	const char *name;
	size_t length;
	int error = path_copy_in(&path, user_path);

	if (error)
		return error;
	error = start_directory(dirfd, path.text, &start);
	if (!error) {
		error = vfs_resolve_parent(start, path.text, &directory, &name, &length);
		inode_put(start);
	}
	if (!error) {
		if ((length == 1 && name[0] == '.') || (length == 2 && !memcmp(name, "..", 2)))
			error = -EEXIST; /* the caller maps this per call */
		else if (!directory->ops || !directory->ops->lookup)
			error = -EROFS;
		else
			error = (int)operation(directory, name, length, context);
		inode_put(directory);
	}
	path_release(&path);
	return error;
}

struct make_node {
	uint32_t mode, device;
};

static long make_node(struct inode *directory, const char *name, size_t length, void *context)
{
	struct make_node *node = context;

	if (!directory->ops->create)
		return -EPERM;
	return directory->ops->create(directory, name, length, node->mode, node->device, NULL);
}

long sys_mkdirat(int dirfd, const char *path, unsigned mode)
{
	struct make_node node = {S_IFDIR | (mode & 07777 & ~vfs_creation_mask()), 0};

	return with_parent(dirfd, path, make_node, &node);
}

long sys_mkdir(const char *path, unsigned mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

long sys_mknodat(int dirfd, const char *path, unsigned mode, unsigned device)
{
	unsigned type = mode & S_IFMT;
	struct make_node node = {(type ? type : S_IFREG) | (mode & 07777 & ~vfs_creation_mask()),
				 device};

	if (type && type != S_IFREG && type != S_IFCHR && type != S_IFIFO && type != S_IFBLK &&
	    type != S_IFSOCK)
		return -EINVAL;
	return with_parent(dirfd, path, make_node, &node);
}

long sys_mknod(const char *path, unsigned mode, unsigned device)
{
	return sys_mknodat(AT_FDCWD, path, mode, device);
}

static long remove_name(struct inode *directory, const char *name, size_t length, void *context)
{
	return directory->ops->unlink(directory, name, length, *(bool *)context);
}

long sys_unlinkat(int dirfd, const char *path, int flags)
{
	bool directory = flags & AT_REMOVEDIR;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	long error = with_parent(dirfd, path, remove_name, &directory);
	if (error == -EEXIST) /* "." or ".." */
		return directory ? -EINVAL : -EISDIR;
	return error;
}

long sys_unlink(const char *path)
{
	return sys_unlinkat(AT_FDCWD, path, 0);
}

long sys_rmdir(const char *path)
{
	long error = sys_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
	return error == -EINVAL ? -EINVAL : error;
}

static long make_symlink(struct inode *directory, const char *name, size_t length, void *context)
{
	return directory->ops->symlink ? directory->ops->symlink(directory, name, length, context)
				       : -EPERM;
}

long sys_symlinkat(const char *user_target, int dirfd, const char *path)
{
	struct path_argument target;
	int error = path_copy_in(&target, user_target);

	if (error)
		return error;
	error = (int)with_parent(dirfd, path, make_symlink, target.text);
	path_release(&target);
	return error;
}

long sys_symlink(const char *target, const char *path)
{
	return sys_symlinkat(target, AT_FDCWD, path);
}

static long make_link(struct inode *directory, const char *name, size_t length, void *context)
{
	return directory->ops->link ? directory->ops->link(directory, name, length, context)
				    : -EPERM;
}

long sys_linkat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path, int flags)
{
	struct inode *target;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	int error = lookup_at(old_dirfd, old_path,
			      (flags & AT_SYMLINK_FOLLOW ? 0 : AT_SYMLINK_NOFOLLOW) |
				  (flags & AT_EMPTY_PATH),
			      &target);
	if (error)
		return error;
	error = (int)with_parent(new_dirfd, new_path, make_link, target);
	inode_put(target);
	return error;
}

long sys_link(const char *old_path, const char *new_path)
{
	return sys_linkat(AT_FDCWD, old_path, AT_FDCWD, new_path, 0);
}

struct rename_request {
	int new_dirfd;
	const char *new_path;
	unsigned flags;
	struct inode *old_directory;
	const char *old_name;
	size_t old_length;
};

static long rename_to(struct inode *directory, const char *name, size_t length, void *context)
{
	struct rename_request *request = context;

	if (!request->old_directory->ops->rename)
		return -EPERM;
	return request->old_directory->ops->rename(request->old_directory, request->old_name,
						   request->old_length, directory, name, length,
						   request->flags);
}

static long rename_from(struct inode *directory, const char *name, size_t length, void *context)
{
	struct rename_request *request = context;

	request->old_directory = directory;
	request->old_name = name;
	request->old_length = length;
	long error = with_parent(request->new_dirfd, request->new_path, rename_to, request);
	return error == -EEXIST && !(request->flags & 1) ? -EBUSY : error;
}

long sys_renameat2(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path,
		   unsigned flags)
{
	struct rename_request request = {
	    .new_dirfd = new_dirfd, .new_path = new_path, .flags = flags};
	long error = with_parent(old_dirfd, old_path, rename_from, &request);

	/* with_parent says EEXIST for "." and "..": renaming those is EBUSY. */
	return error == -EEXIST && !(flags & 1) ? -EBUSY : error;
}

long sys_renameat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path)
{
	return sys_renameat2(old_dirfd, old_path, new_dirfd, new_path, 0);
}

long sys_rename(const char *old_path, const char *new_path)
{
	return sys_renameat2(AT_FDCWD, old_path, AT_FDCWD, new_path, 0);
}

long sys_readlinkat(int dirfd, const char *path, char *buffer, int size)
{
	struct inode *link;

	if (size <= 0)
		return -EINVAL;
	if (!user_writable(buffer, size))
		return -EFAULT;
	int error = lookup_at(dirfd, path, AT_SYMLINK_NOFOLLOW, &link);
	if (error)
		return error;
	long result = (link->mode & S_IFMT) == S_IFLNK && link->ops->readlink
			  ? link->ops->readlink(link, buffer, size)
			  : -EINVAL;
	inode_put(link);
	return result;
}

long sys_readlink(const char *path, char *buffer, int size)
{
	return sys_readlinkat(AT_FDCWD, path, buffer, size);
}

long sys_chdir(const char *path)
{
	struct inode *directory;
	int error = lookup_at(AT_FDCWD, path, 0, &directory);

	if (error)
		return error;
	error = vfs_enter_directory(directory);
	inode_put(directory);
	return error;
}

long sys_fchdir(int fd)
{
	struct file *file = descriptor_get(fd);

	if (!file)
		return -EBADF;
	int error = vfs_enter_directory(file->inode);
	file_put(file);
	return error;
}

long sys_getcwd(char *buffer, unsigned long size)
{
	char *path = heap_alloc(PATH_MAX);

	if (!path)
		return -ENOMEM;
	long length = vfs_path_of(vfs_working_directory(), path, PATH_MAX);
	if (length >= 0) {
		if ((unsigned long)length + 1 > size)
			length = -ERANGE;
		else if (copy_to_user(buffer, path, length + 1))
			length = -EFAULT;
		else
			length++;
	}
	heap_free(path);
	return length;
}

long sys_truncate(const char *path, int64_t length)
{
	struct inode *inode;

	if (length < 0)
		return -EINVAL;
	int error = lookup_at(AT_FDCWD, path, 0, &inode);
	if (error)
		return error;
	if (inode_is_directory(inode))
		error = -EISDIR;
	else if ((inode->mode & S_IFMT) != S_IFREG || !inode->ops->truncate)
		error = -EINVAL;
	else
		error = inode->ops->truncate(inode, length);
	inode_put(inode);
	return error;
}

#define X_OK 1
#define W_OK 2
#define R_OK 4

long sys_faccessat2(int dirfd, const char *path, int mode, int flags)
{
	struct inode *inode;

	if (mode & ~(R_OK | W_OK | X_OK) || flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x200))
		return -EINVAL;
	int error = lookup_at(dirfd, path, flags, &inode);
	if (error)
		return error;
	/* Root may read and write anything; executing needs some execute bit. */
	if ((mode & X_OK) && !inode_is_directory(inode) && !(inode->mode & 0111))
		error = -EACCES;
	inode_put(inode);
	return error;
}

long sys_faccessat(int dirfd, const char *path, int mode)
{
	return sys_faccessat2(dirfd, path, mode, 0);
}

long sys_access(const char *path, int mode)
{
	return sys_faccessat2(AT_FDCWD, path, mode, 0);
}

long sys_umask(unsigned mask)
{
	return vfs_set_creation_mask(mask);
}

/* Applies CHANGES to the inode named by FD (when ≥ 0) or by DIRFD and PATH. */
static long change_inode(int dirfd, const char *path, unsigned flags, int fd,
			 const struct inode_attributes *changes)
{
	struct inode *inode;
	int error;

	if (fd >= 0) {
		struct file *file = descriptor_get(fd);
		if (!file)
			return -EBADF;
		inode = file->inode;
		inode_get(inode);
		file_put(file);
	} else if ((error = lookup_at(dirfd, path, flags, &inode))) {
		return error;
	}
	error = vfs_set_attributes(inode, changes);
	inode_put(inode);
	return error;
}

long sys_fchmodat(int dirfd, const char *path, unsigned mode)
{
	struct inode_attributes changes = {.valid = INODE_MODE, .mode = mode};

	return change_inode(dirfd, path, 0, -1, &changes);
}

long sys_chmod(const char *path, unsigned mode)
{
	return sys_fchmodat(AT_FDCWD, path, mode);
}

long sys_fchmod(int fd, unsigned mode)
{
	struct inode_attributes changes = {.valid = INODE_MODE, .mode = mode};

	return fd < 0 ? -EBADF : change_inode(AT_FDCWD, NULL, 0, fd, &changes);
}

/* An owner change; -1 leaves the id as it is. */
static struct inode_attributes owner_change(uint32_t uid, uint32_t gid)
{
	return (struct inode_attributes){
	    .valid = (uid != (uint32_t)-1 ? INODE_UID : 0) | (gid != (uint32_t)-1 ? INODE_GID : 0),
	    .uid = uid,
	    .gid = gid,
	};
}

long sys_fchownat(int dirfd, const char *path, unsigned uid, unsigned gid, int flags)
{
	struct inode_attributes changes = owner_change(uid, gid);

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return change_inode(dirfd, path, flags, -1, &changes);
}

long sys_chown(const char *path, unsigned uid, unsigned gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, 0);
}

long sys_lchown(const char *path, unsigned uid, unsigned gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(int fd, unsigned uid, unsigned gid)
{
	struct inode_attributes changes = owner_change(uid, gid);

	return fd < 0 ? -EBADF : change_inode(AT_FDCWD, NULL, 0, fd, &changes);
}

#define UTIME_NOW  ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

static struct inode_attributes time_change(const struct linux_timespec times[2])
{
	struct inode_attributes changes = {0};
	struct timestamp now = vfs_now();
	struct timestamp *fields[2] = {&changes.accessed, &changes.modified};
	static const unsigned bits[2] = {INODE_ACCESSED, INODE_MODIFIED};

	for (int i = 0; i < 2; i++) {
		if (times[i].tv_nsec == UTIME_OMIT)
			continue;
		changes.valid |= bits[i];
		*fields[i] = times[i].tv_nsec == UTIME_NOW
				 ? now
				 : (struct timestamp){times[i].tv_sec, times[i].tv_nsec};
	}
	return changes;
}

long sys_utimensat(int dirfd, const char *path, const struct linux_timespec *user_times, int flags)
{
	struct linux_timespec times[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};

	if (user_times && copy_from_user(times, user_times, sizeof(times)))
		return -EFAULT;
	for (int i = 0; i < 2; i++)
		if (times[i].tv_nsec != UTIME_NOW && times[i].tv_nsec != UTIME_OMIT &&
		    (times[i].tv_nsec < 0 || times[i].tv_nsec >= 1000000000))
			return -EINVAL;
	struct inode_attributes changes = time_change(times);

	if (!path) /* futimens */
		return change_inode(AT_FDCWD, NULL, 0, dirfd, &changes);
	return change_inode(dirfd, path, flags & AT_SYMLINK_NOFOLLOW, -1, &changes);
}

struct linux_statfs {
	int64_t type, block_size;
	uint64_t blocks, free_blocks, available_blocks, files, free_files;
	int32_t filesystem_id[2];
	int64_t name_length, fragment_size, flags, spare[4];
};

#define RAMFS_MAGIC 0x858458f6

static void fill_statfs(struct linux_statfs *out, const struct inode *inode)
{
	*out = (struct linux_statfs){
	    .type = RAMFS_MAGIC,
	    .block_size = 4096,
	    .blocks = frame_total_count(),
	    .free_blocks = frame_free_count(),
	    .available_blocks = frame_free_count(),
	    .files = 1 << 20,
	    .free_files = 1 << 20,
	    .filesystem_id = {(int32_t)inode->superblock->device, 0},
	    .name_length = NAME_MAX,
	    .fragment_size = 4096,
	};
}

long sys_statfs(const char *path, struct linux_statfs *result)
{
	struct inode *inode;
	struct linux_statfs value;
	int error = lookup_at(AT_FDCWD, path, 0, &inode);

	if (error)
		return error;
	fill_statfs(&value, inode);
	inode_put(inode);
	return copy_to_user(result, &value, sizeof(value));
}

long sys_fstatfs(int fd, struct linux_statfs *result)
{
	struct file *file = descriptor_get(fd);
	struct linux_statfs value;

	if (!file)
		return -EBADF;
	fill_statfs(&value, file->inode);
	file_put(file);
	return copy_to_user(result, &value, sizeof(value));
}

struct getdents_sink {
	struct directory_sink sink;
	char *buffer;
	size_t size, used;
	bool full;
};

static bool emit_entry(struct directory_sink *sink, const char *name, size_t length,
		       uint64_t inode_number, unsigned type, uint64_t next_position)
{
	struct getdents_sink *out = (struct getdents_sink *)sink;
	size_t record = ALIGN_UP(19 + length + 1, 8);

	if (out->used + record > out->size) {
		out->full = true;
		return false;
	}
	char *entry = out->buffer + out->used;
	memset(entry, 0, record);
	*(uint64_t *)entry = inode_number;
	*(int64_t *)(entry + 8) = (int64_t)next_position;
	*(uint16_t *)(entry + 16) = (uint16_t)record;
	entry[18] = (char)type;
	memcpy(entry + 19, name, length);
	out->used += record;
	return true;
}

long sys_getdents64(int fd, void *buffer, unsigned size)
{
	struct file *file = descriptor_get(fd);
	struct getdents_sink sink = {{emit_entry}, buffer, size, 0, false};
	long result;

	if (!file)
		return -EBADF;
	if (!user_writable(buffer, size))
		result = -EFAULT;
	else if (!inode_is_directory(file->inode) || !file->inode->ops->readdir)
		result = -ENOTDIR;
	else
		result = file->inode->ops->readdir(file->inode, &file->offset, &sink.sink);
	if (!result) {
		/* An entry that does not fit even alone: the buffer is too small. */
		result = !sink.used && sink.full ? -EINVAL : (long)sink.used;
		inode_touch(file->inode, true, false);
	}
	file_put(file);
	return result;
}

#define MS_REMOUNT 32
#define MS_BIND	   4096
#define MNT_FORCE  1
#define MNT_DETACH 2

#define MOUNT_DATA_MAX 4096

/* A 9P2000.L server: SOURCE is its address, DATA Linux's options (trans=tcp is the one
 * transport mount(2) takes; virtio shares are mounted at boot on their tags). */
static int mount_9p(struct inode *target, const char *user_source, const void *user_data)
{
	char address[64];
	struct ninep_options options;
	char *data;
	int error;

	if (!inode_is_directory(target))
		return -ENOTDIR; /* before connecting */
	data = heap_alloc(MOUNT_DATA_MAX);
	error = data ? 0 : -ENOMEM;

	if (!error && user_data)
		error = copy_path_from_user(data, user_data, MOUNT_DATA_MAX);
	if (data && (!user_data || error == -ENOENT))
		data[0] = 0, error = 0; /* no options: the defaults */
	if (!error)
		error = copy_path_from_user(address, user_source, sizeof(address));
	if (!error)
		error = ninep_parse_options(data, &options);
	if (!error && (!options.transport || strcmp(options.transport, "tcp"))) {
		pr_warn("9p: mount takes trans=tcp (virtio shares are mounted at boot: yolk run "
			"--share)\n");
		error = options.transport ? -EPROTONOSUPPORT : -EINVAL;
	}
	if (!error)
		error = ninep_tcp_mount(target, address, &options);
	heap_free(data);
	return error;
}

/* mount: new ramfs/tmpfs or proc instances on a directory, or a 9P server over TCP. Host
 * folders are mounted at boot from their tags (yolk run --share). */
long sys_mount(const char *user_source, const char *user_target, const char *user_type,
	       unsigned long flags, const void *data)
{
	char type[16];
	struct inode *target, *root = NULL;

	if (flags & (MS_REMOUNT | MS_BIND))
		return -EINVAL; /* FIXME: remount and bind mounts */
	if (copy_path_from_user(type, user_type, sizeof(type)))
		return -ENODEV;
	int error = lookup_at(AT_FDCWD, user_target, 0, &target);
	if (error)
		return error;
	if (!strcmp(type, "ramfs") || !strcmp(type, "tmpfs"))
		root = ramfs_create_filesystem(type, 10);
	else if (!strcmp(type, "proc"))
		root = procfs_create();
	else if (!strcmp(type, "9p")) {
		error = mount_9p(target, user_source, data);
		inode_put(target);
		return error;
	} else
		error = -ENODEV;
	if (!error && !root)
		error = -ENOMEM;
	if (!error)
		error = vfs_mount(target, root);
	inode_put(root);
	inode_put(target);
	return error;
}

long sys_umount2(const char *user_target, int flags)
{
	struct inode *root;

	if (flags & ~(MNT_FORCE | MNT_DETACH | 4 /* MNT_EXPIRE */ | 8 /* UMOUNT_NOFOLLOW */))
		return -EINVAL;
	int error = lookup_at(AT_FDCWD, user_target, 0, &root);
	if (error)
		return error;
	error = vfs_unmount(root, flags & MNT_DETACH);
	inode_put(root);
	return error;
}
