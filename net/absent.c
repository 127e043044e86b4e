// SPDX-License-Identifier: MIT
/* What stands in for the network stack in images that make no socket call (kernel.o; the
 * stack, the NIC drivers and sys/socket.c are kernel-net.o, which `yolk build` links instead
 * when the program uses sockets): NICs are left alone and the socket system calls say
 * ENOSYS, logged once; a 9p mount with trans=tcp says EPROTONOSUPPORT. */
#include <stdbool.h>
#include "include/uapi/errno.h"
#include "kernel/log.h"
#include "net/ninep_tcp.h"
#include "net/stack.h"

struct virtio_device;
void virtio_net_attach(struct virtio_device *device);

static bool nic_seen;

void virtio_net_attach(struct virtio_device *device)
{
	(void)device;
	nic_seen = true;
}

void net_pci_probe(void)
{
}

void net_init(const struct cmdline *cmdline)
{
	(void)cmdline;
	if (nic_seen)
		pr_info("net: a NIC is present, but this image has no network stack (it makes no "
			"socket call; yolk build --net links one)\n");
}

/* Every socket system call, by alias: one function, whatever the call. */
long network_absent(void);
long network_absent(void)
{
	static bool logged;

	if (!logged)
		pr_warn("socket system calls need the network stack, which this image has not "
			"(yolk build links it when the program calls socket(); --net forces it): "
			"ENOSYS\n");
	logged = true;
	return -ENOSYS;
}

#define ABSENT(name) long sys_##name(void) __attribute__((alias("network_absent")));
ABSENT(socket)
ABSENT(socketpair)
ABSENT(bind)
ABSENT(connect)
ABSENT(listen)
ABSENT(accept)
ABSENT(accept4)
ABSENT(getsockname)
ABSENT(getpeername)
ABSENT(shutdown)
ABSENT(setsockopt)
ABSENT(getsockopt)
ABSENT(sendmsg)
ABSENT(recvmsg)
ABSENT(sendto)
ABSENT(recvfrom)
ABSENT(sendmmsg)
ABSENT(recvmmsg)

/* 9P over TCP needs the stack. */
int ninep_tcp_mount(struct inode *target, const char *address, const struct ninep_options *options)
{
	(void)target;
	(void)options;
	pr_warn("9p: cannot mount %s with trans=tcp: this image has no network stack (yolk build "
		"--net links one): EPROTONOSUPPORT\n",
		address);
	return -EPROTONOSUPPORT;
}
