// SPDX-License-Identifier: MIT
/* The file tree at boot: a ramfs root, devfs on /dev with the standard device nodes, /tmp,
 * /root, /mnt, /proc (a directory until procfs exists), and a default /etc. */
#include "fs/descriptors.h"
#include "fs/devices.h"
#include "fs/initrd.h"
#include "fs/procfs.h"
#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "include/uapi/errno.h"
#include "kernel/console.h"
#include "kernel/log.h"
#include "kernel/panic.h"
#include "kernel/pseudo_terminal.h"
#include "lib/string.h"

static struct inode *root, *devfs_root;

struct inode *vfs_root(void)
{
	return root;
}

int vfs_mount(struct inode *directory, struct inode *filesystem_root)
{
	if (!inode_is_directory(directory))
		return -ENOTDIR;
	if (directory->mounted)
		return -EBUSY;
	inode_get(filesystem_root);
	directory->mounted = filesystem_root;
	filesystem_root->covered = directory;
	return 0;
}

int vfs_unmount(struct inode *root, bool detach)
{
	struct inode *directory = root->covered;

	if (!directory || root == vfs_root())
		return -EINVAL;
	/* Held by the mount, by our caller's lookup, and by nothing else unless busy. */
	if (!detach && (root->references > 2 || root->superblock->open_files ||
			vfs_working_directory()->superblock == root->superblock))
		return -EBUSY;
	directory->mounted = NULL;
	root->covered = NULL;
	inode_put(root);
	return 0;
}

static struct inode *make_node(struct inode *directory, const char *name, uint32_t mode,
			       uint32_t device)
{
	struct inode *inode = NULL;
	int error = directory->ops->create(directory, name, strlen(name), mode, device, &inode);

	if (error)
		panic("cannot make %s in the boot file tree: %d", name, error);
	return inode;
}

/* Writes a default file unless the initrd brought one. */
static void write_file(struct inode *directory, const char *name, const char *text)
{
	struct inode *inode;
	int error;

	if (!directory->ops->lookup(directory, name, strlen(name), &inode)) {
		inode_put(inode);
		return;
	}
	inode = make_node(directory, name, S_IFREG | 0644, 0);
	struct file *file = file_open_inode(inode, O_WRONLY, &error);

	if (file) {
		file->ops->write(file, text, strlen(text), 0);
		file_put(file);
	}
	inode_put(inode);
}

static void make_devices(struct inode *dev)
{
	static const struct {
		const char *name;
		uint32_t major, minor;
	} nodes[] = {
	    {"null", 1, 3},    {"zero", 1, 5}, {"full", 1, 7},	  {"random", 1, 8},
	    {"urandom", 1, 9}, {"tty", 5, 0},  {"console", 5, 1}, {"ttyS0", 4, 64},
	};

	device_register(DEVICE_NUMBER(5, 0), &console_file_operations);
	device_register(DEVICE_NUMBER(5, 1), &console_file_operations);
	device_register(DEVICE_NUMBER(4, 64), &console_file_operations);
	for (unsigned i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		inode_put(make_node(dev, nodes[i].name, S_IFCHR | 0666,
				    DEVICE_NUMBER(nodes[i].major, nodes[i].minor)));
	pseudo_terminals_init(dev);
}

static void make_etc(struct inode *etc)
{
	write_file(etc, "hostname", "yolk\n");
	write_file(etc, "hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost\n127.0.1.1\tyolk\n");
	/* nobody and nogroup as on Debian: servers started as root look them up to drop their
	 * privileges to (nginx's default user and group), and stop when they are missing. */
	write_file(etc, "passwd",
		   "root:x:0:0:root:/root:/bin/sh\n"
		   "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
	write_file(etc, "group", "root:x:0:\nnogroup:x:65534:\n");
	write_file(etc, "resolv.conf", "nameserver 10.0.2.3\n");
}

void vfs_init(const struct bootinfo *info)
{
	devices_register_memory();
	root = ramfs_create_filesystem("ramfs", 1);
	struct inode *devfs = ramfs_create_filesystem("devfs", 2);
	if (!root || !devfs)
		panic("no memory for the file tree");
	struct inode *dev = make_node(root, "dev", S_IFDIR | 0755, 0);
	inode_put(make_node(root, "tmp", S_IFDIR | 01777, 0));
	inode_put(make_node(root, "root", S_IFDIR | 0700, 0));
	inode_put(make_node(root, "mnt", S_IFDIR | 0755, 0));
	struct inode *proc = make_node(root, "proc", S_IFDIR | 0555, 0);
	struct inode *procfs = procfs_create();
	if (!procfs || vfs_mount(proc, procfs))
		panic("cannot mount /proc");
	inode_put(procfs);
	inode_put(proc);
	make_devices(devfs);
	vfs_mount(dev, devfs);
	devfs_root = devfs;
	inode_get(devfs_root);
	initrd_unpack(info);
	struct inode *etc;
	if (vfs_resolve(root, "/etc", 0, &etc))
		etc = make_node(root, "etc", S_IFDIR | 0755, 0);
	make_etc(etc);
	inode_put(etc);
	inode_put(dev);
	inode_put(devfs);
	vfs_set_working_directory(root);
}

int devfs_add_node(const char *name, uint32_t mode, uint32_t device)
{
	return devfs_root->ops->create(devfs_root, name, strlen(name), mode, device, NULL);
}

/* Opens the console as descriptors 0, 1 and 2. */
void vfs_open_console(void)
{
	for (int fd = 0; fd < 3; fd++) {
		struct file *file;
		if (vfs_open(NULL, "/dev/console", O_RDWR, 0, &file) ||
		    descriptor_install(file, fd, false) != fd)
			panic("cannot open /dev/console as descriptor %d", fd);
	}
}
