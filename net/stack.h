/* SPDX-License-Identifier: MIT */
/* The network stack's core: lwIP (built from Debian's source, third_party/lwip) inside the
 * kernel, driven through its raw API under one lock, the network lock. On one CPU the lock is
 * interrupts off: system calls, the NICs' interrupts and the stack's timer then never run lwIP
 * at the same time. With SMP it becomes a spin lock taken the same way. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/cpu.h"

struct cmdline;

/* The network lock. Held around every lwIP call; socket_sleep may be called with it held. */
static inline uint64_t net_lock(void)
{
	return interrupts_save();
}
void net_unlock(uint64_t flags);
/* What the lock's release does, for a thread about to sleep with it held: frames looped back
 * to a local address are delivered, lwIP's timer is armed. True when frames were delivered
 * (which may have changed what the sleeper waits for). */
bool net_flush(void);
/* Only the first half of that, for a reader of the stack's state that called no lwIP function
 * (poll): frames looped back are delivered; true when there were some. */
bool net_deliver_looped(void);

/* Starts lwIP, the loopback interface and the interfaces of the NICs found so far (DHCP, or
 * the ip=/gw=/dns= kernel options), and /proc/net. From kernel_main, after the drivers. */
void net_init(const struct cmdline *cmdline);
/* Runs lwIP's timers that are due and re-arms the stack's kernel timer (network lock held). */
void net_check_timeouts(void);
/* Registers /proc/net's files (net/proc_net.c). */
void net_proc_init(void);
/* PCI NICs without a virtio transport (e1000): probes the bus. */
void net_pci_probe(void);
